package dev.rayform.core.launch;

import dev.rayform.core.PlatformConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The embedded default: Kafka, PostgreSQL and an S3-compatible store in this process, data under one
 * folder. The launcher finds it through {@link ServiceLoader} ({@link #provider()}): the developer's
 * distribution (scripts/rayform) carries one, the production images none, so a production process
 * without {@code --kafka/--pg/--store} fails with a clear error instead of starting test services.
 */
public interface EmbeddedStack extends AutoCloseable {

  /** The services' addresses for a process whose worker id is {@code workerId}. */
  PlatformConfig config(String workerId);

  @Override
  void close();

  /** Starts embedded stacks; registered as a service by the module that carries them. */
  interface Provider {
    /** Starts the stack whose data lives in {@code dir} (created if missing). */
    EmbeddedStack start(Path dir) throws Exception;

    /**
     * The PostgreSQL of the stack in {@code dir}: the running one's when a server has it open, else
     * started now and stopped on {@link Database#close()}.
     *
     * @throws IllegalArgumentException when {@code dir} holds no stack's database
     */
    Database database(Path dir) throws Exception;
  }

  /** An embedded PostgreSQL's address and credentials. */
  interface Database extends AutoCloseable {
    String host();

    int port();

    String name();

    String user();

    String password();

    @Override
    void close();
  }

  /** The provider on the classpath, if this distribution carries one. */
  static Optional<Provider> provider() {
    return ServiceLoader.load(Provider.class).findFirst();
  }

  /** As {@link #provider()}, or a clear error naming what to give instead. */
  static Provider requireProvider() {
    return provider().orElseThrow(() -> new IllegalArgumentException(
        "this distribution has no embedded default (production images carry none): give --kafka, --pg and --store,"
            + " or run scripts/rayform from the repository"));
  }
}
