package dev.rayform.gateway;

import dev.rayform.core.webhook.WebhookRepository;
import dev.rayform.gateway.webhooks.WebhookSigner;
import dev.rayform.gateway.webhooks.WebhookTargets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The shape of a webhook as {@code POST /v1/webhooks} and a job's {@code webhook} give it: url, events, secret. */
final class WebhookRequests {
  static final Set<String> EVENT_TYPES = Set.of("job.queued", "job.started", "job.progress", "job.artifact", "job.retrying",
      "job.succeeded", "job.failed", "job.canceled", WebhookRepository.DISABLED_EVENT, "*");

  /** A well-formed request; {@code secret} is the caller's or a new one, {@code generated} tells which. */
  record WebhookRequest(String url, List<String> events, String secret, boolean generated) {}

  private WebhookRequests() {}

  /** Checks the shape (no DNS); {@code prefix} names fields in errors ("" or "webhook."). */
  static WebhookRequest parse(JsonObject body, String prefix) {
    Object url = body.getValue("url");
    if (!(url instanceof String u)) {
      throw ApiError.validation(prefix + "url", prefix + "url is required and must be an http(s) URL");
    }
    try {
      WebhookTargets.parse(u);
    } catch (WebhookTargets.Refused e) {
      throw ApiError.validation(prefix + "url", e.getMessage());
    }
    List<String> events = new ArrayList<>(WebhookRepository.DEFAULT_EVENTS);
    Object raw = body.getValue("events");
    if (raw != null) {
      if (!(raw instanceof JsonArray a) || a.isEmpty() || a.size() > EVENT_TYPES.size()) {
        throw ApiError.validation(prefix + "events", prefix + "events must be a non-empty array of event types");
      }
      events.clear();
      for (Object e : a) {
        if (!(e instanceof String s) || !EVENT_TYPES.contains(s)) {
          throw ApiError.validation(prefix + "events", "unknown event type " + e + "; one of " + String.join(", ", EVENT_TYPES.stream().sorted().toList()));
        }
        if (!events.contains(s)) {
          events.add(s);
        }
      }
    }
    Object secret = body.getValue("secret");
    if (secret != null && !(secret instanceof String s && WebhookSigner.isValidSecret(s))) {
      throw ApiError.validation(prefix + "secret", prefix + "secret must be \"whsec_\" + base64 of 24 to 64 bytes");
    }
    return secret == null
        ? new WebhookRequest(u, events, WebhookSigner.newSecret(), true)
        : new WebhookRequest(u, events, (String) secret, false);
  }

  /** Resolves the URL off the event loop and refuses non-public targets: 422 with the guard's stable code. */
  static Future<Void> checkTarget(Vertx vertx, WebhookTargets targets, String url, String field) {
    return vertx.executeBlocking(() -> targets.check(url), false).<Void>mapEmpty().recover(e -> Future.failedFuture(
        e instanceof WebhookTargets.Refused r ? new ApiError(422, r.code(), r.getMessage(), new JsonObject().put("field", field)) : e));
  }
}
