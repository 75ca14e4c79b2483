package dev.rayform.workers.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import dev.rayform.core.job.JobType;
import dev.rayform.core.launch.InvalidSetting;
import dev.rayform.core.launch.WorkerRuntime;
import dev.rayform.recon.model.ComputeDevice;
import dev.rayform.workers.jobs.JobHandler;
import dev.rayform.workers.jobs.ModelCache;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The launcher's way to the workers: found as a service, the handlers of the asked types only, bad devices refused with their codes. */
class DjlWorkersTest {
  @Test
  void theLauncherFindsTheWorkersAsAService() {
    assertThat(WorkerRuntime.factory()).get().isInstanceOf(DjlWorkers.class);
    try (WorkerRuntime worker = WorkerRuntime.requireFactory().create(Set.of(JobType.DATASET), "CPU")) {
      assertThat(worker.deviceLabel()).isEqualTo("cpu");
    }
  }

  @Test
  void aWorkerRunsTheHandlersOfItsTypesOnly() {
    try (ModelCache models = new ModelCache(1, ComputeDevice.CPU)) {
      var gpuGroup = DjlWorkers.handlers(Set.of(JobType.RECONSTRUCT, JobType.CATALOG, JobType.TRAIN, JobType.EVALUATE),
          ComputeDevice.CPU, models);
      assertThat(gpuGroup).extracting(JobHandler::type)
          .containsExactlyInAnyOrder(JobType.RECONSTRUCT, JobType.CATALOG, JobType.TRAIN, JobType.EVALUATE);
      assertThat(DjlWorkers.handlers(Set.of(JobType.DATASET), ComputeDevice.CPU, models)).extracting(JobHandler::type)
          .containsExactly(JobType.DATASET);
      assertThat(DjlWorkers.handlers(EnumSet.allOf(JobType.class), ComputeDevice.AUTO, models)).extracting(JobHandler::type)
          .containsExactlyInAnyOrder(JobType.values());
    }
  }

  @Test
  void badDevicesAreInvalidSettingsWithTheirCodes() {
    assertThatThrownBy(() -> new DjlWorkers().create(Set.of(JobType.DATASET), "tpu"))
        .isInstanceOf(InvalidSetting.class).hasMessageContaining("unknown device 'tpu'")
        .extracting(e -> ((InvalidSetting) e).code()).isEqualTo("invalid_device");
    assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    assertThatThrownBy(() -> new DjlWorkers().create(Set.of(JobType.RECONSTRUCT), "gpu"))
        .isInstanceOf(InvalidSetting.class).extracting(e -> ((InvalidSetting) e).code()).isEqualTo("gpu_unavailable");
  }
}
