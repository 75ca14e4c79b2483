package dev.rayform.recon.geometry.mc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScalarGridBlurTest {
  @Test
  void aSpikeSpreadsAsTheProductOfThreeOneTwoOneKernelsAndAConstantStays() {
    float[] v = new float[5 * 5 * 5];
    v[(2 * 5 + 2) * 5 + 2] = 64;
    ScalarGrid b = new ScalarGrid(5, 5, 5, v, 0, 0, 0, 1).blurred();
    int[] w = {0, 1, 2, 1, 0};
    for (int z = 0; z < 5; z++) {
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 5; x++) {
          assertThat(b.get(x, y, z)).as(x + "," + y + "," + z).isCloseTo(w[x] * w[y] * w[z], within(1e-5f));
        }
      }
    }
    float[] c = new float[4 * 3 * 2];
    Arrays.fill(c, 0.3f);
    ScalarGrid flat = new ScalarGrid(4, 3, 2, c, 1, 2, 3, 0.5).blurred();
    for (float f : flat.values()) {
      assertThat(f).isCloseTo(0.3f, within(1e-6f));
    }
    assertThat(flat.originZ()).isEqualTo(3);
  }
}
