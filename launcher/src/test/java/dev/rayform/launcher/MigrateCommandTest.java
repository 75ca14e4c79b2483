package dev.rayform.launcher;

import static dev.rayform.launcher.CommandRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.launcher.CommandRun.Result;
import dev.rayform.core.PlatformException;
import dev.rayform.devstack.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rayform migrate} against the embedded PostgreSQL: applies the schema, repeats safely, fails with stable codes. */
class MigrateCommandTest {
  private static List<String> appliedVersions(EmbeddedPostgres pg) throws Exception {
    List<String> versions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        ResultSet rs = c.createStatement().executeQuery(
            "select version from flyway_schema_history where success and version is not null order by installed_rank")) {
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
    }
    return versions;
  }

  @Test
  void appliesEveryMigrationOnceAndExits(@TempDir Path dir) throws Exception {
    try (EmbeddedPostgres pg = new EmbeddedPostgres(dir.resolve("pg")).start()) {
      String url = "postgresql://" + pg.user() + ":" + pg.password() + "@" + pg.host() + ":" + pg.port() + "/" + pg.database();
      Result first = run("migrate", "--pg", url);
      assertThat(first.exit()).as(first.err()).isZero();
      List<String> applied = appliedVersions(pg);
      assertThat(applied).startsWith("1").hasSizeGreaterThanOrEqualTo(2);
      String latest = applied.get(applied.size() - 1);
      assertThat(first.out()).startsWith("schema at version " + latest + " (" + pg.host() + ":" + pg.port() + "/" + pg.database())
          .doesNotContain(pg.password() + "@");
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
          ResultSet rs = c.createStatement().executeQuery("select count(*) from jobs")) {
        assertThat(rs.next()).isTrue(); // the platform's tables exist
      }

      Result again = run("migrate", "--pg", url);
      assertThat(again.exit()).as(again.err()).isZero();
      assertThat(again.out()).startsWith("schema at version " + latest + " (");
      assertThat(appliedVersions(pg)).isEqualTo(applied);
    }
  }

  @Test
  void aBadAddressIsAnArgumentErrorAndAFailedMigrationKeepsItsCode() {
    Result scheme = run("migrate", "--pg", "mysql://root@db/rayform");
    assertThat(scheme.exit()).isEqualTo(2);
    assertThat(scheme.err()).contains("error[invalid_argument]: not a PostgreSQL URL");
    Result noDatabase = run("migrate", "--pg", "postgresql://postgres@db:5432/");
    assertThat(noDatabase.exit()).isEqualTo(2);
    assertThat(noDatabase.err()).contains("names no database");
    assertThat(Launcher.describe(new PlatformException("database_migration_failed", "Cannot migrate")).line())
        .isEqualTo("error[database_migration_failed]: Cannot migrate");
  }

  @Test
  void urlsParseWithDefaultsAndDecodedSecrets() {
    PgUrl u = PgUrl.parse("postgresql://rayform:p%40ss%3Aword@db.example:6432/rayform");
    assertThat(u).isEqualTo(new PgUrl("db.example", 6432, "rayform", "rayform", "p@ss:word"));
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/rayform");
    assertThat(u.toString()).doesNotContain("p@ss");
    assertThat(PgUrl.parse("postgres://db/x")).isEqualTo(new PgUrl("db", 5432, "x", "postgres", ""));
    assertThatThrownBy(() -> PgUrl.parse("postgresql:///x")).isInstanceOf(IllegalArgumentException.class);
  }
}
