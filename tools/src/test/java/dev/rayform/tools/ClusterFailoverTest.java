package dev.rayform.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.core.job.JobType;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cluster as real processes (Kafka, PostgreSQL, S3, a gateway and three workers, each its
 * own JVM): reconstruct jobs spread over the workers by partition, and a worker killed with SIGKILL
 * in the middle of a reconstruction loses nothing: its partitions move to the others, its job is
 * taken over once the lease expires, and every job succeeds exactly once with complete artifacts.
 * {@code -Drayform.cluster.jobs=N} submits more jobs in the kill test (default 18).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static ClusterApi api;
  static String image;
  static final String TOPIC = JobType.RECONSTRUCT.topic();

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.start(dir.resolve("cluster"), LocalCluster.Options.of(3).withLease(5).withWorkerThreads(1));
    api = new ClusterApi(cluster);
    Path png = LocalCluster.repositoryRoot().resolve("samples/catalog/rf-bench-004.png");
    image = api.upload(Files.readAllBytes(png), "image/png");
    // Jobs spread only once all three have joined the group and hold partitions.
    ClusterApi.await("three workers holding partitions of " + TOPIC, Duration.ofSeconds(60), () -> {
      Map<String, Set<Integer>> a = api.assignment(TOPIC);
      if (!(a.keySet().equals(Set.copyOf(cluster.workers())) && a.values().stream().noneMatch(Set::isEmpty))) {
        throw new IllegalStateException("assignment so far: " + a);
      }
      return true;
    });
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static JsonObject options(int resolution) {
    return new JsonObject().put("resolution", resolution).put("formats", new io.vertx.core.json.JsonArray().add("glb").add("obj"));
  }

  @Test
  @Order(1)
  void jobsSpreadOverTheThreeWorkersByPartition() throws Exception {
    int partitions = api.partitions(TOPIC);
    assertThat(partitions).isGreaterThanOrEqualTo(3);
    Map<String, Set<Integer>> assignment = api.assignment(TOPIC);
    Map<Integer, String> owner = new HashMap<>();
    assignment.forEach((w, ps) -> ps.forEach(p -> owner.put(p, w)));
    assertThat(owner.keySet()).hasSize(partitions);

    // Job ids are the gateway's; submit until every partition has two jobs (a few dozen at most).
    List<String> ids = new ArrayList<>();
    Map<Integer, Integer> perPartition = new TreeMap<>();
    while (ids.size() < 48 && (perPartition.size() < partitions || perPartition.values().stream().anyMatch(n -> n < 2))) {
      String id = api.submitOk("reconstruct", new JsonObject().put("upload", image), options(32));
      ids.add(id);
      perPartition.merge(ClusterApi.partitionOf(id, partitions), 1, Integer::sum);
    }
    Map<String, JsonObject> done = api.awaitTerminal(ids, Duration.ofSeconds(120));
    assertThat(ClusterApi.summary(done.values())).isEqualTo(Map.of("succeeded", ids.size()));

    Map<String, List<ClusterApi.Event>> events = api.events(ids);
    Map<String, Integer> perWorker = new TreeMap<>();
    for (String id : ids) {
      List<String> ranOn = ClusterApi.startedOn(events.get(id));
      assertThat(ranOn).as("job %s", id).hasSize(1);
      // The worker that ran it is the one holding its partition.
      assertThat(ranOn.get(0)).as("job %s on partition %d", id, ClusterApi.partitionOf(id, partitions))
          .isEqualTo(owner.get(ClusterApi.partitionOf(id, partitions)));
      perWorker.merge(ranOn.get(0), 1, Integer::sum);
    }
    assertThat(perWorker.keySet()).containsExactlyInAnyOrderElementsOf(cluster.workers());
    System.out.printf("CLUSTER spread: %d jobs over %d partitions %s; assignment %s; jobs per worker %s%n", ids.size(), partitions,
        perPartition, assignment, perWorker);
  }

  @Test
  @Order(2)
  void aWorkerKilledMidReconstructLosesNothingAndRunsNothingTwice() throws Exception {
    int n = Integer.getInteger("rayform.cluster.jobs", 18);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(api.submitOk("reconstruct", new JsonObject().put("upload", image), options(128)));
    }
    // A worker inside the network pass of a job: that is the one to kill.
    String[] victim = new String[2];
    ClusterApi.await("a worker in the middle of a reconstruction", Duration.ofSeconds(60), () -> {
      try (var c = api.db(); var s = c.prepareStatement(
          "select id, lease_owner from jobs where status = 'running' and stage = 'network' and id = any(?) limit 1")) {
        s.setArray(1, c.createArrayOf("text", ids.toArray()));
        try (var rs = s.executeQuery()) {
          if (rs.next()) {
            victim[0] = rs.getString(1);
            victim[1] = rs.getString(2);
            return true;
          }
          return false;
        }
      }
    });
    cluster.kill(victim[1]);
    long killedAt = System.nanoTime();
    // Proof that it died mid-job: the job is still running under the dead worker's lease.
    assertThat(api.queryOne("select lease_owner from jobs where id = ? and status = 'running'", victim[0])).isEqualTo(victim[1]);

    Map<String, JsonObject> done = api.awaitTerminal(List.of(victim[0]), Duration.ofSeconds(90));
    double takeover = (System.nanoTime() - killedAt) / 1e9;
    done = api.awaitTerminal(ids, Duration.ofSeconds(150));
    double allDone = (System.nanoTime() - killedAt) / 1e9;

    // Nothing lost: every job succeeded. Nothing twice: one success event each, artifacts once.
    assertThat(ClusterApi.summary(done.values())).isEqualTo(Map.of("succeeded", n));
    Map<String, List<ClusterApi.Event>> events = api.events(ids);
    int duplicated = 0;
    for (String id : ids) {
      List<ClusterApi.Event> ev = events.get(id);
      if (ClusterApi.count(ev, "job.succeeded") != 1) {
        duplicated++;
      }
      assertThat(ClusterApi.count(ev, "job.succeeded")).as("success events of %s", id).isEqualTo(1);
      // Complete artifacts only: what the API lists downloads whole, with the listed digest.
      assertThat(api.verifiedArtifacts(id)).as("artifacts of %s", id)
          .containsExactlyInAnyOrder("mesh.glb", "mesh.obj", "mesh.mtl", "mesh.jpg", "input.png", "preview.png", "metrics.json");
    }
    List<String> ranOn = ClusterApi.startedOn(events.get(victim[0]));
    assertThat(ranOn).as("the killed job's attempts").hasSizeGreaterThanOrEqualTo(2);
    assertThat(ranOn.get(0)).isEqualTo(victim[1]);
    assertThat(ranOn.get(ranOn.size() - 1)).isNotEqualTo(victim[1]);
    assertThat(done.get(victim[0]).getInteger("attempts")).isEqualTo(ranOn.size());
    // The surviving attempt's objects are the ones the artifacts point at.
    assertThat((String) api.queryOne("select storage_key from artifacts where job_id = ? and name = 'mesh.glb'", victim[0]))
        .contains("/" + ranOn.size() + "/mesh.glb");
    System.out.printf("CLUSTER kill -9 %s mid-reconstruct (job %s): jobs=%d succeeded=%d lost=0 duplicated=%d; killed job done after %.1f s,"
        + " all done after %.1f s%n", victim[1], victim[0], n, n, duplicated, takeover, allDone);
  }
}
