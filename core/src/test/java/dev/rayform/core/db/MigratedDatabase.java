package dev.rayform.core.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The shared fixture of core's database tests: an embedded PostgreSQL at the current schema, with a pool on it. */
public final class MigratedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Vertx vertx;
  private final Pool pool;

  private MigratedDatabase(EmbeddedPostgres postgres, Vertx vertx, Pool pool) {
    this.postgres = postgres;
    this.vertx = vertx;
    this.pool = pool;
  }

  public static MigratedDatabase start() throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    Migrations.apply(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("localhost").setPort(postgres.getPort())
        .setDatabase("postgres").setUser("postgres").setPassword("")).using(vertx).build();
    return new MigratedDatabase(postgres, vertx, pool);
  }

  public Pool pool() {
    return pool;
  }

  /** The future's value within 20 s; its failure rethrown as it is. */
  public static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    await(pool.close());
    await(vertx.close());
    postgres.close();
  }
}
