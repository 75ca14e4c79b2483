package dev.rayform.gateway;

import dev.rayform.core.PlatformServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import java.util.concurrent.TimeUnit;

/** {@code /health}, {@code /ready} (PostgreSQL, the store and Kafka each answer in time) and {@code /openapi.yaml}. */
final class OperationsHandler {
  private final Vertx vertx;
  private final PlatformServices services;
  private final KafkaAdminClient kafka;
  private final long timeoutMillis;
  private final Buffer openapi;

  OperationsHandler(Vertx vertx, PlatformServices services, KafkaAdminClient kafka, GatewayOptions options, Buffer openapi) {
    this.vertx = vertx;
    this.services = services;
    this.kafka = kafka;
    this.timeoutMillis = options.readyTimeout().toMillis();
    this.openapi = openapi;
  }

  void health(RoutingContext ctx) {
    JobsHandler.json(ctx.response(), new JsonObject().put("status", "ok"));
  }

  void ready(RoutingContext ctx) {
    Future<Boolean> postgres = check(services.databaseReady());
    Future<Boolean> store = check(vertx.executeBlocking(() -> {
      services.store().exists("health/ready-probe");
      return true;
    }, false));
    Future<Boolean> broker = check(kafka.describeCluster().map(c -> !c.getNodes().isEmpty()));
    Future.join(postgres, store, broker).onComplete(x -> {
      boolean ok = postgres.result() && store.result() && broker.result();
      JsonObject checks = new JsonObject().put("kafka", state(broker.result())).put("postgres", state(postgres.result()))
          .put("store", state(store.result()));
      ctx.response().setStatusCode(ok ? 200 : 503);
      JobsHandler.json(ctx.response(), new JsonObject().put("status", ok ? "ready" : "unavailable").put("checks", checks));
    });
  }

  void openapi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml").end(openapi);
  }

  private Future<Boolean> check(Future<Boolean> f) {
    return f.timeout(timeoutMillis, TimeUnit.MILLISECONDS).otherwise(false);
  }

  private static String state(boolean up) {
    return up ? "up" : "down";
  }
}
