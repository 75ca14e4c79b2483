package dev.rayform.cli;

import dev.rayform.core.PlatformConfig;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.kafka.OutboxRelay;
import dev.rayform.core.kafka.TopicSetup;
import dev.rayform.devstack.DevStack;
import dev.rayform.gateway.GatewayOptions;
import dev.rayform.gateway.GatewayVerticle;
import dev.rayform.workers.jobs.CatalogHandler;
import dev.rayform.workers.jobs.DatasetHandler;
import dev.rayform.workers.jobs.EvaluateHandler;
import dev.rayform.workers.jobs.ModelCache;
import dev.rayform.workers.jobs.ReconstructHandler;
import dev.rayform.workers.jobs.TrainHandler;
import dev.rayform.workers.platform.WorkerVerticle;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rayform serve}: the platform. With no external addresses it starts the embedded default
 * (Kafka, PostgreSQL and an S3-compatible store in-process, data under {@code --data-dir}) and runs
 * the worker (and, with the gateway, the HTTP API) in this JVM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
      "Run the platform. Without --kafka/--pg/--store it starts the embedded default (in-process Kafka, PostgreSQL",
      "and S3-compatible store; data under --data-dir survives restarts) and prints a development API key."
    })
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--data-dir", defaultValue = ".rayform", description = "Embedded data and scratch. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--role", defaultValue = "all", description = "all, gateway or worker. Default: ${DEFAULT-VALUE}.")
  String role;

  @Option(names = "--kafka", description = "Kafka bootstrap servers (or RAYFORM_KAFKA).")
  String kafka;

  @Option(names = "--pg", description = "PostgreSQL as postgresql://user:password@host:port/database (or RAYFORM_PG).")
  String pg;

  @Option(names = "--store", description = "Object store: file:///path or s3://bucket?endpoint=...&region=... (or RAYFORM_STORE).")
  String store;

  @Option(names = "--dev-key", description = "The development API key to create (or RAYFORM_DEV_KEY); generated and kept in --data-dir otherwise.")
  String devKey;

  @Option(names = "--worker-id", description = "This worker's name in leases (default: host and process).")
  String workerId;

  @Override
  public Integer call() throws Exception {
    kafka = kafka != null ? kafka : System.getenv("RAYFORM_KAFKA");
    pg = pg != null ? pg : System.getenv("RAYFORM_PG");
    store = store != null ? store : System.getenv("RAYFORM_STORE");
    devKey = devKey != null ? devKey : System.getenv("RAYFORM_DEV_KEY");
    String worker = workerId != null ? workerId : ProcessHandle.current().pid() + "@" + java.net.InetAddress.getLocalHost().getHostName();
    Files.createDirectories(dataDir);
    DevStack stack = null;
    PlatformConfig config;
    if (kafka == null && pg == null && store == null) {
      long t0 = System.nanoTime();
      stack = DevStack.start(dataDir.resolve("stack"));
      DevStack.Config c = stack.config();
      config = new PlatformConfig(c.kafkaBootstrapServers(), c.pgHost(), c.pgPort(), c.pgDatabase(), c.pgUser(), c.pgPassword(),
          "s3://" + c.s3Bucket() + "?endpoint=" + c.s3Endpoint() + "&region=" + c.s3Region(), c.s3AccessKey(), c.s3SecretKey(), worker);
      System.err.printf("embedded Kafka, PostgreSQL and S3 ready in %.1f s (data in %s)%n", (System.nanoTime() - t0) / 1e9, dataDir);
    } else if (kafka == null || pg == null || store == null) {
      throw new IllegalArgumentException("give all of --kafka, --pg and --store (or none, for the embedded default)");
    } else {
      URI u = URI.create(pg);
      String[] userInfo = u.getUserInfo() == null ? new String[] {"postgres", ""} : u.getUserInfo().split(":", 2);
      config = new PlatformConfig(kafka, u.getHost(), u.getPort() > 0 ? u.getPort() : 5432, u.getPath().replaceFirst("^/", ""),
          userInfo[0], userInfo.length > 1 ? userInfo[1] : "", store, System.getenv("RAYFORM_STORE_ACCESS_KEY"),
          System.getenv("RAYFORM_STORE_SECRET_KEY"), worker);
    }
    Vertx vertx = Vertx.vertx();
    PlatformServices services = PlatformServices.open(vertx, config);
    TopicSetup.ensure(config.kafkaBootstrapServers(), 4, (short) 1);
    String key = developmentKey(services);
    OutboxRelay relay = new OutboxRelay(vertx, services.pool(), config.kafkaBootstrapServers(), 200).start(100);
    ModelCache models = new ModelCache(2);
    if (!"gateway".equals(role)) {
      WorkerVerticle workerVerticle = new WorkerVerticle(services, List.of(new ReconstructHandler(models), new CatalogHandler(models), new DatasetHandler(),
          new TrainHandler(), new EvaluateHandler(models)), worker, dataDir.resolve("worker"), Duration.ofSeconds(30));
      vertx.deployVerticle(workerVerticle).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    if (!"worker".equals(role)) {
      vertx.deployVerticle(new GatewayVerticle(services, GatewayOptions.defaults().withPort(port)
              .withArtifactUrlTtl(java.time.Duration.ZERO)))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      System.out.println("rayform API at http://localhost:" + port + "/ (OpenAPI: http://localhost:" + port + "/openapi.yaml)");
    }
    System.out.println("rayform is running (" + role + ")");
    System.out.println("  API key (development tenant): " + key);
    CountDownLatch stop = new CountDownLatch(1);
    DevStack stackToClose = stack;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        relay.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // Shutting down anyway.
      }
      models.close();
      if (stackToClose != null) {
        stackToClose.close();
      }
      stop.countDown();
    }));
    stop.await();
    return 0;
  }

  /** The development tenant's key: given, or generated once and kept in the data folder. */
  private String developmentKey(PlatformServices services) throws Exception {
    String key = devKey;
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
    services.repos().ensureTenant("dev", "Development")
        .compose(v -> services.repos().addKey("dev", "development", k))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return key;
  }
}
