package dev.rayform.gateway;

import static dev.rayform.gateway.WebhookReceiver.eventually;
import static dev.rayform.gateway.WebhookReceiver.verifies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.core.job.JobType;
import dev.rayform.core.job.NewJob;
import dev.rayform.gateway.RunningGateway.Resp;
import dev.rayform.gateway.WebhookReceiver.Received;
import dev.rayform.gateway.webhooks.WebhookOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end on the real platform (PostgreSQL, Kafka, S3 of DevStack): endpoints, the
 * dispatcher's signed deliveries to a loopback receiver (allowed here by the private-webhooks
 * switch), retries with backoff, redelivery, a job's own webhook, secret rotation, auto-disable,
 * and tenant isolation. Terminal events come from canceling queued jobs (no worker needed).
 */
class GatewayWebhooksTest {
  static final Duration BACKOFF = Duration.ofMillis(300);
  static RunningGateway gw;
  static WebhookReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    WebhookOptions hooks = WebhookOptions.defaults().withAllowPrivate(true).withRetrySchedule(List.of(BACKOFF, BACKOFF))
        .withDisableAfter(2).withPollInterval(Duration.ofMillis(100));
    gw = RunningGateway.start(GatewayOptions.defaults().withWebhooks(hooks));
    receiver = new WebhookReceiver(gw.vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    if (gw != null) {
      gw.close();
    }
  }

  @Test
  void signedDeliveryIsRetriedAfter500sAndCanBeRedelivered() throws Exception {
    String key = gw.tenantKey("ten_sig");
    receiver.answer("/sig", 500, 500);
    Resp created = gw.postJson(key, "/v1/webhooks", new JsonObject().put("url", receiver.url("/sig")));
    assertThat(created.status()).isEqualTo(201);
    String hook = created.json().getString("id");
    String secret = created.json().getString("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(created.headers().get("Location")).isEqualTo("/v1/webhooks/" + hook);
    assertThat(created.json().getJsonArray("events")).containsExactly("job.succeeded", "job.failed", "job.canceled");
    Resp shown = gw.get(key, "/v1/webhooks/" + hook);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().containsKey("secret")).isFalse();

    String job = cancelNewJob(key);

    List<Received> got = receiver.awaitReceived("/sig", 3);
    assertThat(got).hasSize(3);
    for (Received r : got) {
      assertThat(verifies(secret, r)).as("signature of %s", r).isTrue();
      assertThat(r.id()).isEqualTo(got.get(0).id());
      JsonObject body = r.json();
      assertThat(body.getString("type")).isEqualTo("job.canceled");
      assertThat(body.getJsonObject("data").getString("jobId")).isEqualTo(job);
      assertThat(body.getJsonObject("data").getString("status")).isEqualTo("canceled");
    }
    // A tampered body or a wrong secret does not verify (the check is real).
    Received first = got.get(0);
    assertThat(verifies(secret, new Received(first.id(), first.timestamp(), first.signature(), first.body() + " ", first.at()))).isFalse();
    assertThat(verifies("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), first)).isFalse();
    // Exponential backoff from the schedule: attempts are at least the backoff apart.
    assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isGreaterThanOrEqualTo(BACKOFF.minusMillis(50));
    assertThat(Duration.between(got.get(1).at(), got.get(2).at())).isGreaterThanOrEqualTo(BACKOFF.minusMillis(50));

    JsonArray log = awaitDeliveries(key, hook, 3, "succeeded");
    assertThat(log.stream().map(o -> ((JsonObject) o).getInteger("attempt")).toList()).containsExactly(3, 2, 1);
    assertThat(log.stream().map(o -> ((JsonObject) o).getString("status")).toList()).containsExactly("succeeded", "failed", "failed");
    assertThat(log.stream().map(o -> ((JsonObject) o).getInteger("responseCode")).toList()).containsExactly(200, 500, 500);
    JsonObject failed = log.getJsonObject(2);
    assertThat(failed.getString("nextAttemptAt")).isNotNull();
    assertThat(failed.getInteger("durationMs")).isNotNull();
    assertThat(failed.getString("responseBody")).isEqualTo("receiver says no");
    assertThat(failed.getString("messageId")).isEqualTo(first.id());
    assertThat(log.getJsonObject(0).getString("deliveredAt")).isNotNull();
    assertThat(gw.get(key, "/v1/webhooks/" + hook + "/deliveries?status=failed").json().getJsonArray("data")).hasSize(2);

    Resp again = gw.postJson(key, "/v1/webhooks/" + hook + "/deliveries/" + failed.getString("id") + "/redeliver", null);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().getInteger("attempt")).isEqualTo(4);
    assertThat(again.json().getString("status")).isEqualTo("pending");
    assertThat(again.json().getBoolean("redelivery")).isTrue();
    Received redelivered = receiver.awaitReceived("/sig", 4).get(3);
    assertThat(redelivered.id()).isEqualTo(first.id());
    assertThat(verifies(secret, redelivered)).isTrue();
    assertThat(redelivered.json().getJsonObject("data").getString("jobId")).isEqualTo(job);
    assertThat(awaitDeliveries(key, hook, 4, "succeeded").getJsonObject(0).getInteger("attempt")).isEqualTo(4);

    Resp missing = gw.postJson(key, "/v1/webhooks/" + hook + "/deliveries/dlv_nope/redeliver", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("delivery_not_found");
  }

  @Test
  void aJobsWebhookIsStoredWithTheJobAndSignedWithItsOwnSecret() throws Exception {
    String key = gw.tenantKey("ten_job");
    String upload = gw.upload(key, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1}, "image/png");
    Resp submitted = gw.postJson(key, "/v1/jobs", new JsonObject().put("type", "reconstruct")
        .put("input", new JsonObject().put("upload", upload)).put("webhook", new JsonObject().put("url", receiver.url("/job-hook"))));
    assertThat(submitted.status()).isEqualTo(202);
    String job = submitted.json().getString("id");
    JsonObject hook = submitted.json().getJsonObject("webhook");
    assertThat(hook.getString("jobId")).isEqualTo(job);
    String secret = hook.getString("secret");
    String other = gw.submitReconstruct(key).getString("id");

    assertThat(gw.postJson(key, "/v1/jobs/" + job + "/cancel", null).status()).isEqualTo(202);
    Received r = receiver.awaitReceived("/job-hook", 1).get(0);
    assertThat(verifies(secret, r)).isTrue();
    assertThat(r.json().getString("type")).isEqualTo("job.canceled");
    assertThat(r.json().getJsonObject("data").getString("jobId")).isEqualTo(job);

    // Another job of the tenant does not reach this job's webhook.
    assertThat(gw.postJson(key, "/v1/jobs/" + other + "/cancel", null).status()).isEqualTo(202);
    Thread.sleep(1000);
    assertThat(receiver.received("/job-hook")).hasSize(1);
    JsonArray listed = gw.get(key, "/v1/webhooks").json().getJsonArray("data");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("jobId")).isEqualTo(job);
    assertThat(listed.getJsonObject(0).containsKey("secret")).isFalse();
  }

