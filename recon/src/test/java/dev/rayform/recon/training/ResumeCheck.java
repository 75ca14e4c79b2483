package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.progress.Progress;
import java.nio.file.Path;

/** Exact resume, the check every kind of run shares. */
final class ResumeCheck {
  private ResumeCheck() {}

  /**
   * Trains {@code options} straight into {@code dir/straight}, and into {@code dir/split} in two
   * halves (the second a {@code --resume} from the first's checkpoint); asserts that the resumed
   * half's losses equal the straight run's. Returns the split run's folder.
   */
  static Path assertResumesExactly(ModelConfig config, Path dataset, Path dir, TrainOptions options) {
    int half = options.steps() / 2;
    Trainer.Summary straight = new Trainer(config, dataset, dir.resolve("straight"), options, Progress.NONE).run();
    Path split = dir.resolve("split");
    new Trainer(config, dataset, split, options, Progress.NONE).runUntil(half);
    Trainer.Summary resumed = new Trainer(config, dataset, split, options.toBuilder().optResume(true).build(), Progress.NONE).run();
    assertThat(resumed.losses()).hasSize(options.steps() - half);
    for (int i = 0; i < resumed.losses().size(); i++) {
      double expected = straight.losses().get(half + i);
      assertThat(resumed.losses().get(i)).as("loss of step %d", half + i + 1).isCloseTo(expected, within(1e-4 * Math.abs(expected) + 1e-6));
    }
    return split;
  }
}
