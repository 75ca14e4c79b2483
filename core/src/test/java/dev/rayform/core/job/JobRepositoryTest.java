package dev.rayform.core.job;

import static dev.rayform.core.db.MigratedDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.core.PlatformException;
import dev.rayform.core.db.MigratedDatabase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The job flow's guarantees against a real PostgreSQL with the real schema. */
class JobRepositoryTest {
  private static MigratedDatabase db;
  private static Pool pool;
  private static JobRepository jobs;
  private static final Duration LEASE = Duration.ofSeconds(30);

  @BeforeAll
  static void start() throws Exception {
    db = MigratedDatabase.start();
    pool = db.pool();
    jobs = new JobRepository(pool);
    await(pool.query("insert into tenants (id, name) values ('t_a', 'A'), ('t_b', 'B')").execute());
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static Job submit(String tenant) throws Exception {
    return await(jobs.submit(NewJob.of(tenant, JobType.RECONSTRUCT, new JsonObject().put("upload", "up_1"), new JsonObject()))).job();
  }

  private static long count(String sql, Object... args) throws Exception {
    Row r = await(pool.preparedQuery(sql).execute(Tuple.from(args))).iterator().next();
    return r.getLong(0);
  }

  @Test
  void aSubmissionStoresTheJobItsFirstEventAndAnOutboxMessageTogether() throws Exception {
    Job job = submit("t_a");
    assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(job.id()).startsWith("job_").hasSize(24);
    assertThat(count("select count(*) from outbox where key = $1 and topic = $2", job.id(), "rayform.jobs.reconstruct")).isEqualTo(1);
    assertThat(count("select count(*) from outbox where key = $1 and topic = $2", job.id(), Topics.EVENTS)).isEqualTo(1);
    List<JobEvent> events = await(jobs.events("t_a", job.id(), 0, 100));
    assertThat(events).extracting(JobEvent::seq).containsExactly(1L);
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameJob() throws Exception {
    NewJob n = NewJob.of("t_a", JobType.RECONSTRUCT, new JsonObject().put("upload", "up_2"), new JsonObject())
        .withIdempotency("key-1", new byte[] {1, 2, 3});
    JobRepository.Submitted first = await(jobs.submit(n));
    JobRepository.Submitted again = await(jobs.submit(n));
    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo(first.job().id());
    assertThatThrownBy(() -> await(jobs.submit(n.withIdempotency("key-1", new byte[] {9}))))
        .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.code()).isEqualTo("idempotency_key_reused"));
    // Another tenant may use the same key for its own job.
    JobRepository.Submitted other = await(jobs.submit(new NewJob("t_b", JobType.RECONSTRUCT, new JsonObject(), new JsonObject(),
        null, null, "key-1", new byte[] {1, 2, 3}, 3)));
    assertThat(other.created()).isTrue();
  }

  @Test
  void tenantsSeeOnlyTheirOwnJobsAndEvents() throws Exception {
    Job job = submit("t_a");
    assertThat(await(jobs.get("t_a", job.id()))).isPresent();
    assertThat(await(jobs.get("t_b", job.id()))).isEmpty();
    assertThat(await(jobs.events("t_b", job.id(), 0, 100))).isEmpty();
    assertThat(await(jobs.cancel("t_b", job.id()))).isEmpty();
    assertThat(await(jobs.list("t_b", null, null, null, 1000, null))).extracting(Job::id).doesNotContain(job.id());
  }

