package dev.rayform.core.repo;

import io.vertx.core.json.JsonObject;

/** A stored result file of a job. */
public record Artifact(String jobId, String name, String tenantId, String storageKey, long size, String sha256, String contentType) {
  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("size", size).put("sha256", sha256).put("contentType", contentType);
  }
}
