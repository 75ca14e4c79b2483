package dev.rayform.launcher;

import dev.rayform.core.db.Migrations;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rayform migrate}: brings a PostgreSQL database to the current schema (Flyway) and exits.
 * Every {@code serve} process migrates at start as well; this is the explicit step for an upgrade
 * (the Helm chart runs it as a pre-install/pre-upgrade hook, so a failing migration stops the
 * release before any pod rolls).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {"Apply pending database migrations (Flyway) to --pg and exit; prints the schema version.",
        "Safe to repeat and to run beside running servers (Flyway takes a PostgreSQL advisory lock)."})
public final class MigrateCommand implements Callable<Integer> {
  @Option(names = "--pg", defaultValue = "${env:RAYFORM_PG}", description = "PostgreSQL as postgresql://user:password@host:port/database (or RAYFORM_PG).")
  String pg;

  @Override
  public Integer call() {
    String url = pg;
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("give --pg postgresql://user:password@host:port/database (or set RAYFORM_PG)");
    }
    PgUrl db = PgUrl.parse(url);
    long t0 = System.nanoTime();
    String version = Migrations.apply(db.jdbcUrl(), db.user(), db.password());
    System.out.printf("schema at version %s (%s:%d/%s, %.1f s)%n", version, db.host(), db.port(), db.database(),
        (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
