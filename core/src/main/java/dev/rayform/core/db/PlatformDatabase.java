package dev.rayform.core.db;

import dev.rayform.core.metrics.PlatformFigures;
import dev.rayform.core.repo.Tenants;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The platform's database for a tool outside a platform process ({@code rayform keys}, the
 * benchmarks): the repositories they need on one connection of its own, closed with {@link #close()}.
 * Platform processes use {@link dev.rayform.core.PlatformServices} instead.
 */
public final class PlatformDatabase {
  private final Pool pool;

  private PlatformDatabase(Pool pool) {
    this.pool = pool;
  }

  public static PlatformDatabase connect(Vertx vertx, String host, int port, String database, String user, String password) {
    return open(vertx, new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user).setPassword(password));
  }

  /** From {@code postgresql://user:password@host:port/database}. */
  public static PlatformDatabase connect(Vertx vertx, String postgresUri) {
    return open(vertx, PgConnectOptions.fromUri(postgresUri));
  }

  private static PlatformDatabase open(Vertx vertx, PgConnectOptions options) {
    return new PlatformDatabase(PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build());
  }

  /** Tenants and their API keys ({@code rayform keys}). */
  public Tenants tenants() {
    return new Tenants(pool);
  }

  public PlatformFigures figures() {
    return new PlatformFigures(pool);
  }

  public Future<Void> close() {
    return pool.close();
  }
}
