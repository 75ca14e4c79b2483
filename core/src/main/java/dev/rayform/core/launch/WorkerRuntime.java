package dev.rayform.core.launch;

import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.JobType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A worker, as the launcher starts it without compiling against the workers module (and so without
 * DJL and libtorch): found through {@link ServiceLoader} ({@link #factory()}), present in the worker
 * image and the developer's distribution, absent from the gateway image.
 */
public interface WorkerRuntime extends AutoCloseable {

  /** Deploys the worker verticle; completes with its deployment id. */
  Future<String> deploy(Vertx vertx, PlatformServices services, String workerId, Path scratch, Duration lease);

  /** The device its networks run on, as the command line writes it ({@code cpu}, {@code gpu}, {@code auto}). */
  String deviceLabel();

  /** Frees the models it holds. */
  @Override
  void close();

  /** Makes workers; registered as a service by the workers module. */
  interface Factory {
    /**
     * A worker taking {@code jobTypes}, running networks on {@code device} ({@code cpu}, {@code gpu},
     * {@code auto}; null is auto), which is checked now: a GPU that is not there fails before anything starts.
     *
     * @throws InvalidSetting for an unknown device ({@code invalid_device}) or a GPU that is not there
     *     ({@code gpu_unavailable})
     */
    WorkerRuntime create(Set<JobType> jobTypes, String device);
  }

  /** The factory on the classpath, if this distribution carries workers. */
  static Optional<Factory> factory() {
    return ServiceLoader.load(Factory.class).findFirst();
  }

  /** As {@link #factory()}, or a clear error. */
  static Factory requireFactory() {
    return factory().orElseThrow(() -> new IllegalArgumentException(
        "this distribution has no worker (the gateway image carries none): use --role gateway, or the worker image"));
  }
}
