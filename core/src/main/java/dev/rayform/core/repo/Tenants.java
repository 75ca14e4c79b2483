package dev.rayform.core.repo;

import dev.rayform.core.job.Ids;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Tenants and their API keys. A key is stored as its SHA-256 hash and shown once, at creation; every
 * read and revocation is scoped by tenant (or by none, for the operator's {@code rayform keys}).
 */
public final class Tenants {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Pool pool;

  public Tenants(Pool pool) {
    this.pool = pool;
  }

  /** A new key: its id, the tenant, and the secret (returned only here). */
  public record CreatedKey(String id, String tenantId, String secret) {}

  /** An API key as listed: never the secret, only its first characters. */
  public record KeyInfo(String id, String tenantId, String prefix, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
      OffsetDateTime revokedAt) {}

  /** Creates the tenant unless it exists (its name is then left as it was). */
  public Future<Void> ensure(String id, String name) {
    return pool.preparedQuery("insert into tenants (id, name) values ($1, $2) on conflict (id) do nothing")
        .execute(Tuple.of(id, name)).mapEmpty();
  }

  /** A new random key for the tenant. */
  public Future<CreatedKey> createKey(String tenantId, String name) {
    byte[] raw = new byte[24];
    RANDOM.nextBytes(raw);
    String secret = "rf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return addKey(tenantId, name, secret);
  }

  /** Registers a given secret (a development key fixed by the operator); registering it again revives it. */
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

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
