package dev.rayform.core.webhook;

import io.vertx.core.json.JsonObject;

/**
 * An attempt the dispatcher has claimed: what to send and where. {@code previousSecret} is set while
 * a rotated-out secret still signs.
 */
public record DueDelivery(
    String id, String webhookId, String tenantId, String messageId, int attempt, String eventType, JsonObject payload,
    boolean redelivery, String url, String secret, String previousSecret, boolean webhookEnabled) {}
