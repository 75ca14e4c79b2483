package dev.rayform.core.repo;

import dev.rayform.core.job.Ids;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The small tables of the platform: tenants and their API keys (stored as SHA-256 hashes; a key is
 * shown once, at creation), uploads, artifacts, models and datasets. Every read is scoped by tenant.
 */
public final class Repositories {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Pool pool;

  public Repositories(Pool pool) {
    this.pool = pool;
  }

  /** A new key: its id, the tenant, and the secret (returned only here). */
  public record CreatedKey(String id, String tenantId, String secret) {}

  public Future<Void> ensureTenant(String id, String name) {
    return pool.preparedQuery("insert into tenants (id, name) values ($1, $2) on conflict (id) do nothing")
        .execute(Tuple.of(id, name)).mapEmpty();
  }

  public Future<CreatedKey> createKey(String tenantId, String name) {
    byte[] raw = new byte[24];
    RANDOM.nextBytes(raw);
    String secret = "rf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return addKey(tenantId, name, secret);
  }

  /** Registers a given secret (a development key fixed by the operator). */
  public Future<CreatedKey> addKey(String tenantId, String name, String secret) {
    String id = Ids.next("key");
    return pool.preparedQuery("insert into api_keys (id, tenant_id, key_hash, prefix, name) values ($1, $2, $3, $4, $5) "
            + "on conflict (key_hash) do update set revoked_at = null returning id")
        .execute(Tuple.of(id, tenantId, Buffer.buffer(sha256(secret)), secret.substring(0, Math.min(8, secret.length())), name))
        .map(rows -> new CreatedKey(rows.iterator().next().getString("id"), tenantId, secret));
  }

