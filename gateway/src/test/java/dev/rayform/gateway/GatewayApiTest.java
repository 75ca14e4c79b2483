package dev.rayform.gateway;

import static dev.rayform.gateway.RunningGateway.await;
import static dev.rayform.gateway.RunningGateway.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.core.job.Job;
import dev.rayform.core.repo.Artifact;
import dev.rayform.core.store.StoredObject;
import dev.rayform.gateway.RunningGateway.Resp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.ext.web.Route;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API against a real Kafka, PostgreSQL and S3. */
class GatewayApiTest {
  static RunningGateway gw;
  static String keyA;
  static String keyB;

  @BeforeAll
  static void start() throws Exception {
    gw = RunningGateway.start(GatewayOptions.defaults().withUploadLimit(1024 * 1024));
    keyA = gw.keyA;
    keyB = gw.keyB;
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  @Test
  void uploadThenSubmitThenGetAndList() throws Exception {
    byte[] png = "\u0089PNG fake image bytes".getBytes(StandardCharsets.ISO_8859_1);
    Resp up = send(RunningGateway.auth(gw.http.post("/v1/uploads"), keyA).putHeader("Content-Type", "image/png"), Buffer.buffer(png));
    assertThat(up.status()).isEqualTo(201);
    assertThat(up.json().getString("id")).startsWith("upl_");
    assertThat(up.json().getLong("size")).isEqualTo(png.length);
    assertThat(up.json().getString("sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)));
    assertThat(up.json().getString("contentType")).isEqualTo("image/png");

    Resp multi = await(RunningGateway.auth(gw.http.post("/v1/uploads"), keyA)
        .sendMultipartForm(MultipartForm.create().attribute("note", "x").binaryFileUpload("file", "catalogue.csv",
            Buffer.buffer("sku,image\na,a.png\n"), "text/csv"))
        .map(r -> new Resp(r.statusCode(), r.headers(), r.body())));
    assertThat(multi.status()).isEqualTo(201);
    assertThat(multi.json().getString("contentType")).isEqualTo("text/csv");
    assertThat(multi.json().getString("filename")).isEqualTo("catalogue.csv");
    assertThat(multi.json().getLong("size")).isEqualTo(18);

    JsonObject body = new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", up.json().getString("id")))
        .put("options", new JsonObject().put("formats", new JsonArray().add("glb").add("obj")).put("resolution", 64));
    Resp submitted = gw.postJson(keyA, "/v1/jobs", body);
    assertThat(submitted.status()).isEqualTo(202);
    JsonObject job = submitted.json();
    assertThat(job.getString("status")).isEqualTo("queued");
    assertThat(job.getString("type")).isEqualTo("reconstruct");
    assertThat(job.getString("createdAt")).isNotNull();
    assertThat(job.getString("updatedAt")).isNotNull();
    assertThat(submitted.headers().get("Location")).isEqualTo("/v1/jobs/" + job.getString("id"));
    assertThat(submitted.headers().get("Idempotent-Replayed")).isNull();

    Resp got = gw.get(keyA, "/v1/jobs/" + job.getString("id"));
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().getJsonObject("options").getInteger("resolution")).isEqualTo(64);

    Resp catalog = gw.postJson(keyA, "/v1/jobs", new JsonObject().put("type", "catalog")
        .put("input", new JsonObject().put("upload", multi.json().getString("id"))));
    assertThat(catalog.status()).isEqualTo(202);

    Resp first = gw.get(keyA, "/v1/jobs?limit=1&type=reconstruct");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().getJsonArray("data")).hasSize(1);
    String cursor = first.json().getString("nextCursor");
    Resp all = gw.get(keyA, "/v1/jobs?limit=200");
    assertThat(all.json().getJsonArray("data").stream().map(o -> ((JsonObject) o).getString("id")))
        .contains(job.getString("id"), catalog.json().getString("id"));
    assertThat(all.json().getValue("nextCursor")).isNull();
    if (cursor != null) {
      Resp second = gw.get(keyA, "/v1/jobs?limit=1&type=reconstruct&cursor=" + cursor);
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.json().getJsonArray("data").getJsonObject(0).getString("id"))
          .isNotEqualTo(first.json().getJsonArray("data").getJsonObject(0).getString("id"));
    }
    Resp items = gw.get(keyA, "/v1/jobs/" + catalog.json().getString("id") + "/items");
    assertThat(items.status()).isEqualTo(200);
    assertThat(items.json().getJsonArray("data")).isEmpty();
  }

