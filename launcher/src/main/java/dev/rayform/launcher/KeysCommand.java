package dev.rayform.launcher;

import dev.rayform.core.db.Migrations;
import dev.rayform.core.db.PlatformDatabase;
import dev.rayform.core.repo.Tenants;
import dev.rayform.core.launch.EmbeddedStack;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rayform keys create|list|revoke}: API keys in the platform database, the embedded one under
 * {@code --data-dir} (the running server's, when {@code rayform serve} has it open) or {@code --pg}.
 * Keys are stored as SHA-256 hashes; a new key's secret is printed once, on stdout.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Where the database is. */
  static final class Database {
    @Option(names = "--data-dir", defaultValue = ".rayform", description = "The embedded platform's data. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--pg", defaultValue = "${env:RAYFORM_PG}", description = "PostgreSQL as postgresql://user:password@host:port/database (or RAYFORM_PG).")
    String pg;

    /** Runs {@code work} against the database (migrated first), starting the embedded one when no server has it open. */
    <T> T with(RepoWork<T> work) throws Exception {
      EmbeddedStack.Database embedded = null;
      PgUrl db;
      if (pg != null) {
        db = PgUrl.parse(pg);
      } else {
        // The provider refuses a folder with no platform data ("no platform data in ...").
        embedded = EmbeddedStack.requireProvider().database(dataDir.resolve("stack"));
        db = new PgUrl(embedded.host(), embedded.port(), embedded.name(), embedded.user(), embedded.password());
      }
      Vertx vertx = Vertx.vertx();
      try {
        Migrations.apply(db.jdbcUrl(), db.user(), db.password());
        PlatformDatabase database = PlatformDatabase.connect(vertx, db.host(), db.port(), db.database(), db.user(), db.password());
        try {
          return work.run(database.tenants());
        } finally {
          Platform.await(database.close());
        }
      } finally {
        Platform.await(vertx.close());
        if (embedded != null) {
          embedded.close();
        }
      }
    }
  }

  @FunctionalInterface
  interface RepoWork<T> {
    T run(Tenants tenants) throws Exception;
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "A new key; prints its secret once (stdout).")
  static final class Create implements Callable<Integer> {
    @Mixin
    Database db;

    @Option(names = "--tenant", defaultValue = "dev", description = "The tenant (created if new). Default: ${DEFAULT-VALUE}.")
    String tenant;

    @Option(names = "--name", description = "A label shown in lists.")
    String name;

    @Override
    public Integer call() throws Exception {
      if (!tenant.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new IllegalArgumentException("--tenant takes letters, digits, '_' and '-' (at most 64)");
      }
      Tenants.CreatedKey key = db.with(tenants -> Platform.await(tenants.ensure(tenant, tenant)
          .compose(v -> tenants.createKey(tenant, name))));
      System.err.println("created key " + key.id() + " for tenant " + tenant + "; the secret below is shown only now:");
      System.out.println(key.secret());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Keys (never their secrets), of one tenant or all.")
  static final class ListKeys implements Callable<Integer> {
    @Mixin
    Database db;

    @Option(names = "--tenant", description = "Only this tenant's keys.")
    String tenant;

    @Override
    public Integer call() throws Exception {
      List<Tenants.KeyInfo> keys = db.with(tenants -> Platform.await(tenants.keys(tenant)));
      System.out.printf("%-26s %-16s %-10s %-16s %-20s %-20s %s%n", "ID", "TENANT", "PREFIX", "NAME", "CREATED", "LAST USED", "STATUS");
      for (Tenants.KeyInfo k : keys) {
        System.out.printf("%-26s %-16s %-10s %-16s %-20s %-20s %s%n", k.id(), k.tenantId(), k.prefix(), k.name() == null ? "-" : k.name(),
            time(k.createdAt()), time(k.lastUsedAt()), k.revokedAt() == null ? "active" : "revoked " + time(k.revokedAt()));
      }
      return 0;
    }

    private static String time(OffsetDateTime t) {
      return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toLocalDateTime().toString();
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a key: it stops working at once.")
  static final class Revoke implements Callable<Integer> {
    @Mixin
    Database db;

    @Parameters(paramLabel = "KEY_ID", description = "The key's id (from keys list).")
    String keyId;

    @Option(names = "--tenant", description = "Only if the key is this tenant's.")
    String tenant;

    @Override
    public Integer call() throws Exception {
      boolean revoked = db.with(tenants -> Platform.await(tenants.revokeKey(tenant, keyId)));
      if (!revoked) {
        throw new IllegalArgumentException("no active key " + keyId + (tenant == null ? "" : " of tenant " + tenant));
      }
      System.err.println("revoked " + keyId);
      return 0;
    }
  }
}
