package dev.rayform.core.job;

import io.vertx.core.json.JsonObject;

/**
 * A job to submit. {@code idempotencyKey} (optional) makes a repeated submission return the first
 * job; {@code requestHash} tells a true repeat from a different request reusing the key.
 */
public record NewJob(
    String tenantId, JobType type, JsonObject input, JsonObject options, String parentId, String itemKey,
    String idempotencyKey, byte[] requestHash, int maxAttempts) {

  public static NewJob of(String tenantId, JobType type, JsonObject input, JsonObject options) {
    return new NewJob(tenantId, type, input, options, null, null, null, null, 3);
  }

  public NewJob withIdempotency(String key, byte[] hash) {
    return new NewJob(tenantId, type, input, options, parentId, itemKey, key, hash, maxAttempts);
  }
}
