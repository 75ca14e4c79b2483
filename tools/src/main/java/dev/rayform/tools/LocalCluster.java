package dev.rayform.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform as separate OS processes on this machine, started from this JVM's classpath (what
 * scripts/cluster-up does from the launcher): a Kafka broker, PostgreSQL and the S3 store, each
 * {@code rayform infra ...} alone, one gateway and N workers ({@code rayform serve --role ...}).
 * Every process logs to its own file under the run folder. Used by the fault-injection tests and
 * by {@code rayform bench platform --workers N}: processes can be killed ({@link #kill}, SIGKILL),
 * stopped ({@link #stop}, SIGTERM) and started again on the same data and ports ({@link #start}).
 */
final class LocalCluster implements AutoCloseable {
  static final String KAFKA = "kafka";
  static final String POSTGRES = "postgres";
  static final String S3 = "s3";
  static final String GATEWAY = "gateway";

  /** How to size the processes; {@code workerThreads} 0 leaves libtorch's default (one per core). */
  record Options(int workers, int leaseSeconds, String workerHeap, int workerThreads) {
    static Options of(int workers) {
      return new Options(workers, 5, "1536m", 0);
    }

    Options withLease(int seconds) {
      return new Options(workers, seconds, workerHeap, workerThreads);
    }

    Options withWorkerThreads(int threads) {
      return new Options(workers, leaseSeconds, workerHeap, threads);
    }
  }

  /** One process of the cluster: its command, its log, and the line that says it is ready. */
  final class Node {
    final String name;
    final List<String> args;
    final String heap;
    final Pattern ready;
    final Path log;
    Process process;
    String readyLine;

    Node(String name, String heap, Pattern ready, List<String> args) {
      this.name = name;
      this.heap = heap;
      this.ready = ready;
      this.args = args;
      this.log = dir.resolve("logs").resolve(name + ".log");
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    long pid() {
      return process.pid();
    }

    /** The log so far (for assertion messages). */
    String logTail() {
      try {
        String s = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
      } catch (IOException e) {
        return "(log unreadable: " + e.getMessage() + ")";
      }
    }
  }

  final Path dir;
  final Options options;
  final String apiKey;
  final int gatewayPort;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Path root;
  private String kafka;
  private String pg;
  private String store;

  private LocalCluster(Path dir, Options options) throws IOException {
    this.dir = dir.toAbsolutePath();
    this.options = options;
    this.root = repositoryRoot();
    byte[] raw = new byte[18];
    new SecureRandom().nextBytes(raw);
    this.apiKey = "rf_dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try (ServerSocket s = new ServerSocket(0)) {
      this.gatewayPort = s.getLocalPort();
    }
    Files.createDirectories(this.dir.resolve("logs"));
  }

  /**
   * Starts everything under {@code dir} (infrastructure in parallel, then the gateway and workers in
   * parallel) and returns once each process printed its ready line and the gateway's /ready is 200.
   */
  static LocalCluster start(Path dir, Options options) throws Exception {
    LocalCluster c = new LocalCluster(dir, options);
    try {
      for (String s : List.of(KAFKA, POSTGRES, S3)) {
        c.add(c.new Node(s, "384m", Pattern.compile(s + " ready: (\\S+)"),
            List.of("infra", s, "--dir", c.dir.resolve("data").resolve(s).toString())));
      }
      c.launch(KAFKA);
      c.launch(POSTGRES);
      c.launch(S3);
      c.kafka = c.awaitReady(KAFKA).group(1);
      c.pg = c.awaitReady(POSTGRES).group(1);
      c.store = c.awaitReady(S3).group(1);
      c.add(c.new Node(GATEWAY, "640m", Pattern.compile("rayform is running \\(gateway\\)"), List.of("serve", "--role", "gateway",
          "--port", String.valueOf(c.gatewayPort), "--dev-key", c.apiKey, "--data-dir", c.dir.resolve("data/gateway").toString())));
      for (int i = 1; i <= options.workers(); i++) {
        c.addWorker("worker-" + i);
      }
      for (String n : c.nodes.keySet()) {
        if (!n.equals(KAFKA) && !n.equals(POSTGRES) && !n.equals(S3)) {
          c.launch(n);
        }
      }
      for (String n : c.nodes.keySet()) {
        c.awaitReady(n);
      }
      c.awaitGatewayReady(Duration.ofSeconds(60));
      return c;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
  }

  private void addWorker(String name) {
    add(new Node(name, options.workerHeap(), Pattern.compile("rayform is running \\(worker\\)"), List.of("serve", "--role", "worker",
        "--worker-id", name, "--lease", String.valueOf(options.leaseSeconds()), "--data-dir", dir.resolve("data").resolve(name).toString())));
  }

  private void add(Node n) {
    nodes.put(n.name, n);
  }

  String url() {
    return "http://127.0.0.1:" + gatewayPort;
  }

  String kafkaBootstrap() {
    return kafka;
  }

  /** {@code postgresql://user:password@host:port/database}. */
  String pgUri() {
    return pg;
  }

  String jdbcUrl() {
    return "jdbc:" + pg.replaceFirst("//[^@]*@", "//");
  }

  String storeLocation() {
    return store;
  }

  Node node(String name) {
    Node n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException("no process " + name + " in this cluster");
    }
    return n;
  }

  List<String> workers() {
    return nodes.keySet().stream().filter(n -> n.startsWith("worker-")).toList();
  }

  /** SIGKILL ({@code kill -9}); returns once the process is gone. */
  void kill(String name) throws InterruptedException {
    Node n = node(name);
    if (n.alive()) {
      n.process.destroyForcibly();
      n.process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** SIGTERM, then SIGKILL after 30 s; returns once the process is gone. */
  void stop(String name) throws InterruptedException {
    Node n = node(name);
    if (n.alive()) {
      n.process.destroy();
      if (!n.process.waitFor(30, TimeUnit.SECONDS)) {
        n.process.destroyForcibly();
        n.process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Starts a stopped process again (same command, data and port) and waits for its ready line. */
  void start(String name) throws Exception {
    launch(name);
    awaitReady(name);
  }

  /** Adds and starts one more worker. */
  String addAndStartWorker() throws Exception {
    String name = "worker-" + (workers().size() + 1);
    addWorker(name);
    start(name);
    return name;
  }

  private void launch(String name) throws IOException {
    Node n = node(name);
    if (n.alive()) {
      throw new IllegalStateException(name + " is already running");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + n.heap);
    cmd.add("-XX:+UseSerialGC");
    if (!n.name.startsWith("worker-")) {
      cmd.add("-XX:TieredStopAtLevel=1");
    }
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
    if (n.name.startsWith("worker-") && options.workerThreads() > 0) {
      cmd.add("-Dai.djl.pytorch.num_threads=" + options.workerThreads());
    }
    cmd.add("-Drayform.root=" + root);
    for (String p : List.of("rayform.home", "rayform.model")) {
      if (System.getProperty(p) != null) {
        cmd.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(n.args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(n.log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("MALLOC_ARENA_MAX", "2");
    if (kafka != null) {
      env.put("RAYFORM_KAFKA", kafka);
      env.put("RAYFORM_PG", pg);
      env.put("RAYFORM_STORE", store);
      env.put("RAYFORM_STORE_ACCESS_KEY", "rayform-dev");
      env.put("RAYFORM_STORE_SECRET_KEY", "rayform-dev-secret");
    }
    Files.writeString(n.log, "---- " + java.time.OffsetDateTime.now() + " start " + String.join(" ", n.args) + "\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    n.readyLine = null;
    n.process = pb.start();
    Files.writeString(dir.resolve("logs").resolve(name + ".pid"), n.process.pid() + "\n");
  }

  /** Waits (up to 3 minutes) for the ready line printed after the latest start. */
  private Matcher awaitReady(String name) throws Exception {
    Node n = node(name);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(n.log, StandardCharsets.UTF_8);
      String current = text.substring(Math.max(0, text.lastIndexOf("---- ")));
      Matcher m = n.ready.matcher(current);
      if (m.find()) {
        n.readyLine = m.group();
        return m;
      }
      if (!n.alive()) {
        throw new IllegalStateException(name + " exited (" + n.process.exitValue() + ") before it was ready:\n" + n.logTail());
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + " not ready after 3 minutes:\n" + n.logTail());
  }

  /** Polls the gateway's /ready until 200. */
  void awaitGatewayReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url() + "/ready")).timeout(Duration.ofSeconds(5)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("gateway /ready did not answer 200 within " + timeout + ": " + last);
  }

  /** Stops the gateway and workers, then the infrastructure (SIGTERM, SIGKILL after 30 s). */
  @Override
  public void close() {
    List<Node> apps = nodes.values().stream().filter(n -> !List.of(KAFKA, POSTGRES, S3).contains(n.name)).toList();
    List<Node> infra = nodes.values().stream().filter(n -> List.of(KAFKA, POSTGRES, S3).contains(n.name)).toList();
    for (List<Node> group : List.of(apps, infra)) {
      group.stream().filter(Node::alive).forEach(n -> n.process.destroy());
      for (Node n : group) {
        try {
          if (n.process != null && !n.process.waitFor(30, TimeUnit.SECONDS)) {
            n.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          n.process.destroyForcibly();
        }
      }
    }
  }

  /** The repository (for models/default): rayform.root, else the nearest folder up with models/default. */
  static Path repositoryRoot() {
    String configured = System.getProperty("rayform.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("models/default/model.json"))) {
        return p;
      }
    }
    throw new UncheckedIOException(new IOException("no models/default above " + Path.of("").toAbsolutePath()));
  }
}