  @Test
  void idempotencyKeyReplaysTheSameJobAndRefusesADifferentBody() throws Exception {
    String upload = gw.upload(keyA, new byte[] {1, 2, 3}, "image/jpeg");
    String text1 = "{\"type\":\"reconstruct\",\"input\":{\"upload\":\"" + upload + "\"},\"options\":{\"resolution\":128,\"formats\":[\"glb\"]}}";
    String text2 = "{ \"options\": {\"formats\":[\"glb\"], \"resolution\":128}, \"input\": {\"upload\":\"" + upload + "\"}, \"type\":\"reconstruct\" }";
    Resp a = send(RunningGateway.auth(gw.http.post("/v1/jobs"), keyA).putHeader("Idempotency-Key", "k-1"), Buffer.buffer(text1));
    Resp b = send(RunningGateway.auth(gw.http.post("/v1/jobs"), keyA).putHeader("Idempotency-Key", "k-1"), Buffer.buffer(text2));
    assertThat(a.status()).isEqualTo(202);
    assertThat(b.status()).isEqualTo(202);
    assertThat(b.json().getString("id")).isEqualTo(a.json().getString("id"));
    assertThat(b.headers().get("Idempotent-Replayed")).isEqualTo("true");

    String different = text1.replace("128", "64");
    Resp c = send(RunningGateway.auth(gw.http.post("/v1/jobs"), keyA).putHeader("Idempotency-Key", "k-1"), Buffer.buffer(different));
    assertThat(c.status()).isEqualTo(409);
    assertThat(c.errorCode()).isEqualTo("idempotency_key_reused");

    // Keys are per tenant: B's upload under the same key makes B's own job.
    String uploadB = gw.upload(keyB, new byte[] {4}, "image/png");
    Resp d = send(RunningGateway.auth(gw.http.post("/v1/jobs"), keyB).putHeader("Idempotency-Key", "k-1"),
        Buffer.buffer(text1.replace(upload, uploadB)));
    assertThat(d.status()).isEqualTo(202);
    assertThat(d.json().getString("id")).isNotEqualTo(a.json().getString("id"));
  }

  @Test
  void tenantsSeeOnlyTheirOwnResources() throws Exception {
    JsonObject job = gw.submitReconstruct(keyA);
    String id = job.getString("id");
    byte[] mesh = "glTF mesh".getBytes(StandardCharsets.UTF_8);
    StoredObject so = gw.services.store().put("artifacts/" + id + "/mesh.glb", mesh, "model/gltf-binary");
    await(gw.services.artifacts().add(new Artifact(id, "mesh.glb", "ten_a", so.key(), so.size(), so.sha256(), "model/gltf-binary")));

    assertThat(gw.get(keyA, "/v1/jobs/" + id).status()).isEqualTo(200);
    assertThat(gw.get(keyA, "/v1/jobs/" + id + "/artifacts").status()).isEqualTo(200);
    for (String path : new String[] {"", "/artifacts", "/artifacts/mesh.glb", "/items"}) {
      Resp r = gw.get(keyB, "/v1/jobs/" + id + path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.errorCode()).as(path).isEqualTo("job_not_found");
    }
    Resp cancel = gw.postJson(keyB, "/v1/jobs/" + id + "/cancel", null);
    assertThat(cancel.status()).isEqualTo(404);
    assertThat(gw.get(keyA, "/v1/jobs/" + id).json().getString("status")).isEqualTo("queued");
    assertThat(gw.get(keyB, "/v1/jobs?limit=200").json().getJsonArray("data").stream()
        .map(o -> ((JsonObject) o).getString("id"))).doesNotContain(id);
    Resp foreignUpload = gw.postJson(keyB, "/v1/jobs", new JsonObject().put("type", "reconstruct")
        .put("input", job.getJsonObject("input")));
    assertThat(foreignUpload.status()).isEqualTo(404);
    assertThat(foreignUpload.errorCode()).isEqualTo("upload_not_found");
    // Events of A's job: see GatewayEventsTest (B's upgrade is refused with 404 too).
  }