  /**
   * The tenant of an API key, if the key exists and is not revoked. The lookup is by hash, so the
   * secret itself is never compared character by character.
   */
  public Future<Optional<String>> authenticate(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 256) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery("update api_keys set last_used_at = now() where key_hash = $1 and revoked_at is null returning tenant_id")
        .execute(Tuple.of(Buffer.buffer(sha256(secret))))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("tenant_id")));
  }

  /** An API key as listed: never the secret, only its first characters. */
  public record KeyInfo(String id, String tenantId, String prefix, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
      OffsetDateTime revokedAt) {}

  /** Keys of one tenant, or of every tenant when {@code tenantId} is null; oldest first. */
  public Future<List<KeyInfo>> keys(String tenantId) {
    return pool.preparedQuery("select id, tenant_id, prefix, name, created_at, last_used_at, revoked_at from api_keys "
            + "where $1::text is null or tenant_id = $1 order by created_at, id")
        .execute(Tuple.of(tenantId))
        .map(rows -> {
          List<KeyInfo> out = new ArrayList<>();
          rows.forEach(r -> out.add(new KeyInfo(r.getString("id"), r.getString("tenant_id"), r.getString("prefix"), r.getString("name"),
              r.getOffsetDateTime("created_at"), r.getOffsetDateTime("last_used_at"), r.getOffsetDateTime("revoked_at"))));
          return out;
        });
  }

  /** Revokes a key of the tenant (any tenant's when {@code tenantId} is null); false when there is no such live key. */
  public Future<Boolean> revokeKey(String tenantId, String keyId) {
    return pool.preparedQuery("update api_keys set revoked_at = now() where ($1::text is null or tenant_id = $1) and id = $2 "
            + "and revoked_at is null")
        .execute(Tuple.of(tenantId, keyId)).map(rows -> rows.rowCount() > 0);
  }

  public Future<Upload> addUpload(Upload u) {
    return pool.preparedQuery("insert into uploads (id, tenant_id, size, sha256, content_type, filename, storage_key) "
            + "values ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.from(Arrays.asList(u.id(), u.tenantId(), u.size(), u.sha256(), u.contentType(), u.filename(), u.storageKey())))
        .map(u);
  }

  public Future<Optional<Upload>> upload(String tenantId, String id) {
    return pool.preparedQuery("select id, tenant_id, size, sha256, content_type, filename, storage_key from uploads where tenant_id = $1 and id = $2")
        .execute(Tuple.of(tenantId, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toUpload(rows.iterator().next())));
  }

  /** Records an artifact; re-recording the same name (a retried attempt) replaces it. */
  public Future<Artifact> addArtifact(Artifact a) {
    return pool.preparedQuery("insert into artifacts (job_id, name, tenant_id, storage_key, size, sha256, content_type) "
            + "values ($1, $2, $3, $4, $5, $6, $7) on conflict (job_id, name) do update set storage_key = excluded.storage_key, "
            + "size = excluded.size, sha256 = excluded.sha256, content_type = excluded.content_type, created_at = now()")
        .execute(Tuple.from(Arrays.asList(a.jobId(), a.name(), a.tenantId(), a.storageKey(), a.size(), a.sha256(), a.contentType())))
        .map(a);
  }

  public Future<List<Artifact>> artifacts(String tenantId, String jobId) {
    return pool.preparedQuery("select job_id, name, tenant_id, storage_key, size, sha256, content_type from artifacts "
            + "where tenant_id = $1 and job_id = $2 order by name")
        .execute(Tuple.of(tenantId, jobId))
        .map(rows -> {
          List<Artifact> out = new ArrayList<>();
          rows.forEach(r -> out.add(toArtifact(r)));
          return out;
        });
  }

  public Future<Optional<Artifact>> artifact(String tenantId, String jobId, String name) {
    return pool.preparedQuery("select job_id, name, tenant_id, storage_key, size, sha256, content_type from artifacts "
            + "where tenant_id = $1 and job_id = $2 and name = $3")
        .execute(Tuple.of(tenantId, jobId, name))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toArtifact(rows.iterator().next())));
  }

  /** Registers a model (tenant null: shared by every tenant); returns its id. */
  public Future<String> addModel(String tenantId, String name, String arch, String preset, String storagePrefix, JsonObject metrics, String jobId) {
    String id = Ids.next("mdl");
    return pool.preparedQuery("insert into models (id, tenant_id, name, arch, preset, storage_prefix, metrics, job_id) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.from(Arrays.asList(id, tenantId, name, arch, preset, storagePrefix, metrics, jobId))).map(id);
  }

  /** A model's storage prefix, if the tenant may use it (its own or a shared one). */
  public Future<Optional<String>> modelPrefix(String tenantId, String modelId) {
    return pool.preparedQuery("select storage_prefix from models where id = $1 and (tenant_id = $2 or tenant_id is null)")
        .execute(Tuple.of(modelId, tenantId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  /** Models the tenant may use, newest first; {@code shared} is true for the platform's models. */
  public Future<List<JsonObject>> models(String tenantId) {
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

  public Future<String> addDataset(String tenantId, String name, String storagePrefix, JsonObject manifest, String jobId) {
    String id = Ids.next("ds");
    return pool.preparedQuery("insert into datasets (id, tenant_id, name, storage_prefix, manifest, job_id) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.from(Arrays.asList(id, tenantId, name, storagePrefix, manifest, jobId))).map(id);
  }

  public Future<Optional<String>> datasetPrefix(String tenantId, String datasetId) {
    return pool.preparedQuery("select storage_prefix from datasets where id = $1 and tenant_id = $2")
        .execute(Tuple.of(datasetId, tenantId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static Upload toUpload(Row r) {
    return new Upload(r.getString("id"), r.getString("tenant_id"), r.getLong("size"), r.getString("sha256"),
        r.getString("content_type"), r.getString("filename"), r.getString("storage_key"));
  }

  private static Artifact toArtifact(Row r) {
    return new Artifact(r.getString("job_id"), r.getString("name"), r.getString("tenant_id"), r.getString("storage_key"),
        r.getLong("size"), r.getString("sha256"), r.getString("content_type"));
  }
}
