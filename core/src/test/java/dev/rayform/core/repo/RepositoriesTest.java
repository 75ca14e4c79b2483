package dev.rayform.core.repo;

import static dev.rayform.core.db.MigratedDatabase.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.core.db.MigratedDatabase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each aggregate's repository against a real, migrated PostgreSQL: keys by hash, every read scoped by tenant. */
class RepositoriesTest {
  static MigratedDatabase db;
  static Pool pool;
  static Tenants tenants;
  static Uploads uploads;
  static Artifacts artifacts;
  static Models models;
  static Datasets datasets;

  @BeforeAll
  static void start() throws Exception {
    db = MigratedDatabase.start();
    pool = db.pool();
    tenants = new Tenants(pool);
    uploads = new Uploads(pool);
    artifacts = new Artifacts(pool);
    models = new Models(pool);
    datasets = new Datasets(pool);
    await(tenants.ensure("t_a", "A"));
    await(tenants.ensure("t_b", "B"));
    await(tenants.ensure("t_a", "A again"));
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  @Test
  void keysAuthenticateTheirTenantUntilRevoked() throws Exception {
    Tenants.CreatedKey key = await(tenants.createKey("t_a", "ci"));
    assertThat(key.secret()).startsWith("rf_").hasSizeGreaterThan(30);
    assertThat(await(tenants.authenticate(key.secret()))).contains("t_a");
    assertThat(await(tenants.authenticate(key.secret() + "x"))).isEmpty();
    assertThat(await(tenants.authenticate(""))).isEmpty();
    var stored = await(pool.query("select key_hash, prefix from api_keys where id = '" + key.id() + "'").execute()).iterator().next();
    assertThat(stored.getBuffer("key_hash").length()).isEqualTo(32);
    assertThat(key.secret()).doesNotContain(java.util.HexFormat.of().formatHex(stored.getBuffer("key_hash").getBytes()));
    assertThat(await(tenants.revokeKey("t_b", key.id()))).as("another tenant cannot revoke it").isFalse();
    assertThat(await(tenants.revokeKey("t_a", key.id()))).isTrue();
    assertThat(await(tenants.authenticate(key.secret()))).isEmpty();
    assertThat(await(tenants.addKey("t_a", "dev", "rf_dev_fixed")).secret()).isEqualTo("rf_dev_fixed");
    assertThat(await(tenants.addKey("t_a", "dev", "rf_dev_fixed")).secret()).as("registering it again is harmless").isEqualTo("rf_dev_fixed");
    assertThat(await(tenants.authenticate("rf_dev_fixed"))).contains("t_a");
  }

  @Test
  void uploadsArtifactsModelsAndDatasetsAreScopedByTenant() throws Exception {
    String sha = "a".repeat(64);
    await(uploads.add(new Upload("up_1", "t_a", 10, sha, "image/png", "x.png", "uploads/t_a/up_1")));
    assertThat(await(uploads.find("t_a", "up_1"))).isPresent();
    assertThat(await(uploads.find("t_b", "up_1"))).isEmpty();

    await(pool.query("insert into jobs (id, tenant_id, type) values ('job_1', 't_a', 'reconstruct')").execute());
    await(artifacts.add(new Artifact("job_1", "mesh.glb", "t_a", "artifacts/job_1/mesh.glb.1", 100, sha, "model/gltf-binary")));
    await(artifacts.add(new Artifact("job_1", "mesh.glb", "t_a", "artifacts/job_1/mesh.glb.2", 120, sha, "model/gltf-binary")));
    assertThat(await(artifacts.list("t_a", "job_1"))).singleElement().satisfies(a -> assertThat(a.size()).isEqualTo(120));
    assertThat(await(artifacts.list("t_b", "job_1"))).isEmpty();
    assertThat(await(artifacts.find("t_b", "job_1", "mesh.glb"))).isEmpty();

    String shared = await(models.add(null, "default", "rayonet", "cpu", "models/default", new JsonObject(), null));
    String own = await(models.add("t_a", "mine", "rayonet", "tiny", "models/t_a/x", new JsonObject().put("iou", 0.5), "job_1"));
    assertThat(await(models.prefix("t_b", shared))).contains("models/default");
    assertThat(await(models.prefix("t_b", own))).isEmpty();
    assertThat(await(models.list("t_a"))).hasSize(2)
        .anySatisfy(m -> assertThat(m.getBoolean("shared")).isTrue())
        .anySatisfy(m -> assertThat(m.getString("job_id")).isEqualTo("job_1"));
    String ds = await(datasets.add("t_a", "d", "datasets/t_a/d", new JsonObject(), "job_1"));
    assertThat(await(datasets.prefix("t_a", ds))).contains("datasets/t_a/d");
    assertThat(await(datasets.prefix("t_b", ds))).isEmpty();
  }
}
