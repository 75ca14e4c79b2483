package dev.rayform.core.webhook;

import java.time.OffsetDateTime;
import java.util.List;

/** A registered endpoint (a tenant's, or a job's when {@code jobId} is set). The secret is never part of it. */
public record Webhook(
    String id, String tenantId, String url, List<String> events, String jobId, boolean enabled, int failureCount,
    OffsetDateTime createdAt, OffsetDateTime disabledAt, String disabledReason) {}
