package dev.rayform.launcher;

import dev.rayform.core.PlatformConfig;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.JobType;
import dev.rayform.core.kafka.OutboxRelay;
import dev.rayform.core.kafka.TopicSetup;
import dev.rayform.core.launch.EmbeddedStack;
import dev.rayform.core.launch.WorkerRuntime;
import dev.rayform.gateway.GatewayOptions;
import dev.rayform.gateway.GatewayVerticle;
import dev.rayform.gateway.webhooks.WebhookDispatcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The platform in this JVM: external services or the embedded default ({@link EmbeddedStack}, in
 * the developer's distribution only), the outbox relay, and a gateway and/or a worker
 * ({@link WorkerRuntime}, absent from the gateway image). Used by {@code serve}, and by the tools'
 * {@code convert} without a server.
 */
public final class Platform implements AutoCloseable {
  private final Vertx vertx;
  private final PlatformServices services;
  private final String devKey;
  private final int port;
  private final EmbeddedStack stack;
  private final OutboxRelay relay;
  private final WorkerRuntime worker;

  private Platform(Vertx vertx, PlatformServices services, EmbeddedStack stack, OutboxRelay relay, String devKey, int port,
      WorkerRuntime worker) {
    this.vertx = vertx;
    this.services = services;
    this.stack = stack;
    this.relay = relay;
    this.devKey = devKey;
    this.port = port;
    this.worker = worker;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What to start; {@code setDataDir} and {@code setWorkerId} are required. */
  public static final class Builder {
    private PlatformConfig config;
    private Path dataDir;
    private Role role = Role.ALL;
    private int port;
    private String devKey;
    private String workerId;
    private GatewayOptions gateway = GatewayOptions.defaults();
    private Set<JobType> jobTypes = EnumSet.allOf(JobType.class);
    private String device;
    private Duration lease = Duration.ofSeconds(30);

    private Builder() {}

    /** External services; without it, the embedded default under the data folder. */
    public Builder optConfig(PlatformConfig value) {
      config = value;
      return this;
    }

    /** The embedded default's data, the worker's scratch and the development key's file. */
    public Builder setDataDir(Path value) {
      dataDir = value;
      return this;
    }

    /** The gateway, a worker, or both (the default). */
    public Builder optRole(Role value) {
      role = Objects.requireNonNull(value, "role");
      return this;
    }

    /** The gateway's HTTP port; 0 (the default) picks a free one. */
    public Builder optPort(int value) {
      port = value;
      return this;
    }

    /** The development tenant's key; generated and kept in the data folder when not given. */
    public Builder optDevKey(String value) {
      devKey = value;
      return this;
    }

    /** This process's name in job leases. */
    public Builder setWorkerId(String value) {
      workerId = value;
      return this;
    }

    /** The gateway's (and its webhook dispatcher's) options; the port is the builder's. */
    public Builder optGateway(GatewayOptions value) {
      gateway = Objects.requireNonNull(value, "gateway options");
      return this;
    }

    /** The job types the worker takes (default: all). */
    public Builder optJobTypes(Set<JobType> value) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("a worker needs at least one job type");
      }
      jobTypes = Set.copyOf(value);
      return this;
    }

    /** Where the worker runs networks: cpu, gpu or auto (null, the default: auto). */
    public Builder optDevice(String value) {
      device = value;
      return this;
    }

    /**
     * The worker's job lease: a worker that stops answering for this long (killed, frozen) loses its
     * jobs to the others. Default 30 s.
     */
    public Builder optLease(Duration value) {
      if (value.compareTo(Duration.ofSeconds(2)) < 0) {
        throw new IllegalArgumentException("--lease must be at least 2 seconds");
      }
      lease = value;
      return this;
    }

    /**
     * Starts what the role asks for. The worker (and its device: a gpu that is not there) is checked
     * first, then the embedded default's availability, before anything starts. A worker-only process
     * makes no development key unless given one.
     */
    public Platform start() throws Exception {
      Objects.requireNonNull(dataDir, "data dir");
      Objects.requireNonNull(workerId, "worker id");
      WorkerRuntime worker = role.runsWorker() ? WorkerRuntime.requireFactory().create(jobTypes, device) : null;
      EmbeddedStack stack = null;
      try {
        EmbeddedStack.Provider embedded = config == null ? EmbeddedStack.requireProvider() : null;
        Files.createDirectories(dataDir);
        PlatformConfig c = config;
        if (embedded != null) {
          stack = embedded.start(dataDir.resolve("stack"));
          c = stack.config(workerId);
        }
        // Jobs run for minutes on worker threads by design: warn only past an hour.
        Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setMaxWorkerExecuteTime(1)
            .setMaxWorkerExecuteTimeUnit(TimeUnit.HOURS));
        PlatformServices services = PlatformServices.open(vertx, c);
        TopicSetup.ensure(c.kafkaBootstrapServers(), 4, (short) 1);
        String key = !role.runsGateway() && devKey == null ? null : developmentKey(services, dataDir, devKey);
        OutboxRelay relay = OutboxRelay.start(vertx, services, 200, 50);
        Platform p = new Platform(vertx, services, stack, relay, key, port == 0 ? freePort() : port, worker);
        if (worker != null) {
          await(worker.deploy(vertx, services, workerId, dataDir.resolve("worker"), lease));
        }
        if (role.runsGateway()) {
          GatewayOptions options = gateway.withPort(p.port).withArtifactUrlTtl(Duration.ZERO);
          await(vertx.deployVerticle(new GatewayVerticle(services, options)));
          await(vertx.deployVerticle(new WebhookDispatcher(services.webhooks(), options.webhooks())));
        }
        return p;
      } catch (Exception | Error e) {
        if (worker != null) {
          worker.close();
        }
        if (stack != null) {
          stack.close();
        }
        throw e;
      }
    }
  }

  public PlatformServices services() {
    return services;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The development tenant's key, or null for a worker-only process given none. */
  public String devKey() {
    return devKey;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://localhost:" + port;
  }

  /** The device label of this process's worker, or null without one. */
  public String workerDevice() {
    return worker == null ? null : worker.deviceLabel();
  }

  /** The development tenant's key: given, or generated once and kept in the data folder. */
  private static String developmentKey(PlatformServices services, Path dataDir, String given) throws Exception {
    String key = given;
    Path file = dataDir.resolve("dev-key");
    if (key == null && Files.exists(file)) {
      key = Files.readString(file).strip();
    }
    if (key == null) {
      byte[] raw = new byte[24];
      new SecureRandom().nextBytes(raw);
      key = "rf_dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      Files.writeString(file, key);
    }
    String k = key;
    await(services.tenants().ensure("dev", "Development").compose(v -> services.tenants().addKey("dev", "development", k)));
    return key;
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Waits for {@code f} (at most two minutes): the command line's bridge to Vert.x futures. */
  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      await(relay.stop());
      await(vertx.close());
    } catch (Exception ignored) {
      // Closing anyway.
    }
    if (worker != null) {
      worker.close();
    }
    if (stack != null) {
      stack.close();
    }
  }
}
