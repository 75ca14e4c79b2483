package dev.rayform.workers.platform;

import dev.rayform.recon.testing.TinyCabinet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.core.PlatformConfig;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.Job;
import dev.rayform.core.job.JobEvent;
import dev.rayform.core.job.JobRepository;
import dev.rayform.core.job.JobStatus;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.NewJob;
import dev.rayform.core.kafka.OutboxRelay;
import dev.rayform.core.kafka.TopicSetup;
import dev.rayform.core.repo.Artifact;
import dev.rayform.core.repo.Upload;
import dev.rayform.core.store.StoredObject;
import dev.rayform.core.webhook.WebhookRepository;
import dev.rayform.devstack.DevStack;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ProceduralSource;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import dev.rayform.recon.training.TrainOptions;
import dev.rayform.recon.training.Trainer;
import dev.rayform.workers.jobs.CatalogHandler;
import dev.rayform.workers.jobs.ModelCache;
import dev.rayform.workers.jobs.ReconstructHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A worker on real Kafka, PostgreSQL and S3 (devstack) running reconstruct jobs end to end. */
class WorkerPlatformTest {
  static Path dir;
  static DevStack stack;
  static Vertx vertx;
  static PlatformServices services;
  static OutboxRelay relay;
  static ModelCache models = new ModelCache(2);
  static String modelId;
  static Path photo;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("rayform-worker-test");
    stack = DevStack.start(dir.resolve("stack"));
    DevStack.Config c = stack.config();
    vertx = Vertx.vertx();
    PlatformConfig config = new PlatformConfig(c.kafkaBootstrapServers(), c.pgHost(), c.pgPort(), c.pgDatabase(), c.pgUser(),
        c.pgPassword(), c.storeLocation(), c.s3AccessKey(),
        c.s3SecretKey(), "w-test");
    services = PlatformServices.open(vertx, config);
    TopicSetup.ensure(c.kafkaBootstrapServers(), 2, (short) 1);
    relay = OutboxRelay.start(vertx, services, 100, 100);
    await(services.tenants().ensure("t_a", "A"));

    // A tiny model, trained briefly on a cabinet, registered as a shared model.
    TinyCabinet.Trained tiny = TinyCabinet.train(dir, 300);
    Path model = tiny.model();
    for (String f : List.of("model.json", "params.bin")) {
      services.store().put("models/shared/tiny/" + f, model.resolve(f), "application/octet-stream");
    }
    modelId = await(services.models().add(null, "tiny", "rayonet", "tiny", "models/shared/tiny", new JsonObject(), null));
    photo = tiny.photo();

