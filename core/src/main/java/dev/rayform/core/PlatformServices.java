package dev.rayform.core;

import dev.rayform.core.db.Migrations;
import dev.rayform.core.job.JobRepository;
import dev.rayform.core.metrics.PlatformFigures;
import dev.rayform.core.repo.Artifacts;
import dev.rayform.core.repo.Datasets;
import dev.rayform.core.repo.Models;
import dev.rayform.core.repo.Tenants;
import dev.rayform.core.repo.Uploads;
import dev.rayform.core.store.ObjectStore;
import dev.rayform.core.store.ObjectStores;
import dev.rayform.core.webhook.WebhookRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * What the gateway and the workers share in one process: the database pool, a repository per
 * aggregate (jobs, tenants and keys, uploads, artifacts, models, datasets, webhooks) and
 * the object store. {@link #open} migrates the schema first (safe from several processes).
 */
public final class PlatformServices implements AutoCloseable {
  private final PlatformConfig config;
  private final Pool pool;
  private final JobRepository jobs;
  private final Tenants tenants;
  private final Uploads uploads;
  private final Artifacts artifacts;
  private final Models models;
  private final Datasets datasets;
  private final WebhookRepository webhooks;
  private final PlatformFigures figures;
  private final ObjectStore store;

  private PlatformServices(PlatformConfig config, Pool pool, ObjectStore store) {
    this.config = config;
    this.pool = pool;
    this.jobs = new JobRepository(pool);
    this.tenants = new Tenants(pool);
    this.uploads = new Uploads(pool);
    this.artifacts = new Artifacts(pool);
    this.models = new Models(pool);
    this.datasets = new Datasets(pool);
    this.webhooks = new WebhookRepository(pool);
    this.figures = new PlatformFigures(pool);
    this.store = store;
  }

  /** Blocking (migrations): call at start-up, not on an event loop. */
  public static PlatformServices open(Vertx vertx, PlatformConfig config) {
    Migrations.apply(config.jdbcUrl(), config.pgUser(), config.pgPassword());
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(8))
        .connectingTo(new PgConnectOptions().setHost(config.pgHost()).setPort(config.pgPort()).setDatabase(config.pgDatabase())
            .setUser(config.pgUser()).setPassword(config.pgPassword()))
        .using(vertx)
        .build();
    ObjectStore store = ObjectStores.open(config.store(), config.storeAccessKey(), config.storeSecretKey());
    return new PlatformServices(config, pool, store);
  }

  public PlatformConfig config() {
    return config;
  }

  public Pool pool() {
    return pool;
  }

  public JobRepository jobs() {
    return jobs;
  }

  public Tenants tenants() {
    return tenants;
  }

  public Uploads uploads() {
    return uploads;
  }

  public Artifacts artifacts() {
    return artifacts;
  }

  public Models models() {
    return models;
  }

  public Datasets datasets() {
    return datasets;
  }

  /** Operators' figures over every tenant (the gateway's /metrics). */
  public PlatformFigures figures() {
    return figures;
  }

  public WebhookRepository webhooks() {
    return webhooks;
  }

  public ObjectStore store() {
    return store;
  }

  /** True when the database answers (for /ready). */
  public Future<Boolean> databaseReady() {
    return pool.query("select 1").execute().map(r -> true).recover(e -> Future.succeededFuture(false));
  }

  @Override
  public void close() {
    pool.close();
  }
}
