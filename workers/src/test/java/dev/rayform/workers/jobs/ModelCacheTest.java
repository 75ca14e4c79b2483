package dev.rayform.workers.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.model.ComputeDevice;
import dev.rayform.recon.model.TrainedModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The worker's model cache loads models onto its device, and refuses a GPU that is not there. */
class ModelCacheTest {
  private static final Path MODEL = Path.of("..").toAbsolutePath().normalize().resolve("models/default");

  @Test
  void loadsModelsOntoItsDeviceOnceAndKeepsThem() {
    try (ModelCache cache = new ModelCache(1, ComputeDevice.CPU)) {
      TrainedModel first = cache.with(MODEL, m -> m);
      assertThat(first.device()).isEqualTo(Device.cpu());
      assertThat((Object) cache.with(MODEL, m -> m)).isSameAs(first);
    }
  }

  @Test
  void aGpuCacheWithoutAGpuFailsWithAStableCode() {
    assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    try (ModelCache cache = new ModelCache(1, ComputeDevice.GPU)) {
      assertThatThrownBy(() -> cache.with(MODEL, m -> m))
          .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo(ComputeDevice.GPU_UNAVAILABLE));
    }
  }
}
