package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.testing.TinyDatasets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The camera elevation as an input: batches carry it, training hides a share of it, and learning reaches it. */
class ElevationInputTest {
  @TempDir
  static Path tmp;
  static Path dataset;
  static final ModelConfig CONFIG = ModelConfig.tiny("rayonet").withElevation(true);

  @BeforeAll
  static void buildDataset() {
    dataset = TinyDatasets.procedural(tmp.resolve("ds"), List.of("sofa", "lamp"), 2);
  }

  @Test
  void batchesCarryEachViewsElevationAndTrainingHidesTheAskedShare() {
    TrainingData data = new TrainingData(dataset, CONFIG, "train");
    TrainingData.Batch batch = data.batch(3, 1, 64, 8);
    for (float e : batch.elevations()) {
      assertThat(e).isBetween(20f, 40f);
    }
    float[] shown = batch.elevations().clone();
    Trainer.hideElevations(batch, 3, 1, 0);
    assertThat(batch.elevations()).containsExactly(shown);
    Trainer.hideElevations(batch, 3, 1, 0.5);
    int hidden = 0;
    for (int i = 0; i < shown.length; i++) {
      if (Float.isNaN(batch.elevations()[i])) {
        hidden++;
      } else {
        assertThat(batch.elevations()[i]).isEqualTo(shown[i]);
      }
    }
    assertThat(hidden).as("about half of 64, drawn per step").isBetween(20, 44);
    TrainingData.Batch again = data.batch(3, 1, 64, 8);
    Trainer.hideElevations(again, 3, 1, 0.5);
    assertThat(again.elevations()).as("the same seed and step hide the same items").containsExactly(batch.elevations());
    assertThat(again.positions()).as("hiding draws nothing from the batch's own generator").containsExactly(batch.positions());
    Trainer.hideElevations(again, 3, 1, 1);
    for (float e : again.elevations()) {
      assertThat(e).isNaN();
    }
    assertThatThrownBy(() -> TrainOptions.builder().setSteps(1).optHiddenElevations(1.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden camera elevations");
  }

  @Test
  void theElevationsColumnsLearnWhenShownAndStayZeroWhenAlwaysHidden() {
    TrainOptions.Builder b = TrainOptions.builder().setSteps(4).optBatch(2).optRays(128).optLr(1e-3).optCheckpointEvery(4).optSeed(5);
    new Trainer(CONFIG, dataset, tmp.resolve("shown"), b.optHiddenElevations(0).build(), Progress.NONE).run();
    new Trainer(CONFIG, dataset, tmp.resolve("hidden"), b.optHiddenElevations(1).build(), Progress.NONE).run();
    assertThat(elevationWeights(tmp.resolve("shown"))).as("D's CBN layers learnt to read the elevation").isGreaterThan(1e-4);
    assertThat(elevationWeights(tmp.resolve("hidden"))).as("zero-initialised, and never shown a non-zero input").isZero();
  }

  /** The summed magnitude of every CBN weight on the elevation's two columns (the condition's last). */
  private static double elevationWeights(Path model) {
    try (TrainedModel m = TrainedModel.load(model)) {
      int cond = m.config().conditionDim();
      double sum = 0;
      for (Pair<String, Parameter> p : m.network().getParameters()) {
        String name = p.getKey();
        if (name.contains("decoder") && (name.endsWith("gamma_weight") || name.endsWith("beta_weight"))) {
          float[] w = p.getValue().getArray().toFloatArray();
          for (int o = 0; o < w.length / cond; o++) {
            sum += Math.abs(w[o * cond + cond - 2]) + Math.abs(w[o * cond + cond - 1]);
          }
        }
      }
      return sum;
    }
  }
}