  /** A catalogue's item, created and claimed as a worker does. */
  private static String claimedItem(String parent, String tenant, String key) throws Exception {
    String id = RunningGateway.await(gw.services.jobs().ensureChild(new NewJob(tenant, JobType.RECONSTRUCT, new JsonObject(),
        new JsonObject(), parent, key, null, null, 3))).id();
    assertThat(RunningGateway.await(gw.services.jobs().claim(id, "w-test", Duration.ofMinutes(1)))).isPresent();
    return id;
  }

  /** The webhook body of the catalogue's own terminal event (its items' events reach the same webhook). */
  private static JsonObject catalogueEvent(String path, String job, int deliveries) throws Exception {
    return receiver.awaitReceived(path, deliveries).stream().map(Received::json)
        .filter(b -> b.getJsonObject("data").getString("jobId").equals(job)).findFirst().orElseThrow();
  }

  @Test
  void aCataloguesOutcomeCarriesItsItemCountsInTheJobAndItsWebhook() throws Exception {
    String key = gw.tenantKey("ten_cat");
    String manifest = gw.upload(key, "sku,upload\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv");
    JsonObject counts = new JsonObject().put("total", 3).put("queued", 0).put("running", 0).put("succeeded", 1).put("failed", 2)
        .put("canceled", 0);

    // Some items failed: succeeded, with the counts.
    Resp mixed = gw.postJson(key, "/v1/jobs", new JsonObject().put("type", "catalog").put("input", new JsonObject().put("upload", manifest))
        .put("webhook", new JsonObject().put("url", receiver.url("/catalog-mixed"))));
    assertThat(mixed.status()).isEqualTo(202);
    String job = mixed.json().getString("id");
    assertThat(mixed.json().getJsonObject("items").getInteger("total")).isZero();
    var jobs = gw.services.jobs();
    assertThat(RunningGateway.await(jobs.claim(job, "w-test", Duration.ofMinutes(1)))).isPresent();
    RunningGateway.await(jobs.succeed(claimedItem(job, "ten_cat", "good"), "w-test", new JsonObject().put("sku", "good")));
    RunningGateway.await(jobs.fail(claimedItem(job, "ten_cat", "broken"), "w-test", "image_corrupt", "truncated", false, Duration.ZERO));
    RunningGateway.await(jobs.fail(claimedItem(job, "ten_cat", "huge"), "w-test", "archive_compression_ratio", "huge.png: bomb", false,
        Duration.ZERO));
    RunningGateway.await(jobs.succeed(job, "w-test", new JsonObject().put("items", 3)));
    JsonObject shown = gw.get(key, "/v1/jobs/" + job).json();
    assertThat(shown.getString("status")).isEqualTo("succeeded");
    assertThat(shown.getJsonObject("items")).isEqualTo(counts);
    JsonObject body = catalogueEvent("/catalog-mixed", job, 4);
    assertThat(body.getString("type")).isEqualTo("job.succeeded");
    assertThat(body.getJsonObject("data").getJsonObject("data").getJsonObject("items")).isEqualTo(counts);
    assertThat(gw.get(key, "/v1/jobs?type=catalog").json().getJsonArray("data").getJsonObject(0).getJsonObject("items")).isEqualTo(counts);
    // Items themselves carry no counts.
    JsonArray items = gw.get(key, "/v1/jobs/" + job + "/items").json().getJsonArray("data");
    assertThat(items).hasSize(3);
    assertThat(items.getJsonObject(0).containsKey("items")).isFalse();

    // Every item failed: failed with all_items_failed, the counts in the job and the webhook, each item's error listed.
    Resp bad = gw.postJson(key, "/v1/jobs", new JsonObject().put("type", "catalog").put("input", new JsonObject().put("upload", manifest))
        .put("webhook", new JsonObject().put("url", receiver.url("/catalog-bad"))));
    String failed = bad.json().getString("id");
    assertThat(RunningGateway.await(jobs.claim(failed, "w-test", Duration.ofMinutes(1)))).isPresent();
    RunningGateway.await(jobs.fail(claimedItem(failed, "ten_cat", "huge"), "w-test", "archive_compression_ratio", "huge.png: bomb", false,
        Duration.ZERO));
    RunningGateway.await(jobs.fail(failed, "w-test", "all_items_failed", "the catalogue's only item failed", false, Duration.ZERO));
    JsonObject one = new JsonObject().put("total", 1).put("queued", 0).put("running", 0).put("succeeded", 0).put("failed", 1)
        .put("canceled", 0);
    JsonObject failedJob = gw.get(key, "/v1/jobs/" + failed).json();
    assertThat(failedJob.getString("status")).isEqualTo("failed");
    assertThat(failedJob.getJsonObject("error").getString("code")).isEqualTo("all_items_failed");
    assertThat(failedJob.getJsonObject("items")).isEqualTo(one);
    JsonObject failure = catalogueEvent("/catalog-bad", failed, 2);
    assertThat(failure.getString("type")).isEqualTo("job.failed");
    assertThat(failure.getJsonObject("data").getJsonObject("data"))
        .isEqualTo(new JsonObject().put("code", "all_items_failed").put("items", one));
    JsonObject item = gw.get(key, "/v1/jobs/" + failed + "/items").json().getJsonArray("data").getJsonObject(0);
    assertThat(item.getJsonObject("error").getString("code")).isEqualTo("archive_compression_ratio");
  }

