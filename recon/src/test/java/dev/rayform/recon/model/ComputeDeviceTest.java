package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.rayform.recon.ReconException;
import org.junit.jupiter.api.Test;

/** The device setting: names, what auto means here, a clear error for a GPU that is not there, models placed on the device. */
class ComputeDeviceTest {
  private static boolean gpuVisible() {
    return Engine.getInstance().getGpuCount() > 0;
  }

  @Test
  void parsesTheThreeNamesAndRejectsOthersWithAStableCode() {
    assertThat(ComputeDevice.parse("cpu")).isEqualTo(ComputeDevice.CPU);
    assertThat(ComputeDevice.parse(" GPU ")).isEqualTo(ComputeDevice.GPU);
    assertThat(ComputeDevice.parse("auto")).isEqualTo(ComputeDevice.AUTO);
    assertThat(ComputeDevice.parse(null)).isEqualTo(ComputeDevice.AUTO);
    assertThat(ComputeDevice.parse("")).isEqualTo(ComputeDevice.AUTO);
    assertThat(ComputeDevice.GPU.label()).isEqualTo("gpu");
    assertThatThrownBy(() -> ComputeDevice.parse("tpu"))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo(ComputeDevice.INVALID_DEVICE))
        .hasMessageContaining("cpu, gpu or auto");
  }

  @Test
  void cpuIsAlwaysTheCpu() {
    assertThat(ComputeDevice.CPU.resolve()).isEqualTo(Device.cpu());
  }

  @Test
  void autoIsTheCpuWhereLibtorchSeesNoGpu() {
    assumeTrue(!gpuVisible(), "a GPU is visible");
    assertThat(ComputeDevice.AUTO.resolve()).isEqualTo(Device.cpu());
  }

  @Test
  void gpuWithoutAGpuFailsClearlyWithAStableCode() {
    assumeTrue(!gpuVisible(), "a GPU is visible");
    assertThatThrownBy(ComputeDevice.GPU::resolve)
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo(ComputeDevice.GPU_UNAVAILABLE))
        .hasMessageContaining("no CUDA GPU").hasMessageContaining("-Pcuda");
    // The model is not half-built: creation fails before any native memory is taken.
    assertThatThrownBy(() -> TrainedModel.create(ModelInfo.untrained(ModelConfig.tiny("rayonet")), 1, ComputeDevice.GPU))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo(ComputeDevice.GPU_UNAVAILABLE));
  }

  @Test
  void gpuAndAutoAreTheFirstGpuWhereOneIsVisible() {
    assumeTrue(gpuVisible(), "no GPU visible (CPU build or no device)");
    assertThat(ComputeDevice.GPU.resolve()).isEqualTo(Device.gpu());
    assertThat(ComputeDevice.AUTO.resolve()).isEqualTo(Device.gpu());
  }

  @Test
  void aModelsParametersLiveOnItsDevice() {
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(ModelConfig.tiny("rayonet")), 1, ComputeDevice.CPU)) {
      assertThat(model.device()).isEqualTo(Device.cpu());
      assertThat(model.network().getParameters()).isNotEmpty();
      for (Pair<String, Parameter> p : model.network().getParameters()) {
        assertThat(p.getValue().getArray().getDevice()).as(p.getKey()).isEqualTo(Device.cpu());
      }
    }
  }
}
