package dev.rayform.core.job;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * A job row as the API shows it. {@code items}: a catalog job's items counted by status
 * ({@link ItemCounts#toJson()}), when read with them; null otherwise.
 */
public record Job(
    String id,
    String tenantId,
    JobType type,
    JobStatus status,
    JsonObject input,
    JsonObject options,
    String parentId,
    int attempts,
    int maxAttempts,
    boolean cancelRequested,
    double progress,
    String stage,
    String errorCode,
    String errorMessage,
    JsonObject result,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    JsonObject items) {

  /** A job without item counts (they are read with a catalog job; see {@link ItemCounts}). */
  public Job(String id, String tenantId, JobType type, JobStatus status, JsonObject input, JsonObject options, String parentId,
      int attempts, int maxAttempts, boolean cancelRequested, double progress, String stage, String errorCode, String errorMessage,
      JsonObject result, OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    this(id, tenantId, type, status, input, options, parentId, attempts, maxAttempts, cancelRequested, progress, stage, errorCode,
        errorMessage, result, createdAt, startedAt, finishedAt, null);
  }

  /** The API's JSON of the job. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject()
        .put("id", id)
        .put("type", type.apiName())
        .put("status", status.apiName())
        .put("input", input)
        .put("options", options)
        .put("progress", progress)
        .put("attempts", attempts)
        .put("created_at", createdAt == null ? null : createdAt.toString());
    if (parentId != null) {
      o.put("parent", parentId);
    }
    if (stage != null) {
      o.put("stage", stage);
    }
    if (cancelRequested && !status.isTerminal()) {
      o.put("cancel_requested", true);
    }
    if (errorCode != null) {
      o.put("error", new JsonObject().put("code", errorCode).put("message", errorMessage));
    }
    if (result != null) {
      o.put("result", result);
    }
    if (items != null) {
      o.put("items", items);
    }
    if (startedAt != null) {
      o.put("started_at", startedAt.toString());
    }
    if (finishedAt != null) {
      o.put("finished_at", finishedAt.toString());
    }
    return o;
  }
}
