package dev.rayform.gateway;

import static dev.rayform.gateway.RunningGateway.await;
import static dev.rayform.gateway.RunningGateway.send;
import static dev.rayform.gateway.WebhookReceiver.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rayform.core.PlatformConfig;
import dev.rayform.core.job.Ids;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.NewJob;
import dev.rayform.core.repo.Artifact;
import dev.rayform.core.store.ObjectStores;
import dev.rayform.core.store.StoredObject;
import dev.rayform.gateway.RunningGateway.Resp;
import dev.rayform.gateway.webhooks.WebhookOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Security properties over a real platform: API keys stored only as hashes; the tenant-isolation
 * matrix over every route of the router (checked against openapi.yaml, so a new endpoint without a
 * row here fails) and the events websocket: another tenant's ids answer 404 with the same code as ids
 * that do not exist, never 403; artifact download links that are signed, expire and cannot be guessed;
 * and no secret (API keys, webhook secrets, store and database credentials) in any log line.
 */
class GatewaySecurityTest {
  static RunningGateway gw;
  static WebSocketClient wsClient;
  static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();
  static final Map<String, Level> LEVELS = new LinkedHashMap<>();

  /** Tenant A's resources, created through the API where it has a route and through the repositories otherwise. */
  static String upload, job, catalog, item, model, dataset, webhook, delivery, artifact = "preview.png";
  static byte[] artifactBytes = "PNG-ish artifact bytes".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void start() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOGGED.start();
    root.addAppender(LOGGED);
    // Everything of ours and of the HTTP, SQL and S3 clients at DEBUG while secrets are handled.
    for (String name : List.of("dev.rayform", "io.vertx", "software.amazon.awssdk", "io.netty.handler.logging")) {
      Logger l = (Logger) LoggerFactory.getLogger(name);
      LEVELS.put(name, l.getLevel());
      l.setLevel(Level.DEBUG);
    }
    gw = RunningGateway.start(GatewayOptions.defaults().withWebhooks(WebhookOptions.defaults()
        .withRetrySchedule(List.of(Duration.ofSeconds(30)))));
    wsClient = gw.vertx.createWebSocketClient();

