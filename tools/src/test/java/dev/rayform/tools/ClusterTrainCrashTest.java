package dev.rayform.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed with SIGKILL in the middle of a training job (tiny preset, a tiny procedural
 * dataset) on the local cluster: another worker takes the job over once the lease expires and resumes
 * from the last checkpoint the dead one saved, not from step 1; the model is registered once.
 */
class ClusterTrainCrashTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static ClusterApi api;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), LocalCluster.Options.of(2).withLease(5).withWorkerThreads(1));
    api = new ClusterApi(cluster);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The step of a chunk's checkpoint event ("step 40 of 300", saved before it is sent), or -1. */
  static long checkpointStep(ClusterApi.Event e) {
    return e.type().equals("job.progress") && e.message() != null && e.message().matches("step \\d+ of \\d+")
        ? Long.parseLong(e.message().split(" ")[1]) : -1;
  }

  @Test
  void aWorkerKilledMidTrainIsResumedFromItsLastCheckpointElsewhere() throws Exception {
    String dataset = api.submitOk("dataset", new JsonObject().put("source", "procedural"), new JsonObject()
        .put("categories", new JsonArray().add("cabinet").add("table")).put("shapes_per_category", 2).put("views", 1)
        .put("image_size", 64).put("rays", 2000).put("depths", 32).put("eval_points", 2000).put("surface_points", 1000));
    JsonObject ds = api.awaitTerminal(List.of(dataset), Duration.ofSeconds(90)).get(dataset);
    assertThat(ds.getString("status")).as(ds.encode()).isEqualTo("succeeded");

    int steps = 300, every = 20;
    String train = api.submitOk("train", new JsonObject().put("dataset", ds.getJsonObject("result").getString("dataset")),
        new JsonObject().put("preset", "tiny").put("steps", steps).put("checkpoint_every", every).put("batch", 2).put("rays", 128)
            .put("validate_every", 0));
    // Kill the worker once it has saved its first checkpoint.
    ClusterApi.await("a first checkpoint of the training job", Duration.ofSeconds(90),
        () -> api.events(List.of(train)).get(train).stream().anyMatch(e -> checkpointStep(e) > 0));
    String victim = (String) api.queryOne("select lease_owner from jobs where id = ? and status = 'running'", train);
    assertThat(victim).as("the training job is running").isNotNull();
    cluster.kill(victim);
    long killedAt = System.nanoTime();
    assertThat(api.queryOne("select lease_owner from jobs where id = ? and status = 'running'", train)).isEqualTo(victim);

    JsonObject done = api.awaitTerminal(List.of(train), Duration.ofSeconds(150)).get(train);
    double recovered = (System.nanoTime() - killedAt) / 1e9;
    assertThat(done.getString("status")).as(done.encode()).isEqualTo("succeeded");

    List<ClusterApi.Event> events = api.events(List.of(train)).get(train);
    List<String> ranOn = ClusterApi.startedOn(events);
    assertThat(ranOn).hasSize(2);
    assertThat(ranOn.get(0)).isEqualTo(victim);
    assertThat(ranOn.get(1)).isNotEqualTo(victim);
    int second = 0;
    for (int i = 0, seen = 0; i < events.size(); i++) {
      if (events.get(i).type().equals("job.started") && ++seen == 2) {
        second = i;
      }
    }
    long lastCheckpointBefore = events.subList(0, second).stream().mapToLong(ClusterTrainCrashTest::checkpointStep).max().orElse(-1);
    long lastStepBefore = events.subList(0, second).stream().filter(e -> e.data().containsKey("step") && e.message().contains("loss"))
        .mapToLong(e -> e.data().getLong("step")).max().orElse(-1);
    long firstStepAfter = events.subList(second, events.size()).stream().filter(e -> e.data().containsKey("step"))
        .mapToLong(e -> e.data().getLong("step")).min().orElseThrow();
    // Resumed where the dead worker's last saved chunk ended (a chunk boundary it had reached), not at step 1.
    assertThat(firstStepAfter).as("first step of the second attempt").isGreaterThan(lastCheckpointBefore);
    assertThat((firstStepAfter - 1) % every).isZero();
    assertThat(firstStepAfter - 1).isLessThanOrEqualTo(lastStepBefore);
    assertThat(ClusterApi.count(events, "job.succeeded")).isEqualTo(1);
    String model = done.getJsonObject("result").getString("model");
    assertThat(api.send("GET", "/v1/models/" + model, null, null).status()).isEqualTo(200);
    assertThat(((Number) api.queryOne("select count(*) from models where job_id = ?", train)).intValue()).isEqualTo(1);
    System.out.printf("CLUSTER kill -9 %s mid-train: jobs=1 succeeded=1 lost=0 duplicated=0; checkpoint at step %d, attempt 1 reached step %d,"
        + " attempt 2 resumed at step %d of %d; done %.1f s after the kill%n", victim, lastCheckpointBefore, lastStepBefore, firstStepAfter,
        steps, recovered);
  }
}
