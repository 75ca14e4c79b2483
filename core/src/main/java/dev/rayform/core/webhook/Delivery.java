package dev.rayform.core.webhook;

import java.time.OffsetDateTime;

/** One delivery attempt as recorded in {@code webhook_deliveries}. */
public record Delivery(
    String id, String webhookId, String messageId, String jobId, Long seq, String eventType, int attempt, String status,
    Integer responseCode, String responseBody, String error, Integer durationMs, OffsetDateTime nextAttemptAt,
    OffsetDateTime deliveredAt, OffsetDateTime createdAt, boolean redelivery) {}