    upload = gw.upload(gw.keyA, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    job = gw.submitReconstruct(gw.keyA).getString("id");
    String archive = gw.upload(gw.keyA, new byte[] {'P', 'K', 3, 4}, "application/zip");
    catalog = created(gw.postJson(gw.keyA, "/v1/jobs", new JsonObject().put("type", "catalog")
        .put("input", new JsonObject().put("upload", archive)))).getString("id");
    item = await(gw.services.jobs().ensureChild(new NewJob("ten_a", JobType.RECONSTRUCT, new JsonObject().put("upload", upload),
        new JsonObject(), catalog, "sku-1", null, null, 3))).id();
    StoredObject so = gw.services.store().put("jobs/" + job + "/" + artifact, artifactBytes, "image/png");
    await(gw.services.artifacts().add(new Artifact(job, artifact, "ten_a", so.key(), so.size(), so.sha256(), "image/png")));
    model = await(gw.services.models().add("ten_a", "a-model", "ray_onet", "tiny", "models/ten_a/m", new JsonObject(), null));
    dataset = await(gw.services.datasets().add("ten_a", "a-dataset", "datasets/ten_a/d", new JsonObject(), null));
    // A webhook of A with a public address (nothing listens there; the attempt is recorded as failed).
    Resp hook = gw.postJson(gw.keyA, "/v1/webhooks", new JsonObject().put("url", "http://198.51.100.7:9/hook")
        .put("events", new JsonArray().add("job.canceled")));
    assertThat(hook.status()).as(hook.body().toString()).isEqualTo(201);
    webhook = hook.json().getString("id");
    String canceled = gw.submitReconstruct(gw.keyA).getString("id");
    assertThat(gw.postJson(gw.keyA, "/v1/jobs/" + canceled + "/cancel", null).status()).isEqualTo(202);
    JsonArray[] log = new JsonArray[1];
    eventually(Duration.ofSeconds(30), () -> {
      try {
        log[0] = gw.get(gw.keyA, "/v1/webhooks/" + webhook + "/deliveries").json().getJsonArray("data");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return !log[0].isEmpty();
    });
    delivery = log[0].getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() throws Exception {
    LEVELS.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGGED);
    if (wsClient != null) {
      await(wsClient.close());
    }
    if (gw != null) {
      gw.close();
    }
  }

  /**
   * Deliveries of A's webhook that B's probes could have caused: redeliveries, or events of the jobs B
   * tried to cancel. (Other tests' canceled jobs of A, and retries of the set-up's delivery, may land
   * meanwhile.)
   */
  private static long othersDeliveries() throws Exception {
    JsonArray all = gw.get(gw.keyA, "/v1/webhooks/" + webhook + "/deliveries").json().getJsonArray("data");
    Set<String> probed = Set.of(job, item, catalog);
    return all.stream().map(JsonObject.class::cast)
        .filter(d -> Boolean.TRUE.equals(d.getBoolean("redelivery")) || probed.contains(d.getString("jobId"))).count();
  }

  private static JsonObject created(Resp r) {
    assertThat(r.status()).as(String.valueOf(r.body())).isBetween(200, 202);
    return r.json();
  }

  // ------------------------------------------------------------------ API keys

  @Test
  void apiKeysAreStoredOnlyAsSha256HashesAndLookedUpByHash() throws Exception {
    RowSet<Row> rows = await(gw.services.pool().query("select * from api_keys").execute());
    List<String> keys = List.of(gw.keyA, gw.keyB);
    int seen = 0;
    for (Row r : rows) {
      for (int c = 0; c < r.size(); c++) {
        Object v = r.getValue(c);
        String text = v instanceof Buffer b ? new String(b.getBytes(), StandardCharsets.ISO_8859_1) + b : String.valueOf(v);
        for (String k : keys) {
          assertThat(text).as("column " + r.getColumnName(c)).doesNotContain(k).doesNotContain(k.substring(8));
        }
      }
      byte[] hash = r.getBuffer("key_hash").getBytes();
      assertThat(hash).hasSize(32);
      for (String k : keys) {
        if (MessageDigest.isEqual(hash, MessageDigest.getInstance("SHA-256").digest(k.getBytes(StandardCharsets.UTF_8)))) {
          seen++;
          assertThat(r.getString("prefix")).hasSizeLessThanOrEqualTo(8);
        }
      }
    }
    assertThat(seen).isEqualTo(2);
    // Keys are 24 random bytes: a key that shares all but its last character with a real one is refused.
    String near = gw.keyA.substring(0, gw.keyA.length() - 1) + (gw.keyA.endsWith("A") ? "B" : "A");
    assertThat(gw.get(near, "/v1/jobs").status()).isEqualTo(401);
    assertThat(gw.get(gw.keyA, "/v1/jobs").status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ the isolation matrix

  /** How tenant B probes one route with tenant A's ids, and what A itself gets (so the 404 is not vacuous). */
  record Probe(String uri, String body, int ownerStatus) {}

  /** Every /v1 route of the router: B's probes with A's ids. A route missing here fails the test. */
  private static Map<String, List<Probe>> matrix() {
    Map<String, List<Probe>> m = new LinkedHashMap<>();
    m.put("GET /v1/jobs/:id", List.of(new Probe("/v1/jobs/" + job, null, 200), new Probe("/v1/jobs/" + catalog, null, 200),
        new Probe("/v1/jobs/" + item, null, 200)));
    m.put("POST /v1/jobs/:id/cancel", List.of(new Probe("/v1/jobs/" + job + "/cancel", null, -1),
        new Probe("/v1/jobs/" + item + "/cancel", null, -1)));
    m.put("GET /v1/jobs/:id/items", List.of(new Probe("/v1/jobs/" + catalog + "/items", null, 200)));
    m.put("GET /v1/jobs/:id/artifacts", List.of(new Probe("/v1/jobs/" + job + "/artifacts", null, 200)));
    m.put("GET /v1/jobs/:id/artifacts/:name", List.of(new Probe("/v1/jobs/" + job + "/artifacts/" + artifact, null, 302)));
    m.put("GET /v1/models/:id", List.of(new Probe("/v1/models/" + model, null, 200)));
    m.put("GET /v1/webhooks/:id", List.of(new Probe("/v1/webhooks/" + webhook, null, 200)));
    m.put("DELETE /v1/webhooks/:id", List.of(new Probe("/v1/webhooks/" + webhook, null, -1)));
    m.put("POST /v1/webhooks/:id/rotate-secret", List.of(new Probe("/v1/webhooks/" + webhook + "/rotate-secret", null, -1)));
    m.put("GET /v1/webhooks/:id/deliveries", List.of(new Probe("/v1/webhooks/" + webhook + "/deliveries", null, 200)));
    m.put("POST /v1/webhooks/:id/deliveries/:delivery/redeliver", List.of(
        new Probe("/v1/webhooks/" + webhook + "/deliveries/" + delivery + "/redeliver", null, -1)));
    // Routes that take A's ids in the body: submissions referring to A's upload, dataset or model.
    m.put("POST /v1/jobs", List.of(
        new Probe("/v1/jobs", new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", upload)).encode(), -1),
        new Probe("/v1/jobs", new JsonObject().put("type", "train").put("input", new JsonObject().put("dataset", dataset)).encode(), -1),
        new Probe("/v1/jobs", new JsonObject().put("type", "evaluate").put("input", new JsonObject().put("dataset", dataset)
            .put("model", model)).encode(), -1)));
    // Collections and creations: no foreign id to give; checked below to list only the caller's own.
    m.put("GET /v1/jobs", List.of());
    m.put("GET /v1/models", List.of());
    m.put("GET /v1/webhooks", List.of());
    m.put("POST /v1/webhooks", List.of());
    m.put("POST /v1/uploads", List.of());
    m.put("GET /v1/events", List.of()); // the websocket: its own test below
    return m;
  }

  /** "METHOD /path" of every /v1 route the router serves. */
  private static Set<String> routerRoutes() {
    Set<String> out = new TreeSet<>();
    for (Route r : gw.gateway.router().getRoutes()) {
      String path = r.getPath();
      if (path == null || !path.startsWith("/v1/") || r.methods() == null) {
        continue;
      }
      for (HttpMethod method : r.methods()) {
        out.add(method.name() + " " + path);
      }
    }
    return out;
  }

  /** "METHOD /path" of every /v1 operation of openapi.yaml, with {x} written :x. */
  private static Set<String> openapiRoutes() throws Exception {
    Set<String> out = new TreeSet<>();
    try (InputStream in = GatewaySecurityTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(in).get("paths");
      for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> p = it.next();
        if (!p.getKey().startsWith("/v1/")) {
          continue;
        }
        for (Iterator<String> ops = p.getValue().fieldNames(); ops.hasNext();) {
          String op = ops.next();
          if (Set.of("get", "post", "put", "patch", "delete").contains(op)) {
            out.add(op.toUpperCase() + " " + p.getKey().replaceAll("\\{([^}]+)}", ":$1"));
          }
        }
      }
    }
    return out;
  }

  @Test
  void everyRouteIsInTheMatrixAndAnotherTenantsIdsAnswer404LikeIdsThatDoNotExist() throws Exception {
    Set<String> routes = routerRoutes();
    assertThat(routes).as("the router serves what openapi.yaml documents").isEqualTo(openapiRoutes());
    Map<String, List<Probe>> matrix = matrix();
    assertThat(matrix.keySet()).as("every route has a row in the isolation matrix").containsExactlyInAnyOrderElementsOf(routes);

    long deliveriesBefore = othersDeliveries();
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, List<Probe>> row : matrix.entrySet()) {
      HttpMethod method = HttpMethod.valueOf(row.getKey().substring(0, row.getKey().indexOf(' ')));
      for (Probe p : row.getValue()) {
        Resp asB = call(method, p.uri(), p.body(), gw.keyB);
        assertThat(asB.status()).as("tenant B: %s %s -> %s", method, p.uri(), asB.body()).isEqualTo(404);
        // The same answer as for an id that exists nowhere: the 404 does not tell that A's id exists.
        Resp missing = call(method, withUnknownIds(p.uri()), withUnknownIds(p.body()), gw.keyB);
        assertThat(missing.status()).as("unknown ids: %s", withUnknownIds(p.uri())).isEqualTo(404);
        assertThat(asB.errorCode()).as("%s %s", method, p.uri()).isEqualTo(missing.errorCode());
        if (p.ownerStatus() > 0) {
          assertThat(call(method, p.uri(), p.body(), gw.keyA).status()).as("tenant A: %s %s", method, p.uri()).isEqualTo(p.ownerStatus());
        }
        checked.add(row.getKey() + " -> " + asB.errorCode());
      }
    }
    // B's attempts changed nothing of A's: the job is still queued, the webhook and its secret unchanged.
    assertThat(gw.get(gw.keyA, "/v1/jobs/" + job).json().getString("status")).isEqualTo("queued");
    assertThat(gw.get(gw.keyA, "/v1/webhooks/" + webhook).status()).isEqualTo(200);
    assertThat(othersDeliveries()).as(gw.get(gw.keyA, "/v1/webhooks/" + webhook + "/deliveries").json().encode())
        .isEqualTo(deliveriesBefore);
    // B's own webhook cannot redeliver A's delivery either.
    String own = gw.postJson(gw.keyB, "/v1/webhooks", new JsonObject().put("url", "https://93.184.216.34/b")).json().getString("id");
    assertThat(gw.postJson(gw.keyB, "/v1/webhooks/" + own + "/deliveries/" + delivery + "/redeliver", null).status()).isEqualTo(404);

    // Collections list only the caller's own.
    String listing = gw.get(gw.keyB, "/v1/jobs?limit=200").body().toString() + gw.get(gw.keyB, "/v1/models").body()
        + gw.get(gw.keyB, "/v1/webhooks").body() + gw.get(gw.keyB, "/v1/jobs?type=catalog").body();
    for (String id : List.of(upload, job, catalog, item, model, dataset, webhook, delivery)) {
      assertThat(listing).doesNotContain(id);
    }
    assertThat(gw.get(gw.keyA, "/v1/jobs?limit=200").body().toString()).contains(job, catalog);
    System.out.println("isolation matrix: " + checked.size() + " probes over " + matrix.size() + " routes: " + checked);
  }

  private static Resp call(HttpMethod method, String uri, String body, String key) throws Exception {
    var req = RunningGateway.auth(gw.http.request(method, uri), key);
    if (body != null) {
      req.putHeader("Content-Type", "application/json");
    }
    return send(req, body == null ? null : Buffer.buffer(body));
  }

  private static String withUnknownIds(String s) {
    return s == null ? null : s.replaceAll("(upl|job|mdl|ds|whk|wh|dlv|del)_[a-z2-7]{20}", "$1_aaaaaaaaaaaaaaaaaaaa");
  }

  @Test
  void theEventsSocketRefusesAnotherTenantsJobAndCarriesOnlyTheCallersEvents() throws Exception {
    // With another tenant's job: 404 before the upgrade, like a job that does not exist.
    HttpResponse<Buffer> refused = await(gw.http.get("/v1/events?job=" + job + "&since=0").putHeader("Authorization", "Bearer " + gw.keyB)
        .putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade").putHeader("Sec-WebSocket-Version", "13")
        .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").send());
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("job_not_found");
    assertThatThrownBy(() -> await(socket("/v1/events?job=" + job + "&since=0", gw.keyB, new CopyOnWriteArrayList<>())))
        .hasMessageContaining("404");

    // Tenant-wide sockets: B sees nothing of A's events while A's own socket sees them.
    List<JsonObject> framesA = new CopyOnWriteArrayList<>();
    List<JsonObject> framesB = new CopyOnWriteArrayList<>();
    WebSocket a = await(socket("/v1/events", gw.keyA, framesA));
    WebSocket b = await(socket("/v1/events?access_token=" + gw.keyB, null, framesB));
    String j = gw.submitReconstruct(gw.keyA).getString("id");
    assertThat(gw.postJson(gw.keyA, "/v1/jobs/" + j + "/cancel", null).status()).isEqualTo(202);
    eventually(Duration.ofSeconds(20), () -> framesA.stream().anyMatch(f -> j.equals(f.getString("jobId")) && "job.canceled".equals(f.getString("type"))));
    Thread.sleep(500); // anything misrouted would have arrived with A's
    assertThat(framesB).isEmpty();
    await(a.close());
    await(b.close());
  }

  private static io.vertx.core.Future<WebSocket> socket(String uri, String key, List<JsonObject> frames) {
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gw.port()).setURI(uri);
    if (key != null) {
      o.addHeader("Authorization", "Bearer " + key);
    }
    return wsClient.connect(o).map(ws -> {
      ws.textMessageHandler(t -> frames.add(new JsonObject(t)));
      return ws;
    });
  }

  // ------------------------------------------------------------------ artifact links

  @Test
  void artifactLinksAreSignedExpireAndIdsCannotBeGuessed() throws Exception {
    Resp r = gw.get(gw.keyA, "/v1/jobs/" + job + "/artifacts/" + artifact);
    assertThat(r.status()).isEqualTo(302);
    String location = r.headers().get("Location");
    assertThat(r.headers().get("Cache-Control")).isEqualTo("no-store");
    assertThat(location).contains("X-Amz-Signature=").contains("X-Amz-Expires=300").contains("X-Amz-Credential=");
    assertThat(fetch(location).statusCode()).isEqualTo(200);
    assertThat(fetch(location).body().getBytes()).isEqualTo(artifactBytes);
    // Tampered, unsigned, or pointed at another object: the store refuses.
    String sig = location.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
    String flipped = sig.substring(0, sig.length() - 1) + (sig.endsWith("0") ? "1" : "0");
    assertThat(fetch(location.replace(sig, flipped)).statusCode()).isEqualTo(403);
    assertThat(fetch(location.substring(0, location.indexOf('?'))).statusCode()).isEqualTo(403);
    assertThat(fetch(location.replace(job, Ids.next("job"))).statusCode()).isEqualTo(403);
    // A link that has expired: the store refuses it. Signing times are whole seconds, so a 1-second link
    // can be stale before its first use; 3 seconds is fresh at once and expired well inside the wait below.
    URI shortLived = gw.services.store().downloadUrl("jobs/" + job + "/" + artifact, Duration.ofSeconds(3)).orElseThrow();
    assertThat(fetch(shortLived.toString()).statusCode()).isEqualTo(200);
    eventually(Duration.ofSeconds(15), () -> {
      try {
        return fetch(shortLived.toString()).statusCode() == 403;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // Ids (and so artifact paths) carry 100 random bits from SecureRandom: no collisions, no order.
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String id = Ids.next("job");
      assertThat(id).matches("job_[a-z2-7]{20}");
      ids.add(id);
    }
    assertThat(ids).hasSize(20_000);
  }

  private static HttpResponse<Buffer> fetch(String url) throws Exception {
    return await(gw.http.getAbs(url).send());
  }

  // ------------------------------------------------------------------ secrets in logs

  @Test
  void noSecretEverAppearsInTheLogs() throws Exception {
    List<String> secrets = new ArrayList<>(List.of(gw.keyA, gw.keyB, gw.stack.config().s3SecretKey()));
    // The embedded PostgreSQL's password is the well-known development default ("postgres", also in every JDBC URL):
    // only a real one is looked for.
    if (gw.stack.config().pgPassword().length() >= 12) {
      secrets.add(gw.stack.config().pgPassword());
    }
    // Keys created, used (header and query token), refused; webhooks with given and generated secrets, rotated.
    String key = gw.tenantKey("ten_logs");
    secrets.add(key);
    assertThat(gw.get(key, "/v1/jobs").status()).isEqualTo(200);
    assertThat(gw.get(key + "x", "/v1/jobs").status()).isEqualTo(401);
    assertThat(await(gw.http.get("/v1/events?access_token=" + key + "x").send()).statusCode()).isEqualTo(401);
    String given = dev.rayform.gateway.webhooks.WebhookSigner.newSecret();
    secrets.add(given);
    Resp hook = gw.postJson(key, "/v1/webhooks", new JsonObject().put("url", "https://93.184.216.34/x").put("secret", given));
    assertThat(hook.status()).isEqualTo(201);
    Resp generated = gw.postJson(key, "/v1/webhooks", new JsonObject().put("url", "https://93.184.216.34/y"));
    secrets.add(generated.json().getString("secret"));
    Resp rotated = gw.postJson(key, "/v1/webhooks/" + hook.json().getString("id") + "/rotate-secret", null);
    assertThat(rotated.status()).isEqualTo(200);
    secrets.add(rotated.json().getString("secret"));
    // A job with its own webhook (a generated secret returned once), then canceled: deliveries are attempted and logged.
    String up = gw.upload(key, new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
    Resp withHook = gw.postJson(key, "/v1/jobs", new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", up))
        .put("webhook", new JsonObject().put("url", "http://198.51.100.9:9/h").put("events", new JsonArray().add("job.canceled"))));
    assertThat(withHook.status()).isEqualTo(202);
    secrets.add(withHook.json().getJsonObject("webhook").getString("secret"));
    assertThat(gw.postJson(key, "/v1/jobs/" + withHook.json().getString("id") + "/cancel", null).status()).isEqualTo(202);
    // Store and database configuration: toString and error messages.
    PlatformConfig config = gw.services.config();
    assertThat(config.toString()).doesNotContain(config.pgPassword()).doesNotContain(config.storeSecretKey());
    String storeSecret = "s3-secret-" + Ids.next("x");
    secrets.add(storeSecret);
    assertThatThrownBy(() -> ObjectStores.open("s3://bad bucket?endpoint=::nope", "AKIDEXAMPLE", storeSecret))
        .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain(storeSecret));
    var store = ObjectStores.open("s3://" + "rayform-logs-check" + "?endpoint=http://127.0.0.1:9&pathStyle=true", "AKIDEXAMPLE", storeSecret);
    assertThat(store.toString()).doesNotContain(storeSecret);
    LoggerFactory.getLogger(GatewaySecurityTest.class).info("store opened: {}", store);
    Thread.sleep(1500); // the dispatcher's attempt and its log line

    assertThat(LOGGED.list).isNotEmpty();
    List<String> leaks = new ArrayList<>();
    for (ILoggingEvent e : LOGGED.list) {
      StringBuilder text = new StringBuilder(e.getFormattedMessage());
      for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
      }
      for (String s : secrets) {
        if (s != null && text.indexOf(s) >= 0) {
          leaks.add(e.getLoggerName() + ": " + text);
        }
      }
    }
    assertThat(leaks).as("log lines carrying a secret (of %d lines)", LOGGED.list.size()).isEmpty();
  }
}
