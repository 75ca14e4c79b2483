package dev.rayform.core.repo;

import dev.rayform.core.job.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Trained models: a tenant's own, and the platform's shared ones (tenant null) that every tenant may use. */
public final class Models {
  private final Pool pool;

  public Models(Pool pool) {
    this.pool = pool;
  }

  /** Registers a model (tenant null: shared by every tenant); returns its id. */
  public Future<String> add(String tenantId, String name, String arch, String preset, String storagePrefix, JsonObject metrics, String jobId) {
    String id = Ids.next("mdl");
    return pool.preparedQuery("insert into models (id, tenant_id, name, arch, preset, storage_prefix, metrics, job_id) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.from(Arrays.asList(id, tenantId, name, arch, preset, storagePrefix, metrics, jobId))).map(id);
  }

  /** A model's storage prefix, if the tenant may use it (its own or a shared one). */
  public Future<Optional<String>> prefix(String tenantId, String modelId) {
    return pool.preparedQuery("select storage_prefix from models where id = $1 and (tenant_id = $2 or tenant_id is null)")
        .execute(Tuple.of(modelId, tenantId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  /** Models the tenant may use, newest first; {@code shared} is true for the platform's models. */
  public Future<List<JsonObject>> list(String tenantId) {
    return pool.preparedQuery("select id, name, arch, preset, metrics, created_at, tenant_id is null as shared, job_id from models "
            + "where tenant_id = $1 or tenant_id is null order by created_at desc, id desc")
        .execute(Tuple.of(tenantId))
        .map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getString("id")).put("name", r.getString("name"))
              .put("arch", r.getString("arch")).put("preset", r.getString("preset")).put("metrics", r.getJsonObject("metrics"))
              .put("created_at", r.getOffsetDateTime("created_at").toString())
              .put("shared", r.getBoolean("shared")).put("job_id", r.getString("job_id"))));
          return out;
        });
  }
}
