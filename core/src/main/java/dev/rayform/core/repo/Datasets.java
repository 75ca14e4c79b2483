package dev.rayform.core.repo;

import dev.rayform.core.job.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Optional;

/** Datasets a tenant's dataset jobs built: where each is stored and its manifest; read only by their tenant. */
public final class Datasets {
  private final Pool pool;

  public Datasets(Pool pool) {
    this.pool = pool;
  }

  /** Registers a dataset; returns its id. */
  public Future<String> add(String tenantId, String name, String storagePrefix, JsonObject manifest, String jobId) {
    String id = Ids.next("ds");
    return pool.preparedQuery("insert into datasets (id, tenant_id, name, storage_prefix, manifest, job_id) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.from(Arrays.asList(id, tenantId, name, storagePrefix, manifest, jobId))).map(id);
  }

  /** The dataset's storage prefix, if it is the tenant's. */
  public Future<Optional<String>> prefix(String tenantId, String datasetId) {
    return pool.preparedQuery("select storage_prefix from datasets where id = $1 and tenant_id = $2")
        .execute(Tuple.of(datasetId, tenantId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }
}
