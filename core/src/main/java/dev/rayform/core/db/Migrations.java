package dev.rayform.core.db;

import dev.rayform.core.PlatformException;
import dev.rayform.schema.SchemaResources;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Brings a PostgreSQL database to the schema of {@code rayform-schema} with Flyway.
 *
 * <p>Safe to call on every start: applied migrations are skipped (and validated against
 * their checksums). Safe from several processes at once: Flyway holds a PostgreSQL advisory
 * lock while migrating, so one process applies and the others wait, then find nothing to do.
 */
public final class Migrations {
  /** Error code when the database cannot be migrated. */
  public static final String MIGRATION_FAILED = "database_migration_failed";

  private Migrations() {}

  /**
   * Applies pending migrations and returns the schema version now current (e.g. "1").
   *
   * @throws PlatformException {@code database_migration_failed} when the database is
   *     unreachable, a migration fails, or an applied migration was changed
   */
  public static String apply(String jdbcUrl, String user, String password) {
    try {
      Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(jdbcUrl, user, password)
          .locations(SchemaResources.MIGRATIONS)
          .connectRetries(3)
          .load();
      flyway.migrate();
      MigrationInfo current = flyway.info().current();
      if (current == null || current.getVersion() == null) {
        throw new PlatformException(MIGRATION_FAILED, "No migration applied to " + jdbcUrl);
      }
      return current.getVersion().getVersion();
    } catch (FlywayException e) {
      throw new PlatformException(
          MIGRATION_FAILED, "Cannot migrate " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }
}
