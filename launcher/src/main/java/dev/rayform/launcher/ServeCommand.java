package dev.rayform.launcher;

import dev.rayform.core.PlatformConfig;
import dev.rayform.core.job.JobType;
import dev.rayform.gateway.GatewayOptions;
import dev.rayform.gateway.webhooks.WebhookOptions;
import java.time.Duration;
import java.util.Set;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rayform serve}: the platform. With no external addresses it starts the embedded default
 * (Kafka, PostgreSQL and an S3-compatible store in-process, data under {@code --data-dir}; the
 * developer's distribution only) and runs the worker (and, with the gateway, the HTTP API) in this JVM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
      "Run the platform. Without --kafka/--pg/--store it starts the embedded default (in-process Kafka, PostgreSQL",
      "and S3-compatible store; data under --data-dir survives restarts) and prints a development API key."
    })
public final class ServeCommand implements Callable<Integer> {
  /** {@code --role}'s values as the chart and the README write them (lower case). */
  static final class RoleConverter implements picocli.CommandLine.ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      return Role.parse(value);
    }
  }

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--data-dir", defaultValue = ".rayform", description = "Embedded data and scratch. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--role", defaultValue = "all", converter = RoleConverter.class,
      description = "all, gateway or worker. Default: ${DEFAULT-VALUE}.")
  Role role;

  @Option(names = "--kafka", defaultValue = "${env:RAYFORM_KAFKA}", description = "Kafka bootstrap servers (or RAYFORM_KAFKA).")
  String kafka;

  @Option(names = "--pg", defaultValue = "${env:RAYFORM_PG}",
      description = "PostgreSQL as postgresql://user:password@host:port/database (or RAYFORM_PG).")
  String pg;

  @Option(names = "--store", defaultValue = "${env:RAYFORM_STORE}",
      description = "Object store: file:///path or s3://bucket?endpoint=...&region=... (or RAYFORM_STORE).")
  String store;

  @Option(names = "--dev-key", defaultValue = "${env:RAYFORM_DEV_KEY}",
      description = "The development API key to create (or RAYFORM_DEV_KEY); generated and kept in --data-dir otherwise.")
  String devKey;

  @Option(names = "--job-types", paramLabel = "TYPES", defaultValue = "${env:RAYFORM_JOB_TYPES}",
      description = "Job types this process's worker takes, comma-separated"
      + " (reconstruct, catalog, dataset, train, evaluate), or all (or RAYFORM_JOB_TYPES). Default: all.")
  String jobTypes;

  @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "${env:RAYFORM_DEVICE}",
      description = "Where the worker runs networks: cpu, gpu or auto (or"
      + " RAYFORM_DEVICE). Default: auto, a GPU when libtorch sees one. gpu without one fails at start; a GPU needs the -Pcuda build.")
  String device;

  @Option(names = "--worker-id", description = "This worker's name in leases (default: host and process).")
  String workerId;

  @Option(names = "--lease", defaultValue = "30", description = {
      "Seconds a worker's claim on a job lasts without a heartbeat; a worker silent for longer (killed, frozen)",
      "loses the job to another. Default: ${DEFAULT-VALUE}."})
  int leaseSeconds;

  @Option(names = "--allow-private-webhooks", defaultValue = "${env:RAYFORM_ALLOW_PRIVATE_WEBHOOKS:-false}", description = {
      "Let webhooks reach loopback, private and link-local addresses (or RAYFORM_ALLOW_PRIVATE_WEBHOOKS=true).",
      "For development only: it lets API users make the server call internal services."})
  boolean allowPrivateWebhooks;

  @Override
  public Integer call() throws Exception {
    Set<JobType> types = JobType.parseList(jobTypes);
    String worker = workerId != null ? workerId : ProcessHandle.current().pid() + "@" + java.net.InetAddress.getLocalHost().getHostName();
    PlatformConfig config = null;
    if (kafka != null || pg != null || store != null) {
      if (kafka == null || pg == null || store == null) {
        throw new IllegalArgumentException("give all of --kafka, --pg and --store (or none, for the embedded default)");
      }
      PgUrl db = PgUrl.parse(pg);
      // The store's credentials come only from the environment: a secret on the command line shows in ps.
      config = new PlatformConfig(kafka, db.host(), db.port(), db.database(), db.user(), db.password(), store,
          System.getenv("RAYFORM_STORE_ACCESS_KEY"), System.getenv("RAYFORM_STORE_SECRET_KEY"), worker);
    }
    long t0 = System.nanoTime();
    boolean allowPrivate = allowPrivateWebhooks;
    GatewayOptions options = GatewayOptions.defaults().withWebhooks(WebhookOptions.defaults().withAllowPrivate(allowPrivate));
    Platform platform = Platform.builder().optConfig(config).setDataDir(dataDir).optRole(role).optPort(port).optDevKey(devKey)
        .setWorkerId(worker).optGateway(options).optJobTypes(types).optDevice(device).optLease(Duration.ofSeconds(leaseSeconds))
        .start();
    if (allowPrivate) {
      System.err.println("warning: webhooks may reach private and loopback addresses (--allow-private-webhooks)");
    }
    System.err.printf("ready in %.1f s%s%n", (System.nanoTime() - t0) / 1e9, config == null ? " (embedded Kafka, PostgreSQL and S3; data in " + dataDir + ")" : "");
    if (role.runsGateway()) {
      System.out.println("rayform dashboard at " + platform.url() + "/ (API: " + platform.url() + "/v1, OpenAPI: " + platform.url() + "/openapi.yaml)");
    }
    System.out.println("rayform is running (" + role.label() + ")");
    if (role.runsWorker()) {
      System.out.println("  worker takes: " + types.stream().sorted().map(JobType::apiName)
          .collect(java.util.stream.Collectors.joining(",")) + " (device " + platform.workerDevice() + ")");
    }
    if (platform.devKey() != null) {
      System.out.println("  API key (development tenant): " + platform.devKey());
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      platform.close();
      stop.countDown();
    }));
    stop.await();
    return 0;
  }
}
