package dev.rayform.workers.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.core.PlatformConfig;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.Job;
import dev.rayform.core.job.JobEvent;
import dev.rayform.core.job.JobStatus;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.NewJob;
import dev.rayform.core.kafka.OutboxRelay;
import dev.rayform.core.kafka.TopicSetup;
import dev.rayform.core.repo.Artifact;
import dev.rayform.devstack.DevStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker process killed with SIGKILL in the middle of a job: the job is taken over once its lease
 * expires and finishes exactly once, with one set of artifacts.
 */
class WorkerCrashTest {

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static Process worker(DevStack.Config c, String store, Path scratch, String id, int seconds) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), WorkerProcessMain.class.getName(), c.kafkaBootstrapServers(), c.pgHost(),
        String.valueOf(c.pgPort()), c.pgDatabase(), c.pgUser(), store, c.s3AccessKey(), c.s3SecretKey(), scratch.toString(), id,
        String.valueOf(seconds)));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(scratch.resolve(id + ".log").toFile()).start();
  }

  @Test
  void aJobOfAKilledWorkerFinishesExactlyOnceElsewhere() throws Exception {
    Path dir = Files.createTempDirectory("rayform-crash");
    try (DevStack stack = DevStack.start(dir.resolve("stack"))) {
      DevStack.Config c = stack.config();
      String store = c.storeLocation();
      Vertx vertx = Vertx.vertx();
      PlatformServices services = PlatformServices.open(vertx, new PlatformConfig(c.kafkaBootstrapServers(), c.pgHost(), c.pgPort(),
          c.pgDatabase(), c.pgUser(), c.pgPassword(), store, c.s3AccessKey(), c.s3SecretKey(), "test"));
      TopicSetup.ensure(c.kafkaBootstrapServers(), 2, (short) 1);
      OutboxRelay relay = OutboxRelay.start(vertx, services, 100, 100);
      await(services.tenants().ensure("t", "T"));
      Files.createDirectories(dir.resolve("scratch"));

      Process first = worker(c, store, dir.resolve("scratch"), "w1", 8);
      Job job = await(services.jobs().submit(NewJob.of("t", JobType.RECONSTRUCT, new JsonObject().put("upload", "none"),
          new JsonObject()))).job();
      long deadline = System.currentTimeMillis() + 60_000;
      while (await(services.jobs().get("t", job.id())).orElseThrow().progress() < 0.2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      assertThat(await(services.jobs().get("t", job.id())).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      Process second = worker(c, store, dir.resolve("scratch"), "w2", 2);
      try {
        Job done = null;
        deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
          done = await(services.jobs().get("t", job.id())).orElseThrow();
          if (done.status().isTerminal()) {
            break;
          }
          Thread.sleep(300);
        }
        assertThat(done.status()).as(Files.readString(dir.resolve("scratch").resolve("w2.log"))).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.result().getLong("pid")).isEqualTo(second.pid());
        List<Artifact> artifacts = await(services.artifacts().list("t", job.id()));
        assertThat(artifacts).singleElement().satisfies(a -> assertThat(a.storageKey()).contains("/2/"));
        List<JobEvent> events = await(services.jobs().events("t", job.id(), 0, 10_000));
        assertThat(events.stream().filter(e -> e.type().equals("job.succeeded")).count()).isEqualTo(1);
        assertThat(events.stream().filter(e -> e.type().equals("job.started")).count()).isEqualTo(2);
      } finally {
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        await(relay.stop());
        await(vertx.close());
      }
    }
  }
}
