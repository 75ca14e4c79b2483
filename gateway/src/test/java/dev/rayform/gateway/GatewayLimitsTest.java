package dev.rayform.gateway;

import static dev.rayform.gateway.RunningGateway.await;
import static dev.rayform.gateway.RunningGateway.send;
import static dev.rayform.gateway.WebhookReceiver.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.gateway.RunningGateway.Resp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's defences with default settings: the SSRF guard on webhook URLs (at registration and
 * again at delivery), per-tenant rate limits and concurrent-job quotas answered with 429 and
 * Retry-After (on extra gateway instances with lowered limits, over the same real platform).
 */
class GatewayLimitsTest {
  static RunningGateway gw;
  static WebhookReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start(GatewayOptions.defaults());
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
  void webhookUrlsOnLoopbackPrivateOrLinkLocalAddressesAreRefusedByDefault() throws Exception {
    String key = gw.tenantKey("ten_ssrf");
    for (String url : List.of("http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/hook", "http://localhost:8080/hook", "http://192.168.0.10/", "http://172.16.5.4/", "http://100.64.0.1/",
        "http://0.0.0.0/", "http://[fd12::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/",
        "http://2130706433/")) {
      Resp r = gw.postJson(key, "/v1/webhooks", new JsonObject().put("url", url));
      assertThat(r.status()).as(url).isEqualTo(422);
      assertThat(r.errorCode()).as(url).isEqualTo("webhook_url_forbidden");
      assertThat(r.json().getJsonObject("error").getJsonObject("details").getString("field")).isEqualTo("url");
    }
    String upload = gw.upload(key, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    Resp job = gw.postJson(key, "/v1/jobs", new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", upload))
        .put("webhook", new JsonObject().put("url", "http://127.0.0.1:9/hook")));
    assertThat(job.status()).isEqualTo(422);
    assertThat(job.errorCode()).isEqualTo("webhook_url_forbidden");
    assertThat(job.json().getJsonObject("error").getJsonObject("details").getString("field")).isEqualTo("webhook.url");
    assertThat(gw.get(key, "/v1/jobs").json().getJsonArray("data")).isEmpty();
    assertThat(gw.get(key, "/v1/webhooks").json().getJsonArray("data")).isEmpty();
  }

  @Test
  void theGuardIsCheckedAgainBeforeEveryAttempt() throws Exception {
    String key = gw.tenantKey("ten_rebind");
    // As if the host had resolved to a public address when registered and to loopback now.
    String hook = await(gw.services.webhooks().create("ten_rebind", receiver.url("/rebind"), List.of("job.canceled"),
        dev.rayform.gateway.webhooks.WebhookSigner.newSecret())).id();
    String job = gw.submitReconstruct(key).getString("id");
    assertThat(gw.postJson(key, "/v1/jobs/" + job + "/cancel", null).status()).isEqualTo(202);
    JsonArray[] log = new JsonArray[1];
    eventually(Duration.ofSeconds(20), () -> {
      try {
        log[0] = gw.get(key, "/v1/webhooks/" + hook + "/deliveries?status=failed").json().getJsonArray("data");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return !log[0].isEmpty();
    });
    JsonObject attempt = log[0].getJsonObject(0);
    assertThat(attempt.getString("error")).startsWith("webhook_url_forbidden");
    assertThat(attempt.getInteger("responseCode")).isNull();
    assertThat(attempt.getString("nextAttemptAt")).isNotNull(); // retried on the default schedule
    assertThat(receiver.received("/rebind")).isEmpty();
  }

  @Test
  void aTenantOverItsRateGets429WithRetryAfter() throws Exception {
    ExtraGateway limited = new ExtraGateway(new GatewayOptions.Limits(1, 3, 0, Duration.ofSeconds(10)));
    String key = gw.tenantKey("ten_rate");
    String other = gw.tenantKey("ten_rate_other");
    for (int i = 0; i < 3; i++) {
      assertThat(limited.get(key, "/v1/jobs").status()).isEqualTo(200);
    }
    Resp refused = limited.get(key, "/v1/jobs");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("rate_limited");
    assertThat(Integer.parseInt(refused.headers().get("Retry-After"))).isBetween(1, 2);
    // Buckets are per tenant.
    assertThat(limited.get(other, "/v1/jobs").status()).isEqualTo(200);
    Thread.sleep(1100);
    assertThat(limited.get(key, "/v1/jobs").status()).isEqualTo(200);
    limited.close();
  }

  @Test
  void aTenantOverItsConcurrentJobQuotaGets429WithRetryAfter() throws Exception {
    ExtraGateway limited = new ExtraGateway(new GatewayOptions.Limits(0, 0, 2, Duration.ofSeconds(7)));
    String key = gw.tenantKey("ten_quota");
    String upload = gw.upload(key, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    JsonObject body = new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", upload));
    Resp first = limited.submit(key, body, "k1");
    assertThat(first.status()).isEqualTo(202);
    assertThat(limited.submit(key, body, null).status()).isEqualTo(202);

    Resp refused = limited.submit(key, body, null);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("job_quota_exceeded");
    assertThat(refused.headers().get("Retry-After")).isEqualTo("7");
    assertThat(gw.get(key, "/v1/jobs").json().getJsonArray("data")).hasSize(2);
    // An idempotent repeat is the existing job, not a new one: never refused.
    Resp replay = limited.submit(key, body, "k1");
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.json().getString("id")).isEqualTo(first.json().getString("id"));

    assertThat(gw.postJson(key, "/v1/jobs/" + first.json().getString("id") + "/cancel", null).status()).isEqualTo(202);
    assertThat(limited.submit(key, body, null).status()).isEqualTo(202);
    limited.close();
  }

  @Test
  void pastTheGlobalQueueDepthSubmissionsGet429QueueFullWithRetryAfter() throws Exception {
    long queued = await(gw.services.pool().query("select count(*) from jobs where status = 'queued' and parent_id is null").execute())
        .iterator().next().getLong(0);
    ExtraGateway limited = new ExtraGateway(new GatewayOptions.Limits(0, 0, 0, Duration.ofSeconds(9), (int) queued + 2));
    String key = gw.tenantKey("ten_queue_a");
    String other = gw.tenantKey("ten_queue_b");
    String upload = gw.upload(key, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    JsonObject body = new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", upload));
    Resp first = limited.submit(key, body, "q1");
    assertThat(first.status()).isEqualTo(202);
    assertThat(limited.submit(key, body, null).status()).isEqualTo(202);
    // The queue is full for every tenant, not only the one that filled it.
    String otherUpload = gw.upload(other, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    Resp refused = limited.submit(other, new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", otherUpload)),
        null);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("queue_full");
    assertThat(refused.headers().get("Retry-After")).isEqualTo("9");
    assertThat(gw.get(other, "/v1/jobs").json().getJsonArray("data")).isEmpty();
    // An idempotent repeat is never refused; a canceled job frees a place.
    assertThat(limited.submit(key, body, "q1").json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(gw.postJson(key, "/v1/jobs/" + first.json().getString("id") + "/cancel", null).status()).isEqualTo(202);
    assertThat(limited.submit(other, new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", otherUpload)),
        null).status()).isEqualTo(202);
    limited.close();
  }

  /** A second gateway verticle over the same platform, with other limits. */
  static final class ExtraGateway {
    final GatewayVerticle verticle;
    final String deployment;

    ExtraGateway(GatewayOptions.Limits limits) throws Exception {
      verticle = new GatewayVerticle(gw.services, GatewayOptions.defaults().withHost("127.0.0.1").withPort(0).withLimits(limits));
      deployment = await(gw.vertx.deployVerticle(verticle));
    }

    Resp get(String key, String uri) throws Exception {
      return send(RunningGateway.auth(gw.http.get(verticle.actualPort(), "127.0.0.1", uri), key), null);
    }

    Resp submit(String key, JsonObject body, String idempotencyKey) throws Exception {
      HttpRequest<Buffer> req = RunningGateway.auth(gw.http.post(verticle.actualPort(), "127.0.0.1", "/v1/jobs"), key)
          .putHeader("Content-Type", "application/json");
      if (idempotencyKey != null) {
        req.putHeader("Idempotency-Key", idempotencyKey);
      }
      return send(req, body.toBuffer());
    }

    void close() throws Exception {
      await(gw.vertx.undeploy(deployment));
    }
  }
}
