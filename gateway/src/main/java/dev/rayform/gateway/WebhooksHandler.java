package dev.rayform.gateway;

import dev.rayform.core.webhook.Delivery;
import dev.rayform.core.webhook.Webhook;
import dev.rayform.core.webhook.WebhookRepository;
import dev.rayform.gateway.webhooks.WebhookSigner;
import dev.rayform.gateway.webhooks.WebhookTargets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tenant's webhook endpoints: create (the secret is shown only in that answer, and after a
 * rotation), list, get, delete, rotate the secret, the delivery log and redelivery. Another
 * tenant's ids answer 404.
 */
final class WebhooksHandler {
  private static final Set<String> STATUSES = Set.of("pending", "succeeded", "failed");

  private final Vertx vertx;
  private final WebhookRepository webhooks;
  private final WebhookTargets targets;
  private final Duration secretOverlap;
  private final int maxJsonDepth;

  WebhooksHandler(Vertx vertx, WebhookRepository webhooks, GatewayOptions options) {
    this.vertx = vertx;
    this.webhooks = webhooks;
    this.targets = new WebhookTargets(options.webhooks().allowPrivate());
    this.secretOverlap = options.webhooks().secretOverlap();
    this.maxJsonDepth = options.maxJsonDepth();
  }

  void create(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw ApiError.unsupportedMediaType("POST /v1/webhooks takes application/json");
    }
    WebhookRequests.WebhookRequest req = WebhookRequests.parse(JsonBodies.parseObject(ctx.body().buffer(), maxJsonDepth), "");
    WebhookRequests.checkTarget(vertx, targets, req.url(), "url")
        .compose(v -> webhooks.create(Authenticator.tenant(ctx), req.url(), req.events(), req.secret()))
        .onSuccess(w -> JobsHandler.json(ctx.response().setStatusCode(201).putHeader("Location", "/v1/webhooks/" + w.id()),
            webhook(w).put("secret", req.secret())))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    int limit = Pages.limit(ctx);
    String cursor = Pages.cursor(ctx);
    webhooks.list(Authenticator.tenant(ctx), limit + 1, cursor).onSuccess(found -> {
      List<Webhook> page = found.size() > limit ? found.subList(0, limit) : found;
      String next = found.size() > limit ? Pages.encode(page.get(page.size() - 1).id()) : null;
      JobsHandler.json(ctx.response(), ApiJson.page(page, WebhooksHandler::webhook, next));
    }).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    owned(ctx).onSuccess(w -> JobsHandler.json(ctx.response(), webhook(w))).onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    webhooks.delete(Authenticator.tenant(ctx), id).onSuccess(found -> {
      if (found) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.fail(notFound(id));
      }
    }).onFailure(ctx::fail);
  }

  void rotateSecret(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String secret = WebhookSigner.newSecret();
    webhooks.rotateSecret(Authenticator.tenant(ctx), id, secret, secretOverlap).onSuccess(w -> {
      if (w.isEmpty()) {
        ctx.fail(notFound(id));
      } else {
        JobsHandler.json(ctx.response(), webhook(w.get()).put("secret", secret)
            .put("previousSecretExpiresAt", OffsetDateTime.now().plus(secretOverlap).toString()));
      }
    }).onFailure(ctx::fail);
  }

  void deliveries(RoutingContext ctx) {
    int limit = Pages.limit(ctx);
    String cursor = Pages.cursor(ctx);
    String status = ctx.request().getParam("status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiError.badRequest("status must be pending, succeeded or failed");
    }
    String tenant = Authenticator.tenant(ctx);
    owned(ctx).compose(w -> webhooks.deliveries(tenant, w.id(), status, limit + 1, cursor)).onSuccess(found -> {
      List<Delivery> page = found.size() > limit ? found.subList(0, limit) : found;
      String next = found.size() > limit ? Pages.encode(page.get(page.size() - 1).id()) : null;
      JobsHandler.json(ctx.response(), ApiJson.page(page, WebhooksHandler::delivery, next));
    }).onFailure(ctx::fail);
  }

  void redeliver(RoutingContext ctx) {
    String delivery = ctx.pathParam("delivery");
    String tenant = Authenticator.tenant(ctx);
    owned(ctx).compose(w -> webhooks.redeliver(tenant, w.id(), delivery)).onSuccess(d -> {
      if (d.isEmpty()) {
        ctx.fail(ApiError.notFound("delivery_not_found", "No delivery " + delivery));
      } else {
        JobsHandler.json(ctx.response().setStatusCode(202), delivery(d.get()));
      }
    }).onFailure(ctx::fail);
  }

  private Future<Webhook> owned(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return webhooks.get(Authenticator.tenant(ctx), id)
        .compose(w -> w.isPresent() ? Future.succeededFuture(w.get()) : Future.failedFuture(notFound(id)));
  }

  private static ApiError notFound(String id) {
    return ApiError.notFound("webhook_not_found", "No webhook " + id);
  }

  static JsonObject webhook(Webhook w) {
    return new JsonObject().put("id", w.id()).put("url", w.url()).put("events", new JsonArray(w.events())).put("jobId", w.jobId())
        .put("enabled", w.enabled()).put("failureCount", w.failureCount()).put("createdAt", time(w.createdAt()))
        .put("disabledAt", time(w.disabledAt())).put("disabledReason", w.disabledReason());
  }

  static JsonObject delivery(Delivery d) {
    return new JsonObject().put("id", d.id()).put("webhookId", d.webhookId()).put("messageId", d.messageId()).put("jobId", d.jobId())
        .put("seq", d.seq()).put("eventType", d.eventType()).put("attempt", d.attempt()).put("status", d.status())
        .put("responseCode", d.responseCode()).put("responseBody", d.responseBody()).put("error", d.error())
        .put("durationMs", d.durationMs()).put("nextAttemptAt", time(d.nextAttemptAt())).put("deliveredAt", time(d.deliveredAt()))
        .put("redelivery", d.redelivery()).put("createdAt", time(d.createdAt()));
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