  @Test
  void onlyTheLeaseHolderFinishesAJobAndOnlyOnce() throws Exception {
    Job job = submit("t_a");
    Optional<Job> claimed = await(jobs.claim(job.id(), "w1", Duration.ofMillis(300)));
    assertThat(claimed).isPresent();
    assertThat(claimed.get().attempts()).isEqualTo(1);
    assertThat(await(jobs.claim(job.id(), "w2", LEASE))).as("the lease is live").isEmpty();
    Thread.sleep(400);
    // w1 died: its lease expired and w2 takes the job over.
    Optional<Job> taken = await(jobs.claim(job.id(), "w2", LEASE));
    assertThat(taken).isPresent();
    assertThat(taken.get().attempts()).isEqualTo(2);
    assertThatThrownBy(() -> await(jobs.succeed(job.id(), "w1", new JsonObject())))
        .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.code()).isEqualTo("lease_lost"));
    assertThatThrownBy(() -> await(jobs.heartbeat(job.id(), "w1", LEASE))).isInstanceOf(PlatformException.class);
    assertThat(await(jobs.heartbeat(job.id(), "w2", LEASE))).isFalse();
    await(jobs.progress(job.id(), "w2", 0.5, "network", "half way", new JsonObject().put("rays", 16384)));
    Job done = await(jobs.succeed(job.id(), "w2", new JsonObject().put("faces", 12)));
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.result().getInteger("faces")).isEqualTo(12);
    assertThatThrownBy(() -> await(jobs.succeed(job.id(), "w2", new JsonObject()))).isInstanceOf(PlatformException.class);
    assertThat(await(jobs.claim(job.id(), "w3", LEASE))).as("a finished job is never run again").isEmpty();
    List<JobEvent> events = await(jobs.events("t_a", job.id(), 0, 100));
    assertThat(events).extracting(JobEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(events).extracting(JobEvent::type)
        .containsExactly("job.queued", "job.started", "job.started", "job.progress", "job.succeeded");
    assertThat(await(jobs.events("t_a", job.id(), 3, 100))).extracting(JobEvent::seq).containsExactly(4L, 5L);
  }

  @Test
  void failuresRetryWithBackoffThenFailForGood() throws Exception {
    Job job = submit("t_a");
    await(jobs.claim(job.id(), "w1", LEASE));
    Job retrying = await(jobs.fail(job.id(), "w1", "store_unavailable", "S3 timed out", true, Duration.ofMillis(200)));
    assertThat(retrying.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(count("select count(*) from outbox where key = $1 and topic like 'rayform.jobs.%' and available_at > created_at", job.id()))
        .isEqualTo(1);
    assertThat(await(jobs.claim(job.id(), "w1", LEASE))).as("still backing off").isEmpty();
    Thread.sleep(300);
    assertThat(await(jobs.claim(job.id(), "w1", LEASE))).isPresent();
    Job failed = await(jobs.fail(job.id(), "w1", "image_corrupt", "truncated PNG", false, Duration.ofMillis(200)));
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(failed.errorCode()).isEqualTo("image_corrupt");
    assertThat(failed.finishedAt()).isNotNull();
  }

  @Test
  void jobsOfDeadWorkersAreQueuedAgainAndExhaustedRetriesGoToTheDeadLetterTopic() throws Exception {
    Job job = submit("t_a");
    await(jobs.claim(job.id(), "w1", Duration.ofMillis(50)));
    Thread.sleep(150);
    assertThat(await(jobs.requeueExpired(Duration.ofMillis(10)))).isGreaterThanOrEqualTo(1);
    assertThat(await(jobs.get("t_a", job.id())).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(count("select count(*) from outbox where key = $1 and topic = 'rayform.jobs.reconstruct'", job.id())).isEqualTo(2);
    // Two more attempts, both failing with a retryable error: the job fails and is dead-lettered.
    await(jobs.claim(job.id(), "w2", LEASE));
    await(jobs.fail(job.id(), "w2", "store_unavailable", "down", true, Duration.ZERO));
    await(jobs.claim(job.id(), "w2", LEASE));
    Job failed = await(jobs.fail(job.id(), "w2", "store_unavailable", "still down", true, Duration.ZERO));
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(count("select count(*) from outbox where key = $1 and topic = $2", job.id(), Topics.DEAD_LETTER)).isEqualTo(1);
  }

  @Test
  void cancelStopsQueuedJobsAtOnceAndAsksRunningOnes() throws Exception {
    Job queued = submit("t_a");
    assertThat(await(jobs.cancel("t_a", queued.id())).orElseThrow().status()).isEqualTo(JobStatus.CANCELED);
    assertThat(await(jobs.claim(queued.id(), "w1", LEASE))).isEmpty();
    Job running = submit("t_a");
    await(jobs.claim(running.id(), "w1", LEASE));
    Job asked = await(jobs.cancel("t_a", running.id())).orElseThrow();
    assertThat(asked.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(asked.cancelRequested()).isTrue();
    assertThat(await(jobs.heartbeat(running.id(), "w1", LEASE))).isTrue();
    assertThat(await(jobs.canceled(running.id(), "w1")).status()).isEqualTo(JobStatus.CANCELED);
  }

  @Test
  void listingPagesNewestFirstWithACursor() throws Exception {
    await(pool.query("insert into tenants (id, name) values ('t_list', 'L')").execute());
    for (int i = 0; i < 5; i++) {
      submit("t_list");
    }
    List<Job> first = await(jobs.list("t_list", null, null, null, 3, null));
    List<Job> second = await(jobs.list("t_list", null, null, null, 3, first.get(2).id()));
    assertThat(first).hasSize(3);
    assertThat(second).hasSize(2);
    assertThat(second).extracting(Job::id).doesNotContainAnyElementsOf(first.stream().map(Job::id).toList());
    assertThat(await(jobs.list("t_list", JobType.TRAIN, null, null, 10, null))).isEmpty();
    assertThat(await(jobs.list("t_list", JobType.RECONSTRUCT, JobStatus.QUEUED, null, 10, null))).hasSize(5);
  }

  @Test
  void aWorkerThatLostItsLeaseCanNeitherFinishTheJobNorReplaceTheArtifactsOfTheAttemptThatDid() throws Exception {
    Job job = submit("t_a");
    assertThat(await(jobs.claim(job.id(), "w-frozen", Duration.ofMillis(1)))).isPresent();
    // Once the frozen worker's lease has lapsed another worker takes the job over and finishes it.
    Optional<Job> taken = Optional.empty();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (taken.isEmpty() && System.nanoTime() < deadline) {
      taken = await(jobs.claim(job.id(), "w-live", LEASE));
    }
    assertThat(taken).isPresent();
    String prefix = "artifacts/t_a/" + job.id() + "/";
    String sha = "a".repeat(64);
    await(jobs.succeed(job.id(), "w-live", new JsonObject(), List.of(
        new dev.rayform.core.repo.Artifact(job.id(), "mesh.glb", "t_a", prefix + "2/mesh.glb", 10, sha, "model/gltf-binary"))));
    // The frozen worker wakes up and tries to record its own attempt.
    assertThatThrownBy(() -> await(jobs.succeed(job.id(), "w-frozen", new JsonObject(), List.of(
        new dev.rayform.core.repo.Artifact(job.id(), "mesh.glb", "t_a", prefix + "1/mesh.glb", 9, sha, "model/gltf-binary"),
        new dev.rayform.core.repo.Artifact(job.id(), "extra.txt", "t_a", prefix + "1/extra.txt", 1, sha, "text/plain")))))
        .isInstanceOf(PlatformException.class).hasMessageContaining("no longer held");
    assertThat(count("select count(*) from artifacts where job_id = $1", job.id())).isEqualTo(1);
    assertThat(count("select count(*) from artifacts where job_id = $1 and storage_key = $2", job.id(), prefix + "2/mesh.glb")).isEqualTo(1);
    assertThat(count("select count(*) from job_events where job_id = $1 and type = 'job.succeeded'", job.id())).isEqualTo(1);
  }

  /** A catalogue's child for {@code key}, claimed by w1. */
  private static String claimedChild(Job parent, String key) throws Exception {
    Job child = await(jobs.ensureChild(new NewJob(parent.tenantId(), JobType.RECONSTRUCT, new JsonObject().put("upload", "up_" + key),
        new JsonObject(), parent.id(), key, null, null, 3)));
    assertThat(await(jobs.claim(child.id(), "w1", LEASE))).isPresent();
    return child.id();
  }

  private static JsonObject counts(int total, int running, int succeeded, int failed) {
    return new JsonObject().put("total", total).put("queued", 0).put("running", running).put("succeeded", succeeded).put("failed", failed)
        .put("canceled", 0);
  }

  /** The payload queued for the tenant's webhook with the job's event of that type. */
  private static JsonObject webhookPayload(String jobId, String eventType) throws Exception {
    var rows = await(pool.preparedQuery("select payload from webhook_deliveries where job_id = $1 and event_type = $2")
        .execute(Tuple.of(jobId, eventType)));
    assertThat(rows.size()).as("deliveries of %s %s", jobId, eventType).isEqualTo(1);
    return rows.iterator().next().getJsonObject("payload");
  }

  @Test
  void aCataloguesItemCountsAreInTheJobItsTerminalEventAndItsWebhookPayload() throws Exception {
    await(pool.query("insert into tenants (id, name) values ('t_cat', 'Catalogues')").execute());
    await(dev.rayform.core.webhook.WebhookRepository.insert(pool, "t_cat", "https://hooks.example/catalog",
        dev.rayform.core.webhook.WebhookRepository.DEFAULT_EVENTS, "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3", null));
    Job parent = await(jobs.submit(NewJob.of("t_cat", JobType.CATALOG, new JsonObject().put("upload", "up_zip"), new JsonObject()))).job();
    assertThat(parent.items()).as("in the submission's answer too").isEqualTo(counts(0, 0, 0, 0));
    assertThat(await(jobs.get("t_cat", parent.id())).orElseThrow().items()).isEqualTo(counts(0, 0, 0, 0));
    await(jobs.claim(parent.id(), "w1", LEASE));
    String good = claimedChild(parent, "good"), broken = claimedChild(parent, "broken"), bomb = claimedChild(parent, "bomb");
    await(jobs.succeed(good, "w1", new JsonObject().put("sku", "good")));
    await(jobs.fail(broken, "w1", "image_corrupt", "truncated PNG", false, Duration.ZERO));
    // Live while it runs: the job resource counts what the database holds.
    assertThat(await(jobs.get("t_cat", parent.id())).orElseThrow().items()).isEqualTo(counts(3, 1, 1, 1));
    await(jobs.fail(bomb, "w1", "archive_compression_ratio", "huge.png: over the ratio", false, Duration.ZERO));
    ItemCounts n = await(jobs.itemCounts(parent.id()));
    assertThat(n.failedByCode()).isEqualTo(java.util.Map.of("image_corrupt", 1, "archive_compression_ratio", 1));
    assertThat(n.allFailed()).isFalse();

    Job done = await(jobs.succeed(parent.id(), "w1", new JsonObject()));
    assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
    JsonObject expected = counts(3, 0, 1, 2);
    assertThat(await(jobs.get("t_cat", parent.id())).orElseThrow().items()).isEqualTo(expected);
    List<Job> listed = await(jobs.list("t_cat", null, null, null, 50, null));
    assertThat(listed).filteredOn(j -> j.id().equals(parent.id())).extracting(Job::items).containsExactly(expected);
    assertThat(listed).filteredOn(j -> j.parentId() != null).extracting(Job::items).containsOnlyNulls().hasSize(3);
    List<JobEvent> events = await(jobs.events("t_cat", parent.id(), 0, 100));
    JobEvent last = events.get(events.size() - 1);
    assertThat(last.type()).isEqualTo("job.succeeded");
    assertThat(last.data().getJsonObject("items")).isEqualTo(expected);
    // The webhook body: {type, timestamp, data: the event}.
    assertThat(webhookPayload(parent.id(), "job.succeeded").getJsonObject("data").getJsonObject("data").getJsonObject("items"))
        .isEqualTo(expected);
    // The event on the events topic (websockets) carries the same data.
    var topic = await(pool.preparedQuery("select payload from outbox where key = $1 and topic = $2 order by id desc limit 1")
        .execute(Tuple.of(parent.id(), Topics.EVENTS))).iterator().next().getJsonObject("payload");
    assertThat(topic.getJsonObject("data").getJsonObject("items")).isEqualTo(expected);

    // Every item failed: the catalogue fails, its failure event and webhook carry the counts and the code.
    Job all = await(jobs.submit(NewJob.of("t_cat", JobType.CATALOG, new JsonObject().put("upload", "up_zip2"), new JsonObject()))).job();
    await(jobs.claim(all.id(), "w1", LEASE));
    await(jobs.fail(claimedChild(all, "huge.png"), "w1", "archive_compression_ratio", "huge.png: over the ratio", false, Duration.ZERO));
    assertThat(await(jobs.itemCounts(all.id())).allFailed()).isTrue();
    Job failed = await(jobs.fail(all.id(), "w1", "all_items_failed", "the catalogue's only item failed", false, Duration.ZERO));
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(await(jobs.get("t_cat", all.id())).orElseThrow().items()).isEqualTo(counts(1, 0, 0, 1));
    JsonObject data = webhookPayload(all.id(), "job.failed").getJsonObject("data");
    assertThat(data.getJsonObject("data")).isEqualTo(new JsonObject().put("code", "all_items_failed").put("items", counts(1, 0, 0, 1)));
    // Other job types carry no counts.
    Job plain = submit("t_cat");
    assertThat(await(jobs.get("t_cat", plain.id())).orElseThrow().items()).isNull();
  }
}
