package dev.rayform.tools;

import dev.rayform.core.PlatformConfig;
import dev.rayform.core.launch.EmbeddedStack;
import dev.rayform.devstack.DevStack;
import dev.rayform.devstack.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded default of the developer's distribution: devstack's in-process Kafka, PostgreSQL and
 * S3-compatible store, registered for the launcher in {@code META-INF/services}. Production images
 * leave this module (and devstack) out.
 */
public final class EmbeddedDefault implements EmbeddedStack.Provider {

  @Override
  public EmbeddedStack start(Path dir) throws Exception {
    DevStack stack = DevStack.start(dir);
    return new EmbeddedStack() {
      @Override
      public PlatformConfig config(String workerId) {
        DevStack.Config c = stack.config();
        return new PlatformConfig(c.kafkaBootstrapServers(), c.pgHost(), c.pgPort(), c.pgDatabase(), c.pgUser(), c.pgPassword(),
            c.storeLocation(), c.s3AccessKey(), c.s3SecretKey(), workerId);
      }

      @Override
      public void close() {
        stack.close();
      }
    };
  }

  @Override
  public EmbeddedStack.Database database(Path dir) throws Exception {
    Path postgres = dir.resolve("postgres");
    Integer running = runningPort(postgres.resolve("pgdata").resolve("postmaster.pid"));
    EmbeddedPostgres started = null;
    if (running == null) {
      if (!Files.isDirectory(postgres.resolve("pgdata"))) {
        throw new IllegalArgumentException("no platform data in " + dir.getParent() + " (run rayform serve once, or give --pg)");
      }
      started = new EmbeddedPostgres(postgres).start();
    }
    int port = running != null ? running : started.port();
    EmbeddedPostgres owned = started;
    return new EmbeddedStack.Database() {
      @Override
      public String host() {
        return "127.0.0.1";
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public String name() {
        return EmbeddedPostgres.DEFAULT_DATABASE;
      }

      @Override
      public String user() {
        return EmbeddedPostgres.USER;
      }

      @Override
      public String password() {
        return EmbeddedPostgres.PASSWORD;
      }

      @Override
      public void close() {
        if (owned != null) {
          owned.close();
        }
      }
    };
  }

  /** The port of a live PostgreSQL whose postmaster.pid this is (line 1: pid, line 4: port), else null. */
  private static Integer runningPort(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return null;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.size() < 4) {
      return null;
    }
    long pid = Long.parseLong(lines.get(0).strip());
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? Integer.parseInt(lines.get(3).strip()) : null;
  }
}
