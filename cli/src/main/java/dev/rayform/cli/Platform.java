package dev.rayform.cli;

import dev.rayform.core.PlatformConfig;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.kafka.OutboxRelay;
import dev.rayform.core.kafka.TopicSetup;
import dev.rayform.devstack.DevStack;
import dev.rayform.gateway.GatewayOptions;
import dev.rayform.gateway.GatewayVerticle;
import dev.rayform.gateway.webhooks.WebhookDispatcher;
import dev.rayform.recon.model.ComputeDevice;
import dev.rayform.workers.jobs.CatalogHandler;
import dev.rayform.workers.jobs.DatasetHandler;
import dev.rayform.workers.jobs.EvaluateHandler;
import dev.rayform.workers.jobs.JobHandler;
import dev.rayform.workers.jobs.ModelCache;
import dev.rayform.workers.jobs.ReconstructHandler;
import dev.rayform.workers.jobs.TrainHandler;
import dev.rayform.workers.platform.WorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The platform in this JVM: the embedded default (devstack) or external services, the outbox
 * relay, and a gateway and/or a worker. Used by {@code serve} and by {@code convert} without a server.
 */
final class Platform implements AutoCloseable {
  final Vertx vertx;
  final PlatformServices services;
  final String devKey;
  final int port;
  private final DevStack stack;
  private final OutboxRelay relay;
  private final ModelCache models;

  private Platform(Vertx vertx, PlatformServices services, DevStack stack, OutboxRelay relay, String devKey, int port,
      ModelCache models) {
    this.models = models;
    this.vertx = vertx;
    this.services = services;
    this.stack = stack;
    this.relay = relay;
    this.devKey = devKey;
    this.port = port;
  }

  /**
   * Starts what {@code role} asks for (all, gateway, worker) over {@code config}, or over the
   * embedded default under {@code dataDir} when {@code config} is null. {@code port} 0 picks a free one.
   */
  static Platform start(PlatformConfig config, Path dataDir, Role role, int port, String devKey, String workerId) throws Exception {
    return start(config, dataDir, role, port, devKey, workerId, GatewayOptions.defaults());
  }

  /** As above, with the gateway's (and its webhook dispatcher's) options; the port is {@code port}'s. */
  static Platform start(PlatformConfig config, Path dataDir, Role role, int port, String devKey, String workerId,
      GatewayOptions gatewayOptions) throws Exception {
    return start(config, dataDir, role, port, devKey, workerId, gatewayOptions, WorkerSettings.defaults(), Duration.ofSeconds(30));
  }

  /**
   * As above; a worker takes the job types of {@code worker} and runs networks on its device, which
   * is checked first (a gpu that is not there fails before anything starts). {@code lease} is the
   * worker's job lease: a worker that stops answering for this long (killed, frozen) loses its jobs to
   * the others. A worker-only process makes no development key unless given one.
   */
  static Platform start(PlatformConfig config, Path dataDir, Role role, int port, String devKey, String workerId,
      GatewayOptions gatewayOptions, WorkerSettings worker, Duration lease) throws Exception {
    if (role.runsWorker() && worker.device() == ComputeDevice.GPU) {
      worker.device().resolve();
    }
    Files.createDirectories(dataDir);
    DevStack stack = null;
    if (config == null) {
      stack = DevStack.start(dataDir.resolve("stack"));
      DevStack.Config c = stack.config();
      config = new PlatformConfig(c.kafkaBootstrapServers(), c.pgHost(), c.pgPort(), c.pgDatabase(), c.pgUser(), c.pgPassword(),
          c.storeLocation(), c.s3AccessKey(), c.s3SecretKey(), workerId);
    }
    // Jobs run for minutes on worker threads by design: warn only past an hour.
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setMaxWorkerExecuteTime(1)
        .setMaxWorkerExecuteTimeUnit(TimeUnit.HOURS));
    PlatformServices services = PlatformServices.open(vertx, config);
    TopicSetup.ensure(config.kafkaBootstrapServers(), 4, (short) 1);
    String key = !role.runsGateway() && devKey == null ? null : developmentKey(services, dataDir, devKey);
    OutboxRelay relay = new OutboxRelay(vertx, services.pool(), config.kafkaBootstrapServers(), 200).start(50);
    Platform p = new Platform(vertx, services, stack, relay, key, port == 0 ? freePort() : port, new ModelCache(2, worker.device()));
    if (role.runsWorker()) {
      await(vertx.deployVerticle(new WorkerVerticle(services, handlers(worker, p.models), workerId, dataDir.resolve("worker"),
          lease)));
    }
    if (role.runsGateway()) {
      GatewayOptions options = gatewayOptions.withPort(p.port).withArtifactUrlTtl(Duration.ZERO);
      await(vertx.deployVerticle(new GatewayVerticle(services, options)));
      await(vertx.deployVerticle(new WebhookDispatcher(services.webhooks(), options.webhooks())));
    }
    return p;
  }

  /** The job handlers of the types {@code worker} takes, models on its device. */
  static List<JobHandler> handlers(WorkerSettings worker, ModelCache models) {
    List<JobHandler> all = List.of(new ReconstructHandler(models), new CatalogHandler(models), new DatasetHandler(),
        new TrainHandler(worker.device()), new EvaluateHandler(models));
    return all.stream().filter(h -> worker.jobTypes().contains(h.type())).toList();
  }

  String url() {
    return "http://localhost:" + port;
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
    await(services.repos().ensureTenant("dev", "Development").compose(v -> services.repos().addKey("dev", "development", k)));
    return key;
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static <T> T await(Future<T> f) throws Exception {
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
    models.close();
    if (stack != null) {
      stack.close();
    }
  }
}
