package dev.rayform.recon.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfTest {

  @Test
  void knownValuesConvertExactly() {
    assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3c00);
    assertThat(Half.fromFloat(-2f)).isEqualTo((short) 0xc000);
    assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);
    assertThat(Half.fromFloat(1e6f)).isEqualTo((short) 0x7c00);
    assertThat(Half.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001);
    assertThat(Half.toFloat((short) 0x3555)).isEqualTo(0.333251953125f);
    assertThat(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN)))).isTrue();
  }

  @Test
  void roundTripIsWithinHalfAnUlp() {
    Random r = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      float f = (float) (r.nextGaussian() * 10);
      float back = Half.toFloat(Half.fromFloat(f));
      assertThat(Math.abs(back - f)).isLessThanOrEqualTo(Math.abs(f) * 0x1p-11f + 0x1p-25f);
      // Every half value survives float and back exactly.
      assertThat(Half.fromFloat(back)).isEqualTo(Half.fromFloat(f));
    }
  }
}
