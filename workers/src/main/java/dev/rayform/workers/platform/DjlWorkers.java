package dev.rayform.workers.platform;

import dev.rayform.core.PlatformServices;
import dev.rayform.core.job.JobType;
import dev.rayform.core.launch.InvalidSetting;
import dev.rayform.core.launch.WorkerRuntime;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.model.ComputeDevice;
import dev.rayform.workers.jobs.CatalogHandler;
import dev.rayform.workers.jobs.DatasetHandler;
import dev.rayform.workers.jobs.EvaluateHandler;
import dev.rayform.workers.jobs.JobHandler;
import dev.rayform.workers.jobs.ModelCache;
import dev.rayform.workers.jobs.ReconstructHandler;
import dev.rayform.workers.jobs.TrainHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The launcher's way to the workers ({@link WorkerRuntime.Factory}, registered in
 * {@code META-INF/services}): the job handlers of the types asked for, networks on the device asked for.
 */
public final class DjlWorkers implements WorkerRuntime.Factory {
  /** Models kept loaded per worker process. */
  private static final int MODELS_KEPT = 2;

  @Override
  public WorkerRuntime create(Set<JobType> jobTypes, String device) {
    ComputeDevice d;
    try {
      d = ComputeDevice.parse(device);
      if (d == ComputeDevice.GPU) {
        d.resolve();
      }
    } catch (ReconException e) {
      throw new InvalidSetting(e.code(), e.getMessage(), e);
    }
    return new Runtime(jobTypes, d);
  }

  /** The handlers of {@code jobTypes}, their networks in {@code models}. */
  public static List<JobHandler> handlers(Set<JobType> jobTypes, ComputeDevice device, ModelCache models) {
    List<JobHandler> all = List.of(new ReconstructHandler(models), new CatalogHandler(models), new DatasetHandler(),
        new TrainHandler(device), new EvaluateHandler(models));
    return all.stream().filter(h -> jobTypes.contains(h.type())).toList();
  }

  private static final class Runtime implements WorkerRuntime {
    private final Set<JobType> jobTypes;
    private final ComputeDevice device;
    private final ModelCache models;

    Runtime(Set<JobType> jobTypes, ComputeDevice device) {
      this.jobTypes = Set.copyOf(jobTypes);
      this.device = device;
      this.models = new ModelCache(MODELS_KEPT, device);
    }

    @Override
    public Future<String> deploy(Vertx vertx, PlatformServices services, String workerId, Path scratch, Duration lease) {
      return vertx.deployVerticle(new WorkerVerticle(services, handlers(jobTypes, device, models), workerId, scratch, lease));
    }

    @Override
    public String deviceLabel() {
      return device.label();
    }

    @Override
    public void close() {
      models.close();
    }
  }
}
