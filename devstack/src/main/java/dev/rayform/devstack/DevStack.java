package dev.rayform.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The embedded default: Kafka, PostgreSQL and an S3 store in one process, data under one folder.
 *
 * <pre>{@code
 * try (DevStack stack = DevStack.start(Path.of(".rayform"))) {
 *   DevStack.Config config = stack.config();
 *   ...
 * }
 * }</pre>
 *
 * <p>The three services start in parallel (Kafka's start dominates); {@link #close()} stops them
 * in reverse order.
 */
public final class DevStack implements AutoCloseable {

  /** Bucket created on first start when none is named. */
  public static final String DEFAULT_BUCKET = "rayform";

  private final EmbeddedKafka kafka;
  private final EmbeddedPostgres postgres;
  private final EmbeddedS3 s3;
  private final StartTimes startTimes;

  private DevStack(EmbeddedKafka kafka, EmbeddedPostgres postgres, EmbeddedS3 s3, StartTimes times) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.s3 = s3;
    this.startTimes = times;
  }

  /** Starts everything under {@code dataDir} ({@code kafka/}, {@code postgres/}, {@code s3/}). */
  public static DevStack start(Path dataDir) {
    return start(dataDir, DEFAULT_BUCKET);
  }

  /** As {@link #start(Path)}, ensuring {@code bucket} exists in the S3 store. */
  public static DevStack start(Path dataDir, String bucket) {
    Path root = dataDir.toAbsolutePath();
    EmbeddedKafka kafka = new EmbeddedKafka(root.resolve("kafka"));
    EmbeddedPostgres postgres = new EmbeddedPostgres(root.resolve("postgres"));
    EmbeddedS3 s3 = new EmbeddedS3(root.resolve("s3"), bucket);

    long t0 = System.nanoTime();
    // Plain (non-daemon) threads: some server threads inherit the daemon flag of their creator.
    ExecutorService pool = Executors.newFixedThreadPool(3, r -> new Thread(r, "devstack-start"));
    try {
      CompletableFuture<Duration> kafkaUp = timed(kafka::start, pool);
      CompletableFuture<Duration> postgresUp = timed(postgres::start, pool);
      CompletableFuture<Duration> s3Up = timed(s3::start, pool);
      try {
        CompletableFuture.allOf(kafkaUp, postgresUp, s3Up).join();
      } catch (CompletionException e) {
        // Let the others finish starting before stopping them, or they would leak.
        awaitQuietly(kafkaUp, postgresUp, s3Up);
        stopAll(s3, postgres, kafka);
        throw unwrap(e);
      }
      StartTimes times = new StartTimes(kafkaUp.join(), postgresUp.join(), s3Up.join(),
          Duration.ofNanos(System.nanoTime() - t0));
      return new DevStack(kafka, postgres, s3, times);
    } finally {
      pool.shutdown();
    }
  }

  /** The connection settings the platform reads instead of external addresses. */
  public Config config() {
    return new Config(kafka.bootstrapServers(),
        postgres.host(), postgres.port(), postgres.database(), postgres.user(), postgres.password(),
        s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(), s3.secretKey());
  }

  public StartTimes startTimes() {
    return startTimes;
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public EmbeddedPostgres postgres() {
    return postgres;
  }

  public EmbeddedS3 s3() {
    return s3;
  }

  /** Stops S3, PostgreSQL, then Kafka; every one is attempted even if another fails. */
  @Override
  public void close() {
    stopAll(s3, postgres, kafka);
  }

  /**
   * Connection settings of the embedded services.
   *
   * @param kafkaBootstrapServers {@code host:port} of the broker
   * @param s3Endpoint base URL; clients must use path-style access
   */
  public record Config(
      String kafkaBootstrapServers,
      String pgHost, int pgPort, String pgDatabase, String pgUser, String pgPassword,
      URI s3Endpoint, String s3Region, String s3Bucket, String s3AccessKey, String s3SecretKey) {

    /** JDBC URL of the platform database (Flyway). */
    public String jdbcUrl() {
      return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + pgDatabase;
    }

    /** The object-store location the platform reads ({@code s3://bucket?endpoint=...&region=...}). */
    public String storeLocation() {
      return "s3://" + s3Bucket + "?endpoint=" + java.net.URLEncoder.encode(s3Endpoint.toString(), java.nio.charset.StandardCharsets.UTF_8)
          + "&region=" + s3Region;
    }

    /** Printable form with the secrets masked. */
    @Override
    public String toString() {
      return "kafka=" + kafkaBootstrapServers
          + " pg=" + pgUser + "@" + pgHost + ":" + pgPort + "/" + pgDatabase
          + " s3=" + s3Endpoint + "/" + s3Bucket + " (" + s3Region + ", key " + s3AccessKey + ")";
    }
  }

  /** How long each service took to become ready, and the wall time of the parallel start. */
  public record StartTimes(Duration kafka, Duration postgres, Duration s3, Duration total) {
    @Override
    public String toString() {
      return "kafka " + kafka.toMillis() + " ms, postgres " + postgres.toMillis() + " ms, s3 "
          + s3.toMillis() + " ms, total " + total.toMillis() + " ms";
    }
  }

  private static CompletableFuture<Duration> timed(Supplier<?> start, ExecutorService pool) {
    return CompletableFuture.supplyAsync(() -> {
      long t = System.nanoTime();
      start.get();
      return Duration.ofNanos(System.nanoTime() - t);
    }, pool);
  }

  private static void awaitQuietly(CompletableFuture<?>... futures) {
    for (CompletableFuture<?> f : futures) {
      try {
        f.join();
      } catch (CompletionException ignored) {
        // The first failure is reported by the caller.
      }
    }
  }

  private static void stopAll(AutoCloseable... services) {
    List<Exception> failures = new ArrayList<>();
    for (AutoCloseable service : services) {
      try {
        service.close();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      IllegalStateException error = new IllegalStateException("devstack did not stop cleanly");
      failures.forEach(error::addSuppressed);
      throw error;
    }
  }

  private static RuntimeException unwrap(CompletionException e) {
    return e.getCause() instanceof RuntimeException r ? r : e;
  }
}
