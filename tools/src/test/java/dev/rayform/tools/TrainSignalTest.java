package dev.rayform.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.launcher.CommandRun.Result;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.training.Checkpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rayform train} in its own process, sent SIGTERM mid-run (as a terminal's Ctrl-C, a service
 * manager or Kubernetes would): it ends the step under way, saves a checkpoint of it and exits with
 * the signal's status, without the libtorch crash of exiting under the training thread; {@code --resume}
 * continues from exactly that step.
 */
class TrainSignalTest {
  @Test
  void sigtermStopsTrainingAtAStepWithACheckpointAndResumeContinues(@TempDir Path dir) throws Exception {
    Path dataset = dir.resolve("ds"), out = dir.resolve("model");
    Result built = CliRun.run("dataset", "build", "--categories", "cabinet,table", "--shapes-per-category", "2", "--views", "1",
        "--image-size", "64", "--rays", "2000", "--depths", "32", "--eval-points", "2000", "--surface-points", "1000",
        "--out", dataset.toString());
    assertThat(built.exit()).as(built.err()).isZero();

    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_interop_threads=1"));
    for (String p : List.of("rayform.home", "rayform.root")) {
      if (System.getProperty(p) != null) {
        cmd.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--dataset", dataset.toString(),
        "--preset", "tiny", "--steps", "100000", "--batch", "2", "--rays", "128", "--validate-every", "0",
        "--checkpoint-every", "100000", "--out", out.toString()));
    Path log = dir.resolve("train.log");
    Process train = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    try {
      Path metrics = out.resolve("metrics.jsonl");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (lines(metrics) < 5 && train.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(lines(metrics)).as("steps before the signal; log:%n%s", Files.readString(log)).isGreaterThanOrEqualTo(5);
      train.destroy(); // SIGTERM
      assertThat(train.waitFor(2, TimeUnit.MINUTES)).as("exited after SIGTERM").isTrue();
    } finally {
      train.destroyForcibly();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(train.exitValue()).as(text).isEqualTo(143);
    assertThat(text).contains("stopped by a signal, --resume continues it").doesNotContain("A fatal error");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("hs_err"));
    }
    long step = lines(out.resolve("metrics.jsonl"));
    assertThat(Checkpoints.latest(out).getFileName()).hasToString(String.format("step-%08d", step));
    assertThat(ModelInfo.read(out).step()).isEqualTo(step);

    Result resumed = CliRun.run("train", "--dataset", dataset.toString(), "--preset", "tiny", "--steps", String.valueOf(step + 2),
        "--batch", "2", "--rays", "128", "--validate-every", "0", "--resume", "--out", out.toString());
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("to step " + (step + 2)).doesNotContain("stopped by a signal");
    assertThat(lines(out.resolve("metrics.jsonl"))).isEqualTo(step + 2);
  }

  private static long lines(Path file) throws java.io.IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (Stream<String> s = Files.lines(file)) {
      return s.filter(l -> l.endsWith("}")).count();
    }
  }
}
