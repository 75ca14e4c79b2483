package dev.rayform.core.repo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Optional;

/** Files a tenant uploaded (images, archives, CSV manifests): what is stored where; read only by their tenant. */
public final class Uploads {
  private final Pool pool;

  public Uploads(Pool pool) {
    this.pool = pool;
  }

  public Future<Upload> add(Upload u) {
    return pool.preparedQuery("insert into uploads (id, tenant_id, size, sha256, content_type, filename, storage_key) "
            + "values ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.from(Arrays.asList(u.id(), u.tenantId(), u.size(), u.sha256(), u.contentType(), u.filename(), u.storageKey())))
        .map(u);
  }

  /** The tenant's upload {@code id}; empty when there is none, or it is another tenant's. */
  public Future<Optional<Upload>> find(String tenantId, String id) {
    return pool.preparedQuery("select id, tenant_id, size, sha256, content_type, filename, storage_key from uploads where tenant_id = $1 and id = $2")
        .execute(Tuple.of(tenantId, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toUpload(rows.iterator().next())));
  }

  private static Upload toUpload(Row r) {
    return new Upload(r.getString("id"), r.getString("tenant_id"), r.getLong("size"), r.getString("sha256"),
        r.getString("content_type"), r.getString("filename"), r.getString("storage_key"));
  }
}
