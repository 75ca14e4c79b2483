package dev.rayform.core.repo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The files a job produced (meshes, previews, reports), by job and name; read only by the job's tenant. */
public final class Artifacts {
  private final Pool pool;

  public Artifacts(Pool pool) {
    this.pool = pool;
  }

  /** Records an artifact; re-recording the same name (a retried attempt) replaces it. */
  public Future<Artifact> add(Artifact a) {
    return pool.preparedQuery("insert into artifacts (job_id, name, tenant_id, storage_key, size, sha256, content_type) "
            + "values ($1, $2, $3, $4, $5, $6, $7) on conflict (job_id, name) do update set storage_key = excluded.storage_key, "
            + "size = excluded.size, sha256 = excluded.sha256, content_type = excluded.content_type, created_at = now()")
        .execute(Tuple.from(Arrays.asList(a.jobId(), a.name(), a.tenantId(), a.storageKey(), a.size(), a.sha256(), a.contentType())))
        .map(a);
  }

  /** A job's artifacts by name. */
  public Future<List<Artifact>> list(String tenantId, String jobId) {
    return pool.preparedQuery("select job_id, name, tenant_id, storage_key, size, sha256, content_type from artifacts "
            + "where tenant_id = $1 and job_id = $2 order by name")
        .execute(Tuple.of(tenantId, jobId))
        .map(rows -> {
          List<Artifact> out = new ArrayList<>();
          rows.forEach(r -> out.add(toArtifact(r)));
          return out;
        });
  }

  public Future<Optional<Artifact>> find(String tenantId, String jobId, String name) {
    return pool.preparedQuery("select job_id, name, tenant_id, storage_key, size, sha256, content_type from artifacts "
            + "where tenant_id = $1 and job_id = $2 and name = $3")
        .execute(Tuple.of(tenantId, jobId, name))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toArtifact(rows.iterator().next())));
  }

  private static Artifact toArtifact(Row r) {
    return new Artifact(r.getString("job_id"), r.getString("name"), r.getString("tenant_id"), r.getString("storage_key"),
        r.getLong("size"), r.getString("sha256"), r.getString("content_type"));
  }
}
