package dev.rayform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL 17 from Maven Central binaries (zonky), running as a child process whose data
 * directory persists under the given folder.
 *
 * <p>The port is fixed at construction so a stop/start cycle keeps the address. The server uses
 * trust authentication on loopback and runs with fsync off: development and tests only.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  /** Database the platform uses; created on start when missing. */
  public static final String DEFAULT_DATABASE = "rayform";
  public static final String USER = "postgres";
  /** Ignored by the server (trust auth) but clients insist on one. */
  public static final String PASSWORD = "postgres";

  private final Path dataDir;
  private final int port;
  private final String database;
  private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  /** A server with its cluster in {@code dataDir/pgdata}, on a free port, database {@code rayform}. */
  public EmbeddedPostgres(Path dataDir) {
    this(dataDir, 0, DEFAULT_DATABASE);
  }

  /** A server on {@code port} (0 picks a free one) that ensures {@code database} exists. */
  public EmbeddedPostgres(Path dataDir, int port, String database) {
    this.dataDir = dataDir.toAbsolutePath();
    this.port = FreePorts.orFree(port);
    this.database = database;
  }

  /** Starts the server (initdb only on first use) and creates the database if missing. */
  public synchronized EmbeddedPostgres start() {
    if (server != null) {
      return this;
    }
    try {
      Files.createDirectories(clusterDir());
      stopOrphanedPostmaster();
      server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
          .setDataDirectory(clusterDir())
          .setCleanDataDirectory(false)
          .setPort(port)
          .setPGStartupWait(Duration.ofSeconds(30))
          .start();
      createDatabaseIfMissing();
      return this;
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException("PostgreSQL failed to start in " + dataDir, e);
    } catch (SQLException e) {
      stop();
      throw new IllegalStateException("could not create database " + database, e);
    }
  }

  /** Fast shutdown of the server process; the cluster stays on disk. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
    } finally {
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  public String host() {
    return FreePorts.LOOPBACK;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** JDBC URL of the platform database (for Flyway and tests; the app uses vertx-pg-client). */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
  }

  /** The PostgreSQL data directory (PGDATA). */
  public Path clusterDir() {
    return dataDir.resolve("pgdata");
  }

  /**
   * The postmaster's process id from {@code postmaster.pid} while a server runs on this cluster
   * (zonky's {@code pg_ctl} detaches it, so it is not a child of this JVM); empty otherwise.
   */
  public java.util.OptionalLong postmasterPid() {
    try {
      java.util.List<String> lines = Files.readAllLines(clusterDir().resolve("postmaster.pid"));
      long pid = Long.parseLong(lines.get(0).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(EmbeddedPostgres::isPostgres).isPresent()
          ? java.util.OptionalLong.of(pid) : java.util.OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /**
   * A postmaster left running on this cluster by a JVM that was killed (SIGKILL skips zonky's
   * shutdown hook): stopped with a fast shutdown (SIGINT) before starting again, or the new start
   * would fail on the lock file and the port. Only a live process whose command is PostgreSQL's
   * and whose id the cluster's own {@code postmaster.pid} names is touched.
   */
  private void stopOrphanedPostmaster() throws IOException {
    java.util.OptionalLong pid = postmasterPid();
    if (pid.isEmpty()) {
      return;
    }
    ProcessHandle orphan = ProcessHandle.of(pid.getAsLong()).orElseThrow();
    try {
      new ProcessBuilder("kill", "-INT", String.valueOf(pid.getAsLong())).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
      orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the orphaned postmaster " + pid.getAsLong(), e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      orphan.destroyForcibly();
    }
  }

  private static boolean isPostgres(ProcessHandle p) {
    return p.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("/postmaster")).orElse(false);
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection()) {
      try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        exists.setString(1, database);
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement create = c.createStatement()) {
        // Identifier quoting keeps odd names safe; CREATE DATABASE takes no bind parameters.
        create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
      }
    }
  }
}
