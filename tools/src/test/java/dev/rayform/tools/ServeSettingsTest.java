package dev.rayform.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import dev.rayform.launcher.CommandRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --job-types} and {@code --device} with the workers on the classpath: bad settings fail before anything starts. */
class ServeSettingsTest {

  @Test
  void badSettingsFailBeforeAnythingStarts(@TempDir Path dir) {
    Path data = dir.resolve("data");
    Result types = CliRun.run("serve", "--job-types", "render", "--data-dir", data.toString());
    assertThat(types.exit()).isEqualTo(2);
    assertThat(types.err()).contains("error[invalid_argument]: unknown job type 'render'");
    Result device = CliRun.run("serve", "--device", "tpu", "--data-dir", data.toString());
    assertThat(device.exit()).isEqualTo(2);
    assertThat(device.err()).contains("error[invalid_device]");
    assertThat(Files.exists(data)).isFalse();
  }

  @Test
  void aGpuWorkerWithoutAGpuStopsAtOnceWithAStableCode(@TempDir Path dir) {
    assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    Path data = dir.resolve("data");
    Result r = CliRun.run("serve", "--role", "worker", "--device", "gpu", "--data-dir", data.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error[gpu_unavailable]").contains("no CUDA GPU");
    assertThat(Files.exists(data)).as("nothing started").isFalse();
  }
}