  @Test
  void artifactsAreListedAndDownloadedByRedirectOrStream() throws Exception {
    String id = gw.submitReconstruct(keyA).getString("id");
    byte[] png = "preview bytes".getBytes(StandardCharsets.UTF_8);
    StoredObject so = gw.services.store().put("artifacts/" + id + "/preview.png", png, "image/png");
    await(gw.services.artifacts().add(new Artifact(id, "preview.png", "ten_a", so.key(), so.size(), so.sha256(), "image/png")));

    Resp list = gw.get(keyA, "/v1/jobs/" + id + "/artifacts");
    JsonObject a = list.json().getJsonArray("data").getJsonObject(0);
    assertThat(a.getString("name")).isEqualTo("preview.png");
    assertThat(a.getString("url")).isEqualTo("/v1/jobs/" + id + "/artifacts/preview.png");
    assertThat(a.getString("sha256")).isEqualTo(so.sha256());

    Resp redirect = gw.get(keyA, "/v1/jobs/" + id + "/artifacts/preview.png");
    assertThat(redirect.status()).isEqualTo(302);
    URI location = URI.create(redirect.headers().get("Location"));
    WebClient plain = WebClient.create(gw.vertx, new WebClientOptions());
    Resp fetched = send(plain.getAbs(location.toString()), null);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body().getBytes()).isEqualTo(png);
    plain.close();

