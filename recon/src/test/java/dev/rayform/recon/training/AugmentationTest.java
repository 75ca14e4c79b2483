package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.image.ImagePreprocessor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  private static final int SIZE = 8;

  /** White except a coloured diagonal band; pixel (x, y) of channel c is byte 3 (y SIZE + x) + c. */
  private static byte[] image() {
    byte[] rgb = new byte[3 * SIZE * SIZE];
    java.util.Arrays.fill(rgb, (byte) 255);
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        if (x >= y && x < y + 3) {
          int o = 3 * (y * SIZE + x);
          rgb[o] = (byte) (40 + 20 * x);
          rgb[o + 1] = (byte) (200 - 10 * y);
          rgb[o + 2] = (byte) 90;
        }
      }
    }
    return rgb;
  }

  private static float[] apply(Augmentation a) {
    float[] out = new float[3 * SIZE * SIZE + 5];
    a.apply(image(), SIZE, out, 5);
    return out;
  }

  @Test
  void withoutAugmentationTheInputIsTheNormalisedImage() {
    float[] out = apply(Augmentation.NONE);
    byte[] rgb = image();
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < SIZE * SIZE; i++) {
        assertThat(out[5 + c * SIZE * SIZE + i]).isEqualTo(ImagePreprocessor.normalise((rgb[3 * i + c] & 0xff) / 255f, c));
      }
    }
    assertThat(Augmentation.NONE.x(0.3f)).isEqualTo(0.3f);
  }

  @Test
  void theFlipMirrorsColumnsAndPositions() {
    Augmentation flip = new Augmentation(true, 0, 1, 1, 1);
    float[] plain = apply(Augmentation.NONE), flipped = apply(flip);
    int plane = SIZE * SIZE;
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          assertThat(flipped[5 + c * plane + y * SIZE + x]).isEqualTo(plain[5 + c * plane + y * SIZE + SIZE - 1 - x]);
        }
      }
    }
    // The centre of pixel x lies at (x + 0.5) / SIZE; its mirror pixel SIZE - 1 - x at 1 minus that.
    for (int x = 0; x < SIZE; x++) {
      assertThat((double) flip.x((x + 0.5f) / SIZE)).isCloseTo((SIZE - 1 - x + 0.5) / SIZE, within(1e-6));
    }
  }

  @Test
  void colourJitterChangesTheObjectAndKeepsTheBackgroundWhite() {
    SplittableRandom random = new SplittableRandom(3);
    float[] plain = apply(Augmentation.NONE);
    int changed = 0;
    for (int trial = 0; trial < 20; trial++) {
      Augmentation a = Augmentation.draw(random);
      assertThat(a.saturation()).isBetween(0.6, 1.4);
      assertThat(a.contrast()).isBetween(0.75, 1.25);
      assertThat(a.gamma()).isBetween(0.7, 1.42);
      assertThat(Math.abs(a.hue())).isLessThanOrEqualTo(0.1);
      float[] out = apply(new Augmentation(false, a.hue(), a.saturation(), a.contrast(), a.gamma()));
      for (int i = 0; i < SIZE * SIZE; i++) {
        boolean white = plain[5 + i] == ImagePreprocessor.normalise(1f, 0) && plain[5 + SIZE * SIZE + i] == ImagePreprocessor.normalise(1f, 1);
        for (int c = 0; c < 3; c++) {
          float v = out[5 + c * SIZE * SIZE + i];
          if (white) {
            assertThat(v).isCloseTo(ImagePreprocessor.normalise(1f, c), within(1e-4f));
          } else if (Math.abs(v - plain[5 + c * SIZE * SIZE + i]) > 0.02f) {
            changed++;
          }
        }
      }
    }
    assertThat(changed).isGreaterThan(20 * 10);
  }

  @Test
  void theHueRotationIsARotationAboutTheGreyAxis() {
    double[] r = Augmentation.hueRotation(0.7);
    // Grey stays grey; lengths are kept; a third of a turn cycles the primaries.
    assertThat(r[0] + r[1] + r[2]).isCloseTo(1, within(1e-12));
    assertThat(r[3] + r[4] + r[5]).isCloseTo(1, within(1e-12));
    assertThat(r[0] * r[0] + r[3] * r[3] + r[6] * r[6]).isCloseTo(1, within(1e-12));
    double[] third = Augmentation.hueRotation(2 * Math.PI / 3);
    assertThat(third[3]).isCloseTo(1, within(1e-12)); // red goes to green
  }
}
