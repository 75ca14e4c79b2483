package dev.rayform.gateway;

import dev.rayform.core.PlatformConfig;
import dev.rayform.core.PlatformServices;
import dev.rayform.core.kafka.OutboxRelay;
import dev.rayform.core.kafka.TopicSetup;
import dev.rayform.devstack.DevStack;
import dev.rayform.gateway.webhooks.WebhookDispatcher;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real platform for a test class: DevStack, services, topics, an outbox relay and the gateway on a free port. */
final class RunningGateway implements AutoCloseable {
  final Path dir;
  final DevStack stack;
  final Vertx vertx;
  final PlatformServices services;
  final OutboxRelay relay;
  final GatewayVerticle gateway;
  final String deployment;
  final String dispatcher;
  final WebClient http;
  final String keyA;
  final String keyB;

  /** A response read whole inside the send() composition. */
  record Resp(int status, MultiMap headers, Buffer body) {
    JsonObject json() {
      return body == null ? null : body.toJsonObject();
    }

    String errorCode() {
      return json().getJsonObject("error").getString("code");
    }
  }

  private RunningGateway(GatewayOptions options) throws Exception {
    dir = Files.createTempDirectory("rayform-gateway-test");
    stack = DevStack.start(dir.resolve("stack"));
    DevStack.Config c = stack.config();
    String store = c.storeLocation();
    PlatformConfig config = new PlatformConfig(c.kafkaBootstrapServers(), c.pgHost(), c.pgPort(), c.pgDatabase(), c.pgUser(),
        c.pgPassword(), store, c.s3AccessKey(), c.s3SecretKey(), "gateway-test");
    TopicSetup.ensure(c.kafkaBootstrapServers(), 2, (short) 1);
    vertx = Vertx.vertx();
    services = PlatformServices.open(vertx, config);
    relay = OutboxRelay.start(vertx, services, 100, 50);
    await(services.tenants().ensure("ten_a", "Tenant A"));
    await(services.tenants().ensure("ten_b", "Tenant B"));
    keyA = await(services.tenants().createKey("ten_a", "test")).secret();
    keyB = await(services.tenants().createKey("ten_b", "test")).secret();
    gateway = new GatewayVerticle(services, options.withHost("127.0.0.1").withPort(0));
    deployment = await(vertx.deployVerticle(gateway));
    dispatcher = await(vertx.deployVerticle(new WebhookDispatcher(services.webhooks(), options.webhooks())));
    http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setDefaultHost("127.0.0.1")
        .setDefaultPort(gateway.actualPort()));
  }

  static RunningGateway start(GatewayOptions options) throws Exception {
    return new RunningGateway(options);
  }

  /** A new tenant and a key of it. */
  String tenantKey(String tenant) throws Exception {
    await(services.tenants().ensure(tenant, tenant));
    return await(services.tenants().createKey(tenant, "test")).secret();
  }

  Resp delete(String key, String uri) throws Exception {
    return send(auth(http.delete(uri), key), null);
  }

  int port() {
    return gateway.actualPort();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Sends and reads the whole response (the body is taken inside the composition). */
  static Resp send(HttpRequest<Buffer> req, Buffer body) throws Exception {
    Future<HttpResponse<Buffer>> f = body == null ? req.send() : req.sendBuffer(body);
    return await(f.map(r -> new Resp(r.statusCode(), r.headers(), r.body())));
  }

  Resp get(String key, String uri) throws Exception {
    return send(auth(http.get(uri), key), null);
  }

  Resp postJson(String key, String uri, JsonObject body) throws Exception {
    return send(auth(http.post(uri), key).putHeader("Content-Type", "application/json"), body == null ? null : body.toBuffer());
  }

  static HttpRequest<Buffer> auth(HttpRequest<Buffer> req, String key) {
    return key == null ? req : req.putHeader("Authorization", "Bearer " + key);
  }

  /** Uploads bytes raw; the id. */
  String upload(String key, byte[] bytes, String contentType) throws Exception {
    Resp r = send(auth(http.post("/v1/uploads"), key).putHeader("Content-Type", contentType), Buffer.buffer(bytes));
    if (r.status() != 201) {
      throw new IllegalStateException("upload failed: " + r.status() + " " + r.body());
    }
    return r.json().getString("id");
  }

  /** Submits a reconstruct job of a fresh image upload; the job JSON. */
  JsonObject submitReconstruct(String key) throws Exception {
    String upload = upload(key, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}, "image/png");
    Resp r = postJson(key, "/v1/jobs", new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", upload)));
    if (r.status() != 202) {
      throw new IllegalStateException("submit failed: " + r.status() + " " + r.body());
    }
    return r.json();
  }

  @Override
  public void close() throws Exception {
    try {
      http.close();
      await(relay.stop());
      await(vertx.undeploy(dispatcher));
      await(vertx.undeploy(deployment));
      services.close();
      await(vertx.close());
    } finally {
      stack.close();
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
