package dev.rayform.core.job;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * A job event as websockets and webhooks carry it: {@code seq} increases by one per job, so a client
 * that reconnects asks for {@code since=<last seq>} and misses nothing.
 */
public record JobEvent(
    String jobId, long seq, String tenantId, String type, JobStatus status, double progress, String stage,
    String message, JsonObject data, OffsetDateTime at) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("jobId", jobId)
        .put("seq", seq)
        .put("type", type)
        .put("status", status.apiName())
        .put("progress", progress)
        .put("stage", stage)
        .put("message", message)
        .put("data", data == null ? new JsonObject() : data)
        .put("at", at == null ? null : at.toString());
  }
}
