package dev.rayform.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

  @TempDir
  Path dataDir;

  @Test
  void createsTheDatabaseAndKeepsRowsAcrossRestart() throws Exception {
    EmbeddedPostgres pg = new EmbeddedPostgres(dataDir);
    try {
      long t = System.nanoTime();
      pg.start();
      System.out.printf("PostgreSQL first start (initdb): %d ms%n", (System.nanoTime() - t) / 1_000_000);
      assertThat(pg.jdbcUrl()).endsWith("/rayform");

      try (Connection c = connect(pg); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE job (id text PRIMARY KEY, status text NOT NULL)");
        s.execute("INSERT INTO job VALUES ('j1', 'queued'), ('j2', 'running')");
        assertThat(statuses(c)).containsExactly("j1=queued", "j2=running");
      }
      int port = pg.port();

      t = System.nanoTime();
      pg.stop();
      long stopMs = (System.nanoTime() - t) / 1_000_000;
      t = System.nanoTime();
      pg.start();
      System.out.printf("PostgreSQL stop: %d ms, restart on existing data: %d ms%n",
          stopMs, (System.nanoTime() - t) / 1_000_000);

      assertThat(pg.port()).isEqualTo(port);
      try (Connection c = connect(pg)) {
        try (PreparedStatement update = c.prepareStatement("UPDATE job SET status = ? WHERE id = ?")) {
          update.setString(1, "succeeded");
          update.setString(2, "j2");
          assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(statuses(c)).containsExactly("j1=queued", "j2=succeeded");
      }
    } finally {
      pg.stop();
    }
  }

  @Test
  void secondInstanceOnOtherDataDirGetsItsOwnPortAndCustomDatabase() throws Exception {
    try (EmbeddedPostgres pg = new EmbeddedPostgres(dataDir.resolve("other"), 0, "catalogue").start()) {
      try (Connection c = connect(pg); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT current_database(), current_user")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("catalogue");
        assertThat(rs.getString(2)).isEqualTo(pg.user());
      }
    }
  }

  private static Connection connect(EmbeddedPostgres pg) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
  }

  private static List<String> statuses(Connection c) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, status FROM job ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "=" + rs.getString(2));
      }
    }
    return rows;
  }
}
