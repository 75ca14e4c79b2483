package dev.rayform.core.job;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A catalogue's items (its child jobs) counted by status, as PostgreSQL holds them: the truth of a
 * catalogue whatever its attempts did. {@code failedByCode} counts the failed items per error code.
 */
public record ItemCounts(int total, int queued, int running, int succeeded, int failed, int canceled,
    Map<String, Integer> failedByCode) {

  public ItemCounts {
    failedByCode = Map.copyOf(failedByCode);
  }

  /** Every item failed (and there is at least one). */
  public boolean allFailed() {
    return total > 0 && failed == total;
  }

  /** The API's {@code items} object of a catalog job: {total, queued, running, succeeded, failed, canceled}. */
  public JsonObject toJson() {
    return new JsonObject().put("total", total).put("queued", queued).put("running", running).put("succeeded", succeeded)
        .put("failed", failed).put("canceled", canceled);
  }
}