  @Test
  void aRotatedSecretSignsAlongsideTheNewOne() throws Exception {
    String key = gw.tenantKey("ten_rot");
    Resp created = gw.postJson(key, "/v1/webhooks", new JsonObject().put("url", receiver.url("/rot")));
    String hook = created.json().getString("id");
    String old = created.json().getString("secret");
    Resp rotated = gw.postJson(key, "/v1/webhooks/" + hook + "/rotate-secret", null);
    assertThat(rotated.status()).isEqualTo(200);
    String fresh = rotated.json().getString("secret");
    assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
    assertThat(Instant.parse(rotated.json().getString("previousSecretExpiresAt"))).isAfter(Instant.now().plus(Duration.ofHours(23)));

    cancelNewJob(key);
    Received r = receiver.awaitReceived("/rot", 1).get(0);
    assertThat(r.signature().split(" ")).hasSize(2);
    assertThat(verifies(fresh, r)).isTrue();
    assertThat(verifies(old, r)).isTrue();
  }

  @Test
  void anEndpointFailingEveryAttemptOfConsecutiveDeliveriesIsDisabledWithAnEvent() throws Exception {
    String key = gw.tenantKey("ten_dis");
    receiver.alwaysAnswer("/fail", 503);
    String failing = gw.postJson(key, "/v1/webhooks", new JsonObject().put("url", receiver.url("/fail"))).json().getString("id");
    Resp watcher = gw.postJson(key, "/v1/webhooks", new JsonObject().put("url", receiver.url("/watch"))
        .put("events", new JsonArray().add("webhook.disabled")));
    assertThat(watcher.status()).isEqualTo(201);

    cancelNewJob(key);
    cancelNewJob(key);

    Received told = receiver.awaitReceived("/watch", 1).get(0);
    assertThat(verifies(watcher.json().getString("secret"), told)).isTrue();
    JsonObject event = told.json();
    assertThat(event.getString("type")).isEqualTo("webhook.disabled");
    assertThat(event.getJsonObject("data").getString("webhookId")).isEqualTo(failing);
    assertThat(event.getJsonObject("data").getString("reason")).contains("2 deliveries");
    JsonObject state = gw.get(key, "/v1/webhooks/" + failing).json();
    assertThat(state.getBoolean("enabled")).isFalse();
    assertThat(state.getString("disabledAt")).isNotNull();
    assertThat(state.getInteger("failureCount")).isEqualTo(2);
    assertThat(receiver.received("/fail")).hasSize(6); // 2 deliveries x 3 attempts

    // A disabled endpoint gets no new deliveries; the watcher is not sent job events it did not ask for.
    int logged = gw.get(key, "/v1/webhooks/" + failing + "/deliveries").json().getJsonArray("data").size();
    cancelNewJob(key);
    Thread.sleep(1000);
    assertThat(gw.get(key, "/v1/webhooks/" + failing + "/deliveries").json().getJsonArray("data")).hasSize(logged);
    assertThat(receiver.received("/fail")).hasSize(6);
    assertThat(receiver.received("/watch")).hasSize(1);
  }

