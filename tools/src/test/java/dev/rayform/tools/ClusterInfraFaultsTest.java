package dev.rayform.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Infrastructure faults on the local cluster of separate processes (Kafka, PostgreSQL, S3, a gateway,
 * two workers): the Kafka broker restarted under load, PostgreSQL restarted, the object store down for
 * a while. Each time: N jobs submitted around the fault, every one succeeds (through the store outage
 * too: the workers wait it out), none lost, none succeeded twice, no partial artifact visible.
 * {@code -Drayform.cluster.jobs=N} sets the jobs per fault (default 12).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterInfraFaultsTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static ClusterApi api;
  static String image;
  static final int N = Integer.getInteger("rayform.cluster.jobs", 12);

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), LocalCluster.Options.of(2).withLease(5).withWorkerThreads(1));
    api = new ClusterApi(cluster);
    image = api.upload(Files.readAllBytes(LocalCluster.repositoryRoot().resolve("samples/catalog/rf-bench-004.png")), "image/png");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static JsonObject options() {
    return new JsonObject().put("resolution", 64).put("formats", new JsonArray().add("glb"));
  }

  private static List<String> submit(int n) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(api.submitOk("reconstruct", new JsonObject().put("upload", image), options()));
    }
    return ids;
  }

  /** Exactly one success event per succeeded job, none for the others; complete artifacts only. */
  private static int checkOnceAndComplete(Map<String, JsonObject> done) throws Exception {
    Map<String, List<ClusterApi.Event>> events = api.events(done.keySet());
    int duplicated = 0;
    for (var e : done.entrySet()) {
      long successes = ClusterApi.count(events.get(e.getKey()), "job.succeeded");
      boolean succeeded = e.getValue().getString("status").equals("succeeded");
      duplicated += successes > 1 ? 1 : 0;
      assertThat(successes).as("success events of %s", e.getKey()).isEqualTo(succeeded ? 1 : 0);
      List<String> artifacts = api.verifiedArtifacts(e.getKey());
      if (succeeded) {
        assertThat(artifacts).contains("mesh.glb", "metrics.json");
      } else {
        assertThat(artifacts).as("artifacts of the failed job %s", e.getKey()).isEmpty();
      }
    }
    return duplicated;
  }

  private static String readyCheck(String service) throws Exception {
    ClusterApi.Reply r = api.send("GET", "/ready", null, null);
    return r.status() + " " + r.json().getJsonObject("checks").getString(service);
  }

  @Test
  @Order(1)
  void kafkaRestartedUnderLoad() throws Exception {
    List<String> ids = new ArrayList<>(submit(N / 2));
    cluster.stop(LocalCluster.KAFKA);
    long down = System.nanoTime();
    // While the broker is down submissions are still accepted (stored with their outbox row).
    ids.addAll(submit(N - N / 2));
    ClusterApi.await("/ready to report Kafka down", Duration.ofSeconds(30), () -> readyCheck("kafka").equals("503 down"));
    ClusterApi.await("the relay to fail to publish", Duration.ofSeconds(30),
        () -> ((Number) api.queryOne("select count(*) from outbox where published_at is null and attempts > 0")).longValue() > 0);
    cluster.start(LocalCluster.KAFKA);
    long up = System.nanoTime();
    Map<String, JsonObject> done = api.awaitTerminal(ids, Duration.ofSeconds(120));
    double recovered = (System.nanoTime() - up) / 1e9;
    assertThat(ClusterApi.summary(done.values())).isEqualTo(Map.of("succeeded", N));
    int duplicated = checkOnceAndComplete(done);
    System.out.printf("CLUSTER Kafka broker restarted (down %.1f s): jobs=%d (%d submitted while down) succeeded=%d lost=0 duplicated=%d;"
        + " all done %.1f s after the broker was back%n", (up - down) / 1e9, N, N - N / 2, N, duplicated, recovered);
  }

  @Test
  @Order(2)
  void postgresRestarted() throws Exception {
    List<String> ids = submit(N);
    cluster.stop(LocalCluster.POSTGRES);
    long down = System.nanoTime();
    // The API answers 503 with a stable code while the database is away.
    ClusterApi.Reply submit = api.submit("reconstruct", new JsonObject().put("upload", image), options());
    assertThat(submit.status()).as(submit.body()).isEqualTo(503);
    assertThat(submit.errorCode()).isEqualTo("unavailable");
    ClusterApi.Reply get = api.send("GET", "/v1/jobs/" + ids.get(0), null, null);
    assertThat(get.status()).as(get.body()).isEqualTo(503);
    assertThat(get.errorCode()).isEqualTo("unavailable");
    assertThat(readyCheck("postgres")).isEqualTo("503 down");
    Thread.sleep(3000); // workers keep running: their heartbeats and writes fail meanwhile
    cluster.start(LocalCluster.POSTGRES);
    long up = System.nanoTime();
    cluster.awaitGatewayReady(Duration.ofSeconds(60));
    double apiBack = (System.nanoTime() - up) / 1e9;
    Map<String, JsonObject> done = api.awaitTerminal(ids, Duration.ofSeconds(120));
    double recovered = (System.nanoTime() - up) / 1e9;
    assertThat(ClusterApi.summary(done.values())).as("%s", done.values()).isEqualTo(Map.of("succeeded", N));
    int duplicated = checkOnceAndComplete(done);
    // And new work is accepted again.
    String after = api.submitOk("reconstruct", new JsonObject().put("upload", image), options());
    assertThat(api.awaitTerminal(List.of(after), Duration.ofSeconds(60)).get(after).getString("status")).isEqualTo("succeeded");
    System.out.printf("CLUSTER PostgreSQL restarted (down %.1f s): jobs=%d succeeded=%d lost=0 duplicated=%d; API ready %.1f s and all"
        + " done %.1f s after it was back%n", (up - down) / 1e9, N, N, duplicated, apiBack, recovered);
  }

  @Test
  @Order(3)
  void objectStoreDownForAWhile() throws Exception {
    cluster.stop(LocalCluster.S3);
    long down = System.nanoTime();
    // Submissions need only the database: accepted while the store is away.
    List<String> ids = submit(N);
    ClusterApi.await("/ready to report the store down", Duration.ofSeconds(30), () -> readyCheck("store").equals("503 down"));
    Thread.sleep(4000);
    // The jobs met the outage: the workers took some while the store was away (their first store call found it down).
    long takenWhileDown = api.events(ids).values().stream().filter(ev -> ClusterApi.count(ev, "job.started") > 0).count();
    assertThat(takenWhileDown).as("jobs a worker took while the store was down").isPositive();
    cluster.start(LocalCluster.S3);
    long up = System.nanoTime();
    Map<String, JsonObject> done = api.awaitTerminal(ids, Duration.ofSeconds(120));
    double recovered = (System.nanoTime() - up) / 1e9;
    // A worker waits out an unreachable store within the attempt (RetryingObjectStore: up to 60 s of retries, pauses
    // 0.25 s doubling to 5 s) before the attempt fails, and the job then still has its own retries (3 attempts, 1 s and
    // 4 s apart). An outage of a few seconds is far inside that budget: every job must succeed, and none may have spent
    // an attempt on the store.
    assertThat(ClusterApi.summary(done.values())).as("%s", done.values()).isEqualTo(Map.of("succeeded", N));
    Map<String, List<ClusterApi.Event>> events = api.events(ids);
    List<String> storeRetries = events.values().stream().flatMap(List::stream)
        .filter(e -> e.type().equals("job.retrying") && String.valueOf(e.message()).startsWith("object_store_failure"))
        .map(e -> e.jobId() + ": " + e.message()).toList();
    assertThat(storeRetries).as("attempts lost to the store outage").isEmpty();
    int duplicated = checkOnceAndComplete(done);
    String after = api.submitOk("reconstruct", new JsonObject().put("upload", image), options());
    assertThat(api.awaitTerminal(List.of(after), Duration.ofSeconds(60)).get(after).getString("status")).isEqualTo("succeeded");
    int maxAttempts = done.values().stream().mapToInt(j -> j.getInteger("attempts", 0)).max().orElse(0);
    System.out.printf("CLUSTER object store down %.1f s: jobs=%d (%d taken by a worker while it was down) succeeded=%d lost=0 duplicated=%d"
        + " most attempts=%d; all done %.1f s after it was back%n", (up - down) / 1e9, N, takenWhileDown, N, duplicated, maxAttempts,
        recovered);
  }
}
