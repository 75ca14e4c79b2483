package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Thin-part weights: exact on hand-made rays of known occupied counts. */
class ThinRaysTest {

  /** Rays of {@code m} samples, ray r with its first {@code counts[r]} samples occupied. */
  private static float[] rays(int m, int... counts) {
    float[] labels = new float[m * counts.length];
    for (int r = 0; r < counts.length; r++) {
      for (int j = 0; j < counts[r]; j++) {
        labels[r * m + j] = 1;
      }
    }
    return labels;
  }

  @Test
  void raysThroughFewOccupiedSamplesWeighMoreUpToTheCap() {
    // M = 64: the reference is 8 occupied samples. Empty and thick rays weigh 1; thinner ones 8/n, capped at 4.
    float[] w = ThinRays.weights(rays(64, 0, 1, 2, 3, 8, 40, 64), 64, 4);
    assertThat(w).containsExactly(new float[] {1, 4, 4, 8f / 3, 1, 1, 1}, Offset.offset(1e-6f));
    // With a higher cap the thinnest ray gets its full 8.
    assertThat(ThinRays.weights(rays(64, 1, 4), 64, 16)).containsExactly(new float[] {8, 2}, Offset.offset(1e-6f));
    // Labels are read as occupied above one half, whatever order the samples come in.
    float[] scattered = new float[16];
    scattered[3] = 1;
    scattered[9] = 0.4f;
    assertThat(ThinRays.weights(scattered, 16, 4)).containsExactly(2f);
  }

  @Test
  void aWeightOfOneIsNoWeightingAndBadArgumentsAreRefused() {
    assertThat(ThinRays.weights(rays(8, 1, 2), 8, 1)).isNull();
    assertThatThrownBy(() -> ThinRays.weights(new float[10], 4, 2)).hasMessageContaining("whole rays");
    assertThatThrownBy(() -> ThinRays.weights(new float[8], 4, 0.5)).hasMessageContaining("[1, 16]");
    assertThatThrownBy(() -> ThinRays.weights(new float[8], 4, Double.NaN)).hasMessageContaining("[1, 16]");
    assertThatThrownBy(() -> TrainOptions.cpu(10).toBuilder().optThinRayWeight(20).build()).hasMessageContaining("thin-ray weight");
  }
}