  @Test
  void tenantsCannotSeeOrTouchEachOthersWebhooks() throws Exception {
    String a = gw.tenantKey("ten_iso_a");
    String b = gw.tenantKey("ten_iso_b");
    String hook = gw.postJson(a, "/v1/webhooks", new JsonObject().put("url", receiver.url("/iso"))).json().getString("id");
    cancelNewJob(a);
    String delivery = awaitDeliveries(a, hook, 1, "succeeded").getJsonObject(0).getString("id");

    for (Resp r : List.of(gw.get(b, "/v1/webhooks/" + hook), gw.delete(b, "/v1/webhooks/" + hook),
        gw.get(b, "/v1/webhooks/" + hook + "/deliveries"),
        gw.postJson(b, "/v1/webhooks/" + hook + "/deliveries/" + delivery + "/redeliver", null),
        gw.postJson(b, "/v1/webhooks/" + hook + "/rotate-secret", null))) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.errorCode()).isEqualTo("webhook_not_found");
    }
    assertThat(gw.get(b, "/v1/webhooks").json().getJsonArray("data")).isEmpty();
    assertThat(gw.get(a, "/v1/webhooks/" + hook).json().getBoolean("enabled")).isTrue();
    assertThat(receiver.received("/iso")).hasSize(1);

    assertThat(gw.delete(a, "/v1/webhooks/" + hook).status()).isEqualTo(204);
    assertThat(gw.get(a, "/v1/webhooks/" + hook).status()).isEqualTo(404);
  }

  @Test
  void malformedWebhookRequestsAreRefusedByField() throws Exception {
    String key = gw.tenantKey("ten_bad");
    expect(key, new JsonObject().put("url", "ftp://example.com/x"), "url");
    expect(key, new JsonObject().put("url", "http://user:pw@example.com/x"), "url");
    expect(key, new JsonObject(), "url");
    expect(key, new JsonObject().put("url", receiver.url("/x")).put("events", new JsonArray().add("job.exploded")), "events");
    expect(key, new JsonObject().put("url", receiver.url("/x")).put("events", new JsonArray()), "events");
    expect(key, new JsonObject().put("url", receiver.url("/x")).put("secret", "whsec_c2hvcnQ="), "secret");
  }

  private static void expect(String key, JsonObject body, String field) throws Exception {
    Resp r = gw.postJson(key, "/v1/webhooks", body);
    assertThat(r.status()).as(body.encode()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("validation_failed");
    assertThat(r.json().getJsonObject("error").getJsonObject("details").getString("field")).isEqualTo(field);
  }

  /** Submits a job and cancels it while queued: a job.canceled event. */
  private static String cancelNewJob(String key) throws Exception {
    String job = gw.submitReconstruct(key).getString("id");
    assertThat(gw.postJson(key, "/v1/jobs/" + job + "/cancel", null).status()).isEqualTo(202);
    return job;
  }

  /** The delivery log once it has {@code count} attempts and the newest has {@code newestStatus}. */
  private static JsonArray awaitDeliveries(String key, String hook, int count, String newestStatus) throws Exception {
    JsonArray[] last = new JsonArray[1];
    eventually(Duration.ofSeconds(30), () -> {
      try {
        last[0] = gw.get(key, "/v1/webhooks/" + hook + "/deliveries").json().getJsonArray("data");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return last[0].size() == count && newestStatus.equals(last[0].getJsonObject(0).getString("status"));
    });
    return last[0];
  }
}
