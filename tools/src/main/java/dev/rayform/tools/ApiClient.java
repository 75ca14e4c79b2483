package dev.rayform.tools;

import dev.rayform.recon.ReconException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The calls the CLI makes to a Rayform server's HTTP API (blocking; not for an event loop): uploads,
 * job submission and reads, a catalogue's items page after page, artifact downloads. An answer
 * with another status than expected becomes a {@link ReconException} with the API's error code.
 */
final class ApiClient {
  static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled");

  private final WebClient http;
  private final String base;
  private final String key;

  ApiClient(WebClient http, String base, String key) {
    this.http = http;
    this.base = base.replaceAll("/+$", "");
    this.key = key;
  }

  String upload(byte[] bytes, String contentType) throws Exception {
    return ok(await(http.postAbs(base + "/v1/uploads").bearerTokenAuthentication(key).putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(bytes))), 201).getString("id");
  }

  JsonObject submit(String type, JsonObject input, JsonObject options) throws Exception {
    return ok(await(http.postAbs(base + "/v1/jobs").bearerTokenAuthentication(key)
        .sendJsonObject(new JsonObject().put("type", type).put("input", input).put("options", options))), 202);
  }

  JsonObject job(String id) throws Exception {
    return ok(await(http.getAbs(base + "/v1/jobs/" + id).bearerTokenAuthentication(key).send()), 200);
  }

  /** Polls the job every {@code pollMillis} until it has finished. */
  JsonObject waitForEnd(String id, long pollMillis) throws Exception {
    while (true) {
      JsonObject j = job(id);
      if (TERMINAL.contains(j.getString("status"))) {
        return j;
      }
      Thread.sleep(pollMillis);
    }
  }

  /** Every item of a catalogue job, following the cursor. */
  JsonArray items(String jobId) throws Exception {
    JsonArray items = new JsonArray();
    String cursor = null;
    do {
      JsonObject page = ok(await(http.getAbs(base + "/v1/jobs/" + jobId + "/items?limit=200"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).bearerTokenAuthentication(key).send()), 200);
      items.addAll(page.getJsonArray("data"));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return items;
  }

  byte[] artifact(String jobId, String name) throws Exception {
    HttpResponse<Buffer> r = await(http.getAbs(base + "/v1/jobs/" + jobId + "/artifacts/" + name).followRedirects(true)
        .bearerTokenAuthentication(key).send());
    if (r.statusCode() != 200) {
      throw new ReconException("download_failed", name + " of job " + jobId + ": HTTP " + r.statusCode());
    }
    return r.body().getBytes();
  }

  Future<HttpResponse<Buffer>> submitAsync(JsonObject body) {
    return http.postAbs(base + "/v1/jobs").bearerTokenAuthentication(key).sendJsonObject(body);
  }

  Future<HttpResponse<Buffer>> cancelAsync(String id) {
    return http.postAbs(base + "/v1/jobs/" + id + "/cancel").bearerTokenAuthentication(key).send();
  }

  static JsonObject ok(HttpResponse<Buffer> r, int expected) {
    if (r.statusCode() != expected) {
      String body = r.bodyAsString();
      String code = "http_" + r.statusCode();
      try {
        code = new JsonObject(body).getJsonObject("error").getString("code");
      } catch (RuntimeException ignored) {
        // Not the API's error JSON: keep the status.
      }
      throw new ReconException(code, "HTTP " + r.statusCode() + ": " + body);
    }
    return r.bodyAsJsonObject();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