    await(vertx.deployVerticle(new WorkerVerticle(services, List.of(new ReconstructHandler(models), new CatalogHandler(models)), "w-test",
        dir.resolve("scratch"), Duration.ofSeconds(10))));
  }

  @AfterAll
  static void stop() throws Exception {
    await(relay.stop());
    await(vertx.close());
    models.close();
    stack.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }

  private static String upload(String id, Path file) throws Exception {
    StoredObject o = services.store().put("uploads/t_a/" + id, file, "image/png");
    await(services.uploads().add(new Upload(id, "t_a", o.size(), o.sha256(), "image/png", file.getFileName().toString(),
        "uploads/t_a/" + id)));
    return id;
  }

  private static Job waitForEnd(String jobId) throws Exception {
    JobRepository jobs = services.jobs();
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      Job j = await(jobs.get("t_a", jobId)).orElseThrow();
      if (j.status().isTerminal()) {
        return j;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("job " + jobId + " did not finish");
  }

  @Test
  void aSubmittedReconstructionRunsToSuccessWithItsArtifactsStored() throws Exception {
    String up = upload("up_photo", photo);
    Job job = await(services.jobs().submit(NewJob.of("t_a", JobType.RECONSTRUCT, new JsonObject().put("upload", up),
        new JsonObject().put("model", modelId).put("formats", List.of("glb", "ply")).put("resolution", 48)))).job();
    Job done = waitForEnd(job.id());
    assertThat(done.status()).as(String.valueOf(done.errorMessage())).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(done.attempts()).isEqualTo(1);
    assertThat(done.result().getInteger("faces")).isPositive();
    List<Artifact> artifacts = await(services.artifacts().list("t_a", job.id()));
    assertThat(artifacts).extracting(Artifact::name).containsExactly("input.png", "mesh.glb", "mesh.ply", "metrics.json", "preview.png");
    for (Artifact a : artifacts) {
      assertThat(services.store().size(a.storageKey())).isEqualTo(a.size());
    }
    List<JobEvent> events = await(services.jobs().events("t_a", job.id(), 0, 1000));
    assertThat(events.get(0).type()).isEqualTo("job.queued");
    assertThat(events.get(events.size() - 1).type()).isEqualTo("job.succeeded");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).isEqualTo(i + 1);
    }
    assertThat(events).extracting(JobEvent::stage).contains("network", "writing");
    try (Stream<Path> left = Files.walk(dir.resolve("scratch").resolve("jobs"))) {
      assertThat(left.filter(Files::isRegularFile)).as("the attempt's files are cleaned up").isEmpty();
    }
  }

  @Test
  void aCatalogueFansOutIntoItemsWithTheirOwnArtifacts() throws Exception {
    String a = upload("up_a", photo), b = upload("up_b", photo);
    Path junk = Files.writeString(dir.resolve("junk2.png"), "junk");
    String c = upload("up_c", junk);
    Path manifest = Files.writeString(dir.resolve("catalog.csv"), "sku,upload\nA-1," + a + "\nB-2," + b + "\nC-3," + c + "\n");
    StoredObject o = services.store().put("uploads/t_a/up_csv", manifest, "text/csv");
    await(services.uploads().add(new Upload("up_csv", "t_a", o.size(), o.sha256(), "text/csv", "catalog.csv", "uploads/t_a/up_csv")));
    // With a webhook of its own, stored in the job's transaction as the gateway does.
    Job job = await(services.jobs().submit(NewJob.of("t_a", JobType.CATALOG, new JsonObject().put("upload", "up_csv"),
        new JsonObject().put("model", modelId).put("resolution", 32)), 0, (sql, created) -> WebhookRepository.insert(sql, "t_a",
            "https://hooks.example/catalog", WebhookRepository.DEFAULT_EVENTS, "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3", created.id())
        .<Void>mapEmpty())).job();
    Job done = waitForEnd(job.id());
    assertThat(done.status()).as(String.valueOf(done.errorMessage())).isEqualTo(JobStatus.SUCCEEDED);
    // Some items failed: the catalogue succeeded, and says how many of its items did and did not.
    JsonObject counts = new JsonObject().put("total", 3).put("queued", 0).put("running", 0).put("succeeded", 2).put("failed", 1)
        .put("canceled", 0);
    assertThat(done.items()).isEqualTo(counts);
    JobEvent last = lastEvent(job.id());
    assertThat(last.type()).isEqualTo("job.succeeded");
    assertThat(last.data().getJsonObject("items")).isEqualTo(counts);
    assertThat(webhookPayload(job.id(), "job.succeeded").getJsonObject("data").getJsonObject("items")).isEqualTo(counts);
    List<Job> items = await(services.jobs().list("t_a", null, null, job.id(), 100, null));
    assertThat(items).hasSize(3);
    assertThat(items).filteredOn(j -> j.status() == JobStatus.SUCCEEDED).hasSize(2);
    Job bad = items.stream().filter(j -> j.status() == JobStatus.FAILED).findFirst().orElseThrow();
    assertThat(bad.errorCode()).isEqualTo("image_corrupt");
    Job good = items.stream().filter(j -> j.status() == JobStatus.SUCCEEDED).findFirst().orElseThrow();
    assertThat(await(services.artifacts().list("t_a", good.id()))).extracting(Artifact::name).contains("mesh.glb", "preview.png");
    assertThat(good.result().getString("sku")).isIn("A-1", "B-2");
  }

  private static JobEvent lastEvent(String jobId) throws Exception {
    List<JobEvent> events = await(services.jobs().events("t_a", jobId, 0, 1000));
    return events.get(events.size() - 1);
  }

  /** The event as queued for the job's webhook: the body's {@code data} (the event itself). */
  private static JsonObject webhookPayload(String jobId, String eventType) throws Exception {
    var rows = await(services.pool().preparedQuery("select payload from webhook_deliveries where job_id = $1 and event_type = $2")
        .execute(io.vertx.sqlclient.Tuple.of(jobId, eventType)));
    assertThat(rows.size()).as("deliveries of %s %s", jobId, eventType).isEqualTo(1);
    JsonObject payload = rows.iterator().next().getJsonObject("payload");
    assertThat(payload.getString("type")).isEqualTo(eventType);
    return payload.getJsonObject("data");
  }

  private static String uploadZip(String id, Path zip) throws Exception {
    StoredObject o = services.store().put("uploads/t_a/" + id, zip, "application/zip");
    await(services.uploads().add(new Upload(id, "t_a", o.size(), o.sha256(), "application/zip", "catalog.zip", "uploads/t_a/" + id)));
    return id;
  }

  @Test
  void aCatalogueWhoseOnlyEntryIsADecompressionBombFailsAndItsItemStillListsTheError() throws Exception {
    // huge.png: 400 MB of zeros, about 400 KB deflated.
    Path zip = dir.resolve("bomb.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("huge.png"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 400; i++) {
        out.write(zeros);
      }
    }
    Job job = await(services.jobs().submit(NewJob.of("t_a", JobType.CATALOG, new JsonObject().put("upload", uploadZip("up_bomb", zip)),
        new JsonObject().put("model", modelId).put("resolution", 32)), 0, (sql, created) -> WebhookRepository.insert(sql, "t_a",
            "https://hooks.example/bomb", WebhookRepository.DEFAULT_EVENTS, "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3", created.id())
        .<Void>mapEmpty())).job();
    Job done = waitForEnd(job.id());
    assertThat(done.status()).isEqualTo(JobStatus.FAILED);
    assertThat(done.errorCode()).isEqualTo("all_items_failed");
    assertThat(done.errorMessage()).contains("only item failed", "1 archive_compression_ratio", "/v1/jobs/" + job.id() + "/items");
    assertThat(done.attempts()).as("not retried: every item has failed for good").isEqualTo(1);
    JsonObject counts = new JsonObject().put("total", 1).put("queued", 0).put("running", 0).put("succeeded", 0).put("failed", 1)
        .put("canceled", 0);
    assertThat(done.items()).isEqualTo(counts);
    // The item's own error stays reachable.
    List<Job> items = await(services.jobs().list("t_a", null, null, job.id(), 100, null));
    assertThat(items).hasSize(1);
    assertThat(items.get(0).status()).isEqualTo(JobStatus.FAILED);
    assertThat(items.get(0).errorCode()).isEqualTo("archive_compression_ratio");
    assertThat(items.get(0).errorMessage()).contains("huge.png");
    JobEvent last = lastEvent(job.id());
    assertThat(last.type()).isEqualTo("job.failed");
    JsonObject data = new JsonObject().put("code", "all_items_failed").put("items", counts);
    assertThat(last.data()).isEqualTo(data);
    assertThat(webhookPayload(job.id(), "job.failed").getJsonObject("data")).isEqualTo(data);
    assertThat(await(services.artifacts().list("t_a", job.id()))).isEmpty();
  }

  @Test
  void aCatalogueWithNoItemsAtAllIsBadInput() throws Exception {
    Path zip = dir.resolve("no-images.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("notes.txt"));
      out.write("no images here".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path empty = dir.resolve("empty.zip");
    new java.util.zip.ZipOutputStream(Files.newOutputStream(empty)).close();
    for (Path p : List.of(zip, empty)) {
      Job job = await(services.jobs().submit(NewJob.of("t_a", JobType.CATALOG,
          new JsonObject().put("upload", uploadZip("up_" + p.getFileName().toString().replaceAll("[^a-z]", ""), p)),
          new JsonObject().put("model", modelId)))).job();
      Job done = waitForEnd(job.id());
      assertThat(done.status()).as(p.getFileName().toString()).isEqualTo(JobStatus.FAILED);
      assertThat(done.errorCode()).as(p.getFileName().toString()).isEqualTo("catalog_empty");
      assertThat(done.attempts()).isEqualTo(1);
      assertThat(done.items().getInteger("total")).isZero();
    }
  }

  @Test
  void aBadImageFailsAtOnceWithItsCode() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.png"), "not a png at all");
    String up = upload("up_junk", junk);
    Job job = await(services.jobs().submit(NewJob.of("t_a", JobType.RECONSTRUCT, new JsonObject().put("upload", up),
        new JsonObject().put("model", modelId)))).job();
    Job done = waitForEnd(job.id());
    assertThat(done.status()).isEqualTo(JobStatus.FAILED);
    assertThat(done.errorCode()).isEqualTo("image_corrupt");
    assertThat(done.attempts()).as("bad input is not retried").isEqualTo(1);
    assertThat(await(services.artifacts().list("t_a", job.id()))).isEmpty();
  }
}
