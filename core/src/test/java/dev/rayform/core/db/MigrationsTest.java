package dev.rayform.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  private static final List<String> TABLES = List.of("tenants", "api_keys", "uploads", "jobs",
      "job_events", "artifacts", "models", "datasets", "webhooks", "webhook_deliveries", "outbox");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void appliesOnceAndIsIdempotent() throws Exception {
    String url = freshDatabase();

    assertThat(Migrations.apply(url, "postgres", "")).isEqualTo("2");
    assertThat(Migrations.apply(url, "postgres", "")).isEqualTo("2");

    assertThat(queryLong(url, "select count(*) from flyway_schema_history where success")).isEqualTo(2);
  }

  @Test
  void createsEveryTable() throws Exception {
    String url = freshDatabase();
    Migrations.apply(url, "postgres", "");

    List<String> tables = queryStrings(url,
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
    assertThat(tables).containsAll(TABLES).contains("flyway_schema_history");
    List<String> jobColumns = queryStrings(url,
        "select column_name from information_schema.columns where table_name = 'jobs'");
    assertThat(jobColumns).contains("idempotency_key", "attempts", "max_attempts", "lease_owner",
        "lease_expires_at", "cancel_requested", "progress", "stage", "error_code", "error_message",
        "result", "parent_id", "last_seq", "updated_at");
  }

  @Test
  void severalProcessesMigratingAtOnceAgree() throws Exception {
    String url = freshDatabase();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Callable<String> apply = () -> Migrations.apply(url, "postgres", "");
        results.add(pool.submit(apply));
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo("2");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(queryLong(url, "select count(*) from flyway_schema_history where success")).isEqualTo(2);
  }

  @Test
  void schemaEnforcesTheJobInvariants() throws Exception {
    String url = freshDatabase();
    Migrations.apply(url, "postgres", "");
    try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("insert into tenants (id, name) values ('t1', 'Tenant')");
      s.execute("insert into jobs (id, tenant_id, type, idempotency_key) values ('j1', 't1', 'reconstruct', 'k1')");

      assertViolation(s, "insert into jobs (id, tenant_id, type, idempotency_key) values ('j2', 't1', 'reconstruct', 'k1')", "23505");
      assertViolation(s, "insert into jobs (id, tenant_id, type) values ('j3', 't1', 'paint')", "23514");
      assertViolation(s, "update jobs set status = 'succeeded' where id = 'j1'", "23514"); // no finished_at
      assertViolation(s, "update jobs set status = 'running' where id = 'j1'", "23514"); // no lease

      // Claim with a lease, then completion fenced by (lease_owner, attempts).
      assertThat(s.executeUpdate("update jobs set status = 'running', lease_owner = 'w1', attempts = attempts + 1,"
          + " lease_expires_at = now() + interval '30 seconds', started_at = now()"
          + " where id = 'j1' and status = 'queued'")).isEqualTo(1);
      assertThat(s.executeUpdate("update jobs set status = 'succeeded', finished_at = now()"
          + " where id = 'j1' and status = 'running' and lease_owner = 'w2' and attempts = 1")).isZero();
      assertThat(s.executeUpdate("update jobs set status = 'succeeded', finished_at = now(), progress = 1"
          + " where id = 'j1' and status = 'running' and lease_owner = 'w1' and attempts = 1")).isEqualTo(1);

      // Per-job seq handed out by jobs.last_seq.
      for (int i = 0; i < 3; i++) {
        s.execute("with next as (update jobs set last_seq = last_seq + 1 where id = 'j1' returning last_seq)"
            + " insert into job_events (job_id, seq, tenant_id, type, status)"
            + " select 'j1', last_seq, 't1', 'job.progress', 'running' from next");
      }
      assertThat(queryStrings(url, "select seq::text from job_events where job_id = 'j1' order by seq"))
          .containsExactly("1", "2", "3");
      assertThat(queryLong(url, "select count(*) from outbox where published_at is null")).isZero();
    }
  }

  private static void assertViolation(Statement s, String sql, String sqlState) {
    assertThatThrownBy(() -> s.execute(sql))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState));
  }

  private static String freshDatabase() throws SQLException {
    String name = "rayform_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  private static long queryLong(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> queryStrings(String url, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
