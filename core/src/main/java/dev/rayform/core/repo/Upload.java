package dev.rayform.core.repo;

import io.vertx.core.json.JsonObject;

/** An uploaded file of a tenant, stored under {@code storageKey}. */
public record Upload(String id, String tenantId, long size, String sha256, String contentType, String filename, String storageKey) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("size", size).put("sha256", sha256).put("contentType", contentType)
        .put("filename", filename);
  }
}
