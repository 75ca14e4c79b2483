package dev.rayform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded services alone until interrupted, for poking at them with other tools:
 * {@code java -cp ... dev.rayform.devstack.DevStackMain [dataDir]} (default {@code .rayform}).
 * With {@code --once} it starts, prints, and stops (used to measure start times).
 *
 * <p>{@code DevStackMain kafka|postgres|s3 DIR [PORT]} runs one service alone in this process (the
 * local cluster's standalone infrastructure; {@code rayform infra} calls {@link #runService}): it
 * prints one line {@code <service> ready: <address>} when it answers and runs until SIGTERM,
 * which stops it cleanly. Ports (given, or picked once) are kept in {@code DIR/ports}, so a
 * restart on the same folder comes back on the same address with the same data.
 */
public final class DevStackMain {

  /** The services that run alone. */
  public enum Service { KAFKA, POSTGRES, S3 }

  private DevStackMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].matches("kafka|postgres|s3")) {
      Service service = Service.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
      runService(service, Path.of(args.length > 1 ? args[1] : ".rayform/" + args[0]), args.length > 2 ? Integer.parseInt(args[2]) : 0);
      return;
    }
    boolean once = args.length > 0 && args[args.length - 1].equals("--once");
    Path dataDir = Path.of(args.length > (once ? 1 : 0) ? args[0] : ".rayform");
    long t = System.nanoTime();
    DevStack stack = DevStack.start(dataDir);
    System.out.println("devstack up in " + (System.nanoTime() - t) / 1_000_000 + " ms ("
        + stack.startTimes() + ")");
    System.out.println(stack.config());
    System.out.println("jdbc: " + stack.config().jdbcUrl());
    if (once) {
      stack.close();
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      stopped.countDown();
    }, "devstack-shutdown"));
    stopped.await();
  }

  /** One service started alone: its address in the form {@code rayform serve} takes, and how to stop it. */
  public record Running(Service service, String address, AutoCloseable handle) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      handle.close();
    }
  }

  /**
   * Starts {@code service} with its data under {@code dir} on {@code port} (0: the port kept in
   * {@code dir/ports}, else a free one). Addresses: Kafka {@code 127.0.0.1:port}; PostgreSQL
   * {@code postgresql://postgres:postgres@127.0.0.1:port/rayform}; S3
   * {@code s3://rayform?endpoint=...&region=us-east-1} (keys {@code rayform-dev} /
   * {@code rayform-dev-secret}).
   */
  public static Running startService(Service service, Path dir, int port) {
    Path root = dir.toAbsolutePath();
    PortFile ports = new PortFile(root.resolve("ports"));
    int p = port > 0 ? port : ports.get("port");
    switch (service) {
      case KAFKA -> {
        EmbeddedKafka kafka = new EmbeddedKafka(root, p, ports.get("controller"));
        ports.put("port", kafka.brokerPort(), "controller", kafka.controllerPort());
        kafka.start();
        return new Running(service, kafka.bootstrapServers(), kafka);
      }
      case POSTGRES -> {
        EmbeddedPostgres pg = new EmbeddedPostgres(root, p, EmbeddedPostgres.DEFAULT_DATABASE);
        ports.put("port", pg.port());
        pg.start();
        watchPostmaster(pg);
        return new Running(service, "postgresql://" + pg.user() + ":" + pg.password() + "@" + pg.host() + ":" + pg.port() + "/"
            + pg.database(), pg);
      }
      case S3 -> {
        EmbeddedS3 s3 = new EmbeddedS3(root.resolve("data"), p, DevStack.DEFAULT_BUCKET, EmbeddedS3.DEFAULT_ACCESS_KEY, EmbeddedS3.DEFAULT_SECRET_KEY);
        ports.put("port", s3.port());
        s3.start();
        return new Running(service, "s3://" + s3.bucket() + "?endpoint=" + s3.endpoint() + "&region=" + s3.region(), s3);
      }
      default -> throw new IllegalArgumentException(service.toString());
    }
  }

  /**
   * Runs one service until this process gets SIGTERM (or Ctrl-C): starts it, prints
   * {@code <service> ready: <address>}, and stops it cleanly from a shutdown hook.
   */
  public static void runService(Service service, Path dir, int port) throws InterruptedException {
    long t = System.nanoTime();
    Running running = startService(service, dir, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        System.err.println(service.name().toLowerCase(java.util.Locale.ROOT) + " did not stop cleanly: " + e);
      }
      stopped.countDown();
    }, "devstack-" + service.name().toLowerCase(java.util.Locale.ROOT) + "-shutdown"));
    System.err.printf("%s started in %.1f s (data in %s)%n", service.name().toLowerCase(java.util.Locale.ROOT),
        (System.nanoTime() - t) / 1e9, dir.toAbsolutePath());
    System.out.println(service.name().toLowerCase(java.util.Locale.ROOT) + " ready: " + running.address());
    System.out.flush();
    stopped.await();
  }

  /**
   * zonky's {@code pg_ctl} detaches the postmaster, so a SIGKILL of this JVM (no shutdown hooks)
   * would leave PostgreSQL running with nobody to stop it. A small watchdog process stops it with a
   * fast shutdown once this JVM is gone, but only while the cluster's {@code postmaster.pid} still
   * names that postmaster (after a clean stop the file is gone and the watchdog just exits).
   */
  private static void watchPostmaster(EmbeddedPostgres pg) {
    OptionalLong postmaster = pg.postmasterPid();
    if (postmaster.isEmpty()) {
      return;
    }
    long me = ProcessHandle.current().pid();
    long pid = postmaster.getAsLong();
    String pidFile = pg.clusterDir().resolve("postmaster.pid").toString().replace("'", "'\\''");
    String script = "while kill -0 " + me + " 2>/dev/null; do sleep 0.5; done; "
        + "if [ \"$(head -n 1 '" + pidFile + "' 2>/dev/null)\" = \"" + pid + "\" ]; then kill -INT " + pid + "; fi";
    try {
      new ProcessBuilder("sh", "-c", script)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      System.err.println("postgres: no watchdog (" + e.getMessage() + "); stop this process with SIGTERM, not SIGKILL");
    }
  }

  /** {@code name=port} lines kept in the service's folder. */
  private record PortFile(Path file) {
    int get(String name) {
      try {
        if (!Files.exists(file)) {
          return 0;
        }
        for (String line : Files.readAllLines(file)) {
          String[] kv = line.split("=", 2);
          if (kv.length == 2 && kv[0].strip().equals(name)) {
            return Integer.parseInt(kv[1].strip());
          }
        }
        return 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void put(Object... namesAndPorts) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < namesAndPorts.length; i += 2) {
        text.append(namesAndPorts[i]).append('=').append(namesAndPorts[i + 1]).append('\n');
      }
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
