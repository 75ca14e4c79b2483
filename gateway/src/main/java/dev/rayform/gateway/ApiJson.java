package dev.rayform.gateway;

import dev.rayform.core.job.Job;
import dev.rayform.core.repo.Artifact;
import dev.rayform.core.repo.Upload;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/** The API's JSON shapes (openapi.yaml's schemas, camelCase) of the platform's records. */
final class ApiJson {
  private ApiJson() {}

  static JsonObject job(Job j) {
    JsonObject o = new JsonObject()
        .put("id", j.id())
        .put("type", j.type().apiName())
        .put("status", j.status().apiName())
        .put("input", j.input() == null ? new JsonObject() : j.input())
        .put("options", j.options() == null ? new JsonObject() : j.options())
        .put("parentId", j.parentId())
        .put("progress", j.progress())
        .put("stage", j.stage())
        .put("attempts", j.attempts())
        .put("maxAttempts", j.maxAttempts())
        .put("cancelRequested", j.cancelRequested())
        .put("error", j.errorCode() == null ? null : new JsonObject().put("code", j.errorCode()).put("message", j.errorMessage()))
        .put("result", j.result())
        .put("createdAt", time(j.createdAt()))
        .put("startedAt", time(j.startedAt()))
        .put("finishedAt", time(j.finishedAt()))
        .put("updatedAt", time(latest(j.createdAt(), j.startedAt(), j.finishedAt())));
    if (j.items() != null) {
      // A catalogue's items by status: live while it runs, its outcome's counts once it ends.
      o.put("items", j.items());
    }
    return o;
  }

  static JsonObject upload(Upload u) {
    return new JsonObject().put("id", u.id()).put("size", u.size()).put("sha256", u.sha256()).put("contentType", u.contentType())
        .put("filename", u.filename());
  }

  static JsonObject artifact(Artifact a) {
    return new JsonObject().put("name", a.name()).put("size", a.size()).put("sha256", a.sha256()).put("contentType", a.contentType())
        .put("url", "/v1/jobs/" + a.jobId() + "/artifacts/" + a.name());
  }

  /** A model from {@code Models.list} (snake_case) in the API's shape. */
  static JsonObject model(JsonObject m) {
    return new JsonObject().put("id", m.getString("id")).put("name", m.getString("name")).put("arch", m.getString("arch"))
        .put("preset", m.getString("preset")).put("shared", m.getBoolean("shared", false))
        .put("metrics", m.getJsonObject("metrics", new JsonObject())).put("jobId", m.getString("job_id"))
        .put("createdAt", m.getString("created_at"));
  }

  static <T> JsonObject page(List<T> items, Function<T, JsonObject> render, String nextCursor) {
    JsonArray data = new JsonArray();
    items.forEach(i -> data.add(render.apply(i)));
    return new JsonObject().put("data", data).put("nextCursor", nextCursor);
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }

  /** The job record has no updated_at yet: the latest of its known timestamps stands in. */
  private static OffsetDateTime latest(OffsetDateTime... times) {
    OffsetDateTime best = null;
    for (OffsetDateTime t : times) {
      if (t != null && (best == null || t.isAfter(best))) {
        best = t;
      }
    }
    return best;
  }
}
