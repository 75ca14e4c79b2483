package dev.rayform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import dev.rayform.core.job.JobType;
import dev.rayform.recon.model.ComputeDevice;
import dev.rayform.workers.jobs.JobHandler;
import dev.rayform.workers.jobs.ModelCache;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --job-types} and {@code --device}: which handlers a worker runs, and bad settings failing before anything starts. */
class WorkerSettingsTest {
  private record Result(int exit, String err) {}

  private static Result serve(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Result(cl.execute(all), err.toString());
  }

  @Test
  void jobTypesAreParsedFromACommaSeparatedList() {
    assertThat(WorkerSettings.parseJobTypes("reconstruct, catalog,train ,evaluate"))
        .containsExactlyInAnyOrder(JobType.RECONSTRUCT, JobType.CATALOG, JobType.TRAIN, JobType.EVALUATE);
    assertThat(WorkerSettings.parseJobTypes("DATASET,")).containsExactly(JobType.DATASET);
    assertThat(WorkerSettings.parseJobTypes(null)).isEqualTo(EnumSet.allOf(JobType.class));
    assertThat(WorkerSettings.parseJobTypes("all")).isEqualTo(EnumSet.allOf(JobType.class));
    assertThatThrownBy(() -> WorkerSettings.parseJobTypes("reconstruct,render"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown job type 'render'").hasMessageContaining("reconstruct, catalog, dataset, train, evaluate");
    assertThatThrownBy(() -> WorkerSettings.parseJobTypes(" , ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWorkerRunsTheHandlersOfItsTypesOnly() {
    try (ModelCache models = new ModelCache(1, ComputeDevice.CPU)) {
      var gpuGroup = Platform.handlers(new WorkerSettings(
          Set.of(JobType.RECONSTRUCT, JobType.CATALOG, JobType.TRAIN, JobType.EVALUATE), ComputeDevice.CPU), models);
      assertThat(gpuGroup).extracting(JobHandler::type)
          .containsExactlyInAnyOrder(JobType.RECONSTRUCT, JobType.CATALOG, JobType.TRAIN, JobType.EVALUATE);
      var cpuGroup = Platform.handlers(new WorkerSettings(Set.of(JobType.DATASET), ComputeDevice.CPU), models);
      assertThat(cpuGroup).extracting(JobHandler::type).containsExactly(JobType.DATASET);
      assertThat(Platform.handlers(WorkerSettings.defaults(), models)).extracting(JobHandler::type)
          .containsExactlyInAnyOrder(JobType.values());
    }
  }

  @Test
  void badSettingsFailBeforeAnythingStarts(@TempDir Path dir) {
    Path data = dir.resolve("data");
    Result types = serve("--job-types", "render", "--data-dir", data.toString());
    assertThat(types.exit()).isEqualTo(2);
    assertThat(types.err()).contains("error[invalid_argument]: unknown job type 'render'");
    Result device = serve("--device", "tpu", "--data-dir", data.toString());
    assertThat(device.exit()).isEqualTo(2);
    assertThat(device.err()).contains("error[invalid_device]");
    assertThat(Files.exists(data)).isFalse();
  }

  @Test
  void aGpuWorkerWithoutAGpuStopsAtOnceWithAStableCode(@TempDir Path dir) {
    assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible");
    Path data = dir.resolve("data");
    Result r = serve("--role", "worker", "--device", "gpu", "--data-dir", data.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("error[gpu_unavailable]").contains("no CUDA GPU");
    assertThat(Files.exists(data)).as("nothing started").isFalse();
  }
}
