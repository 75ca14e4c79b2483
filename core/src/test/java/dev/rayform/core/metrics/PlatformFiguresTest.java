package dev.rayform.core.metrics;

import static dev.rayform.core.db.MigratedDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.core.db.MigratedDatabase;
import dev.rayform.core.job.Job;
import dev.rayform.core.job.JobRepository;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.NewJob;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operators' figures on a real PostgreSQL, against jobs whose counts, timings and workers are known. */
class PlatformFiguresTest {
  static MigratedDatabase db;
  static Pool pool;
  static JobRepository jobs;
  static PlatformFigures figures;
  static final Duration LEASE = Duration.ofSeconds(30);

  @BeforeAll
  static void start() throws Exception {
    db = MigratedDatabase.start();
    pool = db.pool();
    jobs = new JobRepository(pool);
    figures = new PlatformFigures(pool);
    await(pool.query("insert into tenants (id, name) values ('t_a', 'A'), ('t_b', 'B')").execute());
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static Job submit(String tenant, JobType type) throws Exception {
    return await(jobs.submit(NewJob.of(tenant, type, new JsonObject().put("upload", "up_1"), new JsonObject()))).job();
  }

  private static void run(Job job, String worker, JsonObject result) throws Exception {
    assertThat(await(jobs.claim(job.id(), worker, LEASE))).isPresent();
    await(jobs.succeed(job.id(), worker, result));
  }

  @Test
  void figuresCountTimeAndAttributeTheJobsOfEveryTenant() throws Exception {
    Job first = submit("t_a", JobType.RECONSTRUCT), second = submit("t_b", JobType.RECONSTRUCT);
    submit("t_a", JobType.RECONSTRUCT);
    run(first, "w1", new JsonObject().put("network_and_meshing_ms", 100));
    run(second, "w2", new JsonObject().put("network_and_meshing_ms", 300));

    Job catalogue = submit("t_a", JobType.CATALOG);
    assertThat(await(jobs.claim(catalogue.id(), "w1", LEASE))).isPresent();
    for (String item : List.of("a.png", "b.png", "c.png")) {
      Job child = await(jobs.ensureChild(new NewJob("t_a", JobType.RECONSTRUCT, new JsonObject(), new JsonObject(),
          catalogue.id(), item, null, null, 3)));
      if (!item.equals("c.png")) {
        run(child, "w2", new JsonObject());
      }
    }

    assertThat(await(figures.jobsByTypeAndStatus())).containsExactlyInAnyOrderEntriesOf(Map.of(
        "catalog/running", 1L, "reconstruct/succeeded", 4L, "reconstruct/queued", 2L));
    // Reconstructions without the figure do not count; the last one that has it is the t_b job's.
    assertThat(await(figures.meanInferenceMillis(100))).isCloseTo(200, Offset.offset(1e-9));
    assertThat(await(figures.meanInferenceMillis(1))).isCloseTo(300, Offset.offset(1e-9));
    assertThat(await(figures.meanRunMillisLastHour())).containsOnlyKeys("reconstruct")
        .hasEntrySatisfying("reconstruct", ms -> assertThat(ms).isBetween(0.0, 20_000.0));
    // The catalogue ran on w1, and its two finished items count there, whoever ran them.
    assertThat(await(figures.succeededItemsByWorker(List.of(catalogue.id(), "job_unknown")))).containsExactly(Map.entry("w1", 2));

    await(pool.query("update outbox set published_at = now()").execute());
    assertThat(await(figures.outboxBacklog())).isZero();
    submit("t_b", JobType.RECONSTRUCT);
    // The job's message for its topic and its first event.
    assertThat(await(figures.outboxBacklog())).isEqualTo(2);
  }
}