    // A gateway that streams (no presigned URLs).
    GatewayVerticle streaming = new GatewayVerticle(gw.services, GatewayOptions.defaults().withHost("127.0.0.1").withPort(0)
        .withArtifactUrlTtl(Duration.ZERO));
    String dep = await(gw.vertx.deployVerticle(streaming));
    try {
      WebClient client = WebClient.create(gw.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(streaming.actualPort()));
      Resp streamed = send(RunningGateway.auth(client.get("/v1/jobs/" + id + "/artifacts/preview.png"), keyA), null);
      assertThat(streamed.status()).isEqualTo(200);
      assertThat(streamed.body().getBytes()).isEqualTo(png);
      assertThat(streamed.headers().get("Content-Type")).isEqualTo("image/png");
      assertThat(streamed.headers().get("ETag")).isEqualTo("\"" + so.sha256() + "\"");
      Resp missing = send(RunningGateway.auth(client.get("/v1/jobs/" + id + "/artifacts/mesh.usdz"), keyA), null);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.errorCode()).isEqualTo("artifact_not_found");
      client.close();
    } finally {
      await(gw.vertx.undeploy(dep));
    }
  }

  @Test
  void authErrorsAre401() throws Exception {
    for (String header : new String[] {null, "Bearer nope", "Basic " + keyA, "Bearer "}) {
      var req = gw.http.get("/v1/jobs");
      if (header != null) {
        req.putHeader("Authorization", header);
      }
      Resp r = send(req, null);
      assertThat(r.status()).as(String.valueOf(header)).isEqualTo(401);
      assertThat(r.errorCode()).isEqualTo("unauthorized");
      assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
    }
    Resp upload = send(gw.http.post("/v1/uploads").putHeader("Content-Type", "image/png"), Buffer.buffer(new byte[1000]));
    assertThat(upload.status()).isEqualTo(401);
    Resp queryToken = send(gw.http.get("/v1/jobs?access_token=" + keyA), null);
    assertThat(queryToken.status()).as("access_token is for the websocket only").isEqualTo(401);
  }

  @Test
  void oversizedUploadsAre413AndOddTypes415() throws Exception {
    Resp big = send(RunningGateway.auth(gw.http.post("/v1/uploads"), keyA).putHeader("Content-Type", "application/octet-stream"),
        Buffer.buffer(new byte[1024 * 1024 + 1]));
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.errorCode()).isEqualTo("payload_too_large");
    Resp html = send(RunningGateway.auth(gw.http.post("/v1/uploads"), keyA).putHeader("Content-Type", "text/html"),
        Buffer.buffer("<p>"));
    assertThat(html.status()).isEqualTo(415);
    assertThat(html.errorCode()).isEqualTo("unsupported_media_type");
    Resp noFile = await(RunningGateway.auth(gw.http.post("/v1/uploads"), keyA)
        .sendMultipartForm(MultipartForm.create().attribute("other", "x"))
        .map(r -> new Resp(r.statusCode(), r.headers(), r.body())));
    assertThat(noFile.status()).isEqualTo(400);
    assertThat(noFile.errorCode()).isEqualTo("validation_failed");
    // Chunked, so no Content-Length to refuse up front: cut off once the limit is passed.
    HttpClient raw = gw.vertx.createHttpClient();
    try {
      int status = await(raw.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(gw.port())
              .setURI("/v1/uploads").addHeader("Authorization", "Bearer " + keyA).addHeader("Content-Type", "application/zip"))
          .compose(req -> {
            req.setChunked(true);
            for (int i = 0; i < 3; i++) {
              req.write(Buffer.buffer(new byte[512 * 1024]));
            }
            req.end();
            return req.response().compose(resp -> resp.body().map(b -> resp.statusCode()));
          }));
      assertThat(status).isEqualTo(413);
    } finally {
      await(raw.close());
    }
    // Uploads still work afterwards.
    assertThat(gw.upload(keyA, new byte[] {1}, "image/png")).startsWith("upl_");
  }

  @Test
  void invalidJobRequestsAnswerStableCodes() throws Exception {
    String image = gw.upload(keyA, new byte[] {1}, "image/png");
    String csv = gw.upload(keyA, "sku,image\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    expect(send(RunningGateway.auth(gw.http.post("/v1/jobs"), keyA), Buffer.buffer("{nope")), 400, "invalid_json");
    expect(send(RunningGateway.auth(gw.http.post("/v1/jobs"), keyA), Buffer.buffer("[1]")), 400, "invalid_json");
    expect(send(RunningGateway.auth(gw.http.post("/v1/jobs"), keyA), Buffer.buffer("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")),
        400, "invalid_json");
    expect(send(RunningGateway.auth(gw.http.post("/v1/jobs"), keyA).putHeader("Content-Type", "text/plain"), Buffer.buffer("{}")),
        415, "unsupported_media_type");
    expect(send(RunningGateway.auth(gw.http.post("/v1/jobs"), keyA), Buffer.buffer("{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}")),
        413, "payload_too_large");
    expectField(job(null, new JsonObject()), 400, "validation_failed", "type");
    expectField(job("sculpt", new JsonObject()), 400, "validation_failed", "type");
    expectField(gw.postJson(keyA, "/v1/jobs", new JsonObject().put("type", "reconstruct")), 400, "validation_failed", "input");
    expectField(job("reconstruct", new JsonObject()), 400, "validation_failed", "input.upload");
    expectField(job("reconstruct", new JsonObject().put("upload", 5)), 400, "validation_failed", "input.upload");
    expectField(job("catalog", new JsonObject()), 400, "validation_failed", "input.upload");
    expectField(job("dataset", new JsonObject()), 400, "validation_failed", "input.source");
    expectField(job("train", new JsonObject()), 400, "validation_failed", "input.dataset");
    expectField(job("evaluate", new JsonObject().put("model", "mdl_x")), 400, "validation_failed", "input.dataset");
    expectField(gw.postJson(keyA, "/v1/jobs", new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", image))
        .put("options", new JsonObject().put("formats", new JsonArray().add("fbx")))), 400, "validation_failed", "options.formats");
    expectField(gw.postJson(keyA, "/v1/jobs", new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", image))
        .put("options", new JsonObject().put("faces", 3))), 400, "validation_failed", "options.faces");
    expectField(gw.postJson(keyA, "/v1/jobs", new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", image))
        .put("options", new JsonObject().put("dimensions", new JsonObject().put("width", -1).put("unit", "m")))),
        400, "validation_failed", "options.dimensions.width");
    expectField(gw.postJson(keyA, "/v1/jobs", new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", image))
        .put("options", new JsonObject().put("dimensions", new JsonObject().put("height", 80).put("unit", "furlong")))),
        400, "validation_failed", "options.dimensions.unit");
    expectField(gw.postJson(keyA, "/v1/jobs", new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", image))
        .put("webhook", new JsonObject().put("url", "ftp://x"))), 400, "validation_failed", "webhook.url");
    expect(job("reconstruct", new JsonObject().put("upload", "upl_missing")), 404, "upload_not_found");
    expect(job("train", new JsonObject().put("dataset", "ds_missing")), 404, "not_found");
    expectField(job("reconstruct", new JsonObject().put("upload", csv)), 422, "invalid_input", "input.upload");
    expectField(job("catalog", new JsonObject().put("upload", image)), 422, "invalid_input", "input.upload");
    assertThat(job("dataset", new JsonObject().put("source", "procedural")).status()).isEqualTo(202);
    expect(gw.get(keyA, "/v1/jobs?limit=0"), 400, "bad_request");
    expect(gw.get(keyA, "/v1/jobs?status=sleeping"), 400, "bad_request");
    expect(gw.get(keyA, "/v1/jobs?cursor=garbage"), 400, "invalid_cursor");
    expect(gw.get(keyA, "/v1/jobs/job_nope"), 404, "job_not_found");
    expect(gw.get(keyA, "/v1/nothing-here"), 404, "not_found");
    expect(send(RunningGateway.auth(gw.http.delete("/v1/jobs"), keyA), null), 405, "method_not_allowed");
  }

  @Test
  void cancelOfAQueuedJobIsImmediateAndOfAFinishedJobA409() throws Exception {
    String id = gw.submitReconstruct(keyA).getString("id");
    Resp canceled = gw.postJson(keyA, "/v1/jobs/" + id + "/cancel", null);
    assertThat(canceled.status()).isEqualTo(202);
    assertThat(canceled.json().getString("status")).isEqualTo("canceled");
    assertThat(gw.postJson(keyA, "/v1/jobs/" + id + "/cancel", null).json().getString("status")).as("no-op").isEqualTo("canceled");

    String done = gw.submitReconstruct(keyA).getString("id");
    assertThat(await(gw.services.jobs().claim(done, "w1", Duration.ofMinutes(1)))).isPresent();
    Job succeeded = await(gw.services.jobs().succeed(done, "w1", new JsonObject()));
    assertThat(succeeded.status().apiName()).isEqualTo("succeeded");
    expect(gw.postJson(keyA, "/v1/jobs/" + done + "/cancel", null), 409, "job_already_finished");
  }

  @Test
  void modelsAreTheTenantsAndTheSharedOnes() throws Exception {
    String shared = await(gw.services.models().add(null, "default", "ray-onet", "cpu", "models/default", new JsonObject(), null));
    String own = await(gw.services.models().add("ten_a", "mine", "onet", null, "models/ten_a/m", new JsonObject().put("iou", 0.4), null));
    Resp listA = gw.get(keyA, "/v1/models");
    assertThat(listA.json().getJsonArray("data").stream().map(o -> ((JsonObject) o).getString("id"))).contains(shared, own);
    Resp listB = gw.get(keyB, "/v1/models");
    assertThat(listB.json().getJsonArray("data").stream().map(o -> ((JsonObject) o).getString("id"))).contains(shared).doesNotContain(own);
    JsonObject m = gw.get(keyA, "/v1/models/" + own).json();
    assertThat(m.getString("arch")).isEqualTo("onet");
    assertThat(m.getBoolean("shared")).isFalse();
    assertThat(m.getString("createdAt")).isNotNull();
    assertThat(gw.get(keyB, "/v1/models/" + shared).json().getBoolean("shared")).isTrue();
    expect(gw.get(keyB, "/v1/models/" + own), 404, "model_not_found");
    Resp onet = gw.get(keyA, "/v1/models?arch=onet");
    assertThat(onet.json().getJsonArray("data")).hasSize(1);
    Resp page = gw.get(keyA, "/v1/models?limit=1");
    assertThat(page.json().getJsonArray("data")).hasSize(1);
    Resp next = gw.get(keyA, "/v1/models?limit=1&cursor=" + page.json().getString("nextCursor"));
    assertThat(next.json().getJsonArray("data").getJsonObject(0).getString("id"))
        .isNotEqualTo(page.json().getJsonArray("data").getJsonObject(0).getString("id"));
  }

  @Test
  void operationsEndpoints() throws Exception {
    Resp health = gw.get(null, "/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().getString("status")).isEqualTo("ok");
    Resp ready = gw.get(null, "/ready");
    assertThat(ready.status()).as(String.valueOf(ready.body())).isEqualTo(200);
    assertThat(ready.json().getString("status")).isEqualTo("ready");
    assertThat(ready.json().getJsonObject("checks").getMap()).containsEntry("kafka", "up").containsEntry("postgres", "up")
        .containsEntry("store", "up");
    Resp metrics = gw.get(null, "/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body().toString())
        .contains("rayform_jobs{status=\"queued\",type=\"reconstruct\"}")
        .contains("rayform_outbox_backlog")
        .contains("rayform_kafka_consumer_lag{topic=\"rayform.jobs.catalog\"}")
        .contains("rayform_http_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}");
    // No worker consumes here: a dataset job's message stays on its topic, and the lag (read through the gateway's
    // one admin client every 10 s) counts it.
    String dataset = gw.postJson(keyA, "/v1/jobs", new JsonObject().put("type", "dataset")
        .put("input", new JsonObject().put("source", "procedural"))).json().getString("id");
    assertThat(dataset).startsWith("job_");
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(40);
    double lag = 0;
    while (lag < 1 && System.nanoTime() < deadline) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("rayform_kafka_consumer_lag\\{topic=\"rayform.jobs.dataset\"} ([0-9.]+)")
          .matcher(gw.get(null, "/metrics").body().toString());
      lag = m.find() ? Double.parseDouble(m.group(1)) : 0;
      Thread.sleep(lag < 1 ? 500 : 0);
    }
    assertThat(lag).as("consumer lag of the dataset topic").isGreaterThanOrEqualTo(1);
    Resp doc = gw.get(null, "/openapi.yaml");
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.headers().get("Content-Type")).startsWith("application/yaml");
    assertThat(doc.body().toString()).startsWith("openapi: 3.1.0");
  }

  /** Routes the contract leaves to later issues; each answers 404 until then. */
  static final Set<String> KNOWN_GAPS = Set.of();

  /** Routes outside the API: the dashboard's static files. */
  static final Set<String> STATIC_FILES = Set.of("GET /assets/", "GET /webjars/three/");

  @Test
  void everyPathOfTheContractHasARouteAndNoRouteIsOutsideIt() throws Exception {
    JsonNode doc;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.yaml")) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    Set<String> contract = new TreeSet<>();
    doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
        contract.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey().replaceAll("\\{([^}]+)}", ":$1"));
      }
    }));
    Set<String> routed = new TreeSet<>();
    for (Route route : gw.gateway.router().getRoutes()) {
      if (route.getPath() != null && route.methods() != null) {
        route.methods().forEach(m -> routed.add(m.name() + " " + route.getPath()));
      }
    }
    Set<String> missing = new TreeSet<>(contract);
    missing.removeAll(routed);
    assertThat(missing).isEqualTo(KNOWN_GAPS);
    Set<String> extra = new TreeSet<>(routed);
    extra.removeAll(contract);
    assertThat(extra).isEqualTo(STATIC_FILES);
    for (String gap : KNOWN_GAPS) {
      String[] mp = gap.split(" ");
      String uri = mp[1].replace(":id", "wh_1").replace(":delivery", "dlv_1");
      Resp r = send(RunningGateway.auth(gw.http.request(HttpMethod.valueOf(mp[0]), uri), keyA), null);
      assertThat(r.status()).as(gap).isEqualTo(404);
    }
  }

  @Test
  void theDashboardAndThreeJsAreServedWithoutAKey() throws Exception {
    Resp page = gw.get(null, "/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().get("Content-Type")).startsWith("text/html");
    assertThat(page.headers().get("Cache-Control")).isEqualTo("no-cache");
    String html = page.body().toString();
    assertThat(html).contains("<script type=\"importmap\">", "/assets/app.js");
    // Every module the page imports, three.js through the import map included, is served with a JavaScript type.
    Matcher three = Pattern.compile("\"three\": \"([^\"]+)\"").matcher(html);
    assertThat(three.find()).as("import map entry for three").isTrue();
    Matcher addons = Pattern.compile("\"three/addons/\": \"([^\"]+)\"").matcher(html);
    assertThat(addons.find()).as("import map entry for three/addons/").isTrue();
    for (String uri : List.of(three.group(1), addons.group(1) + "loaders/GLTFLoader.js", addons.group(1) + "loaders/OBJLoader.js",
        addons.group(1) + "loaders/PLYLoader.js", addons.group(1) + "controls/OrbitControls.js", "/assets/app.js", "/assets/api.js",
        "/assets/events.js", "/assets/plot.js", "/assets/viewer.js")) {
      Resp js = gw.get(null, uri);
      assertThat(js.status()).as(uri).isEqualTo(200);
      assertThat(js.headers().get("Content-Type")).as(uri).contains("javascript");
    }
    Resp css = gw.get(null, "/assets/style.css");
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.headers().get("Content-Type")).startsWith("text/css");
    // Nothing else of the classpath is reachable, and API paths keep their JSON 404.
    for (String escape : List.of("/webjars/three/%2e%2e/%2e%2e/logback-test.xml", "/assets/..%2flogback-test.xml",
        "/assets/logback-test.xml", "/webjars/three/0.181.1/../../../../logback-test.xml")) {
      assertThat(gw.get(null, escape).status()).as(escape).isEqualTo(404);
    }
    Resp unknown = gw.get(keyA, "/v1/nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");
  }

  private Resp job(String type, JsonObject input) throws Exception {
    JsonObject body = new JsonObject().put("input", input);
    if (type != null) {
      body.put("type", type);
    }
    return gw.postJson(keyA, "/v1/jobs", body);
  }

  private static void expect(Resp r, int status, String code) {
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(status);
    assertThat(r.errorCode()).isEqualTo(code);
    assertThat(r.body().toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static void expectField(Resp r, int status, String code, String field) {
    expect(r, status, code);
    assertThat(r.json().getJsonObject("error").getJsonObject("details").getString("field")).isEqualTo(field);
  }
}
