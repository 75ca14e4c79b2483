package dev.rayform.recon.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.awt.image.BufferedImage;

/**
 * Coverage-guided fuzzing of {@link ImageLoader} (Jazzer): any bytes either decode to an ARGB image
 * within the limits or raise {@link ImageException} with a code; anything else is a finding. Small
 * limits keep each execution cheap (the header checks are the same at any size).
 */
class ImageLoaderFuzzTest {
  private static final ImageLimits LIMITS = new ImageLimits(1, 512, 512 * 512, 1 << 20);
  private static final ImageLoader LOADER = new ImageLoader(LIMITS);

  static {
    javax.imageio.ImageIO.setUseCache(false);
  }

  @FuzzTest(maxDuration = "60s")
  void load(byte[] data) {
    BufferedImage img;
    try {
      img = LOADER.read("fuzz", data);
    } catch (ImageException expected) {
      if (expected.code() == null || expected.code().isEmpty()) {
        throw new AssertionError("ImageException without a code", expected);
      }
      return;
    }
    if (img.getType() != BufferedImage.TYPE_INT_ARGB || img.getWidth() > LIMITS.maxSide() || img.getHeight() > LIMITS.maxSide()) {
      throw new AssertionError("decoded outside the contract: type " + img.getType() + ", " + img.getWidth() + "x" + img.getHeight());
    }
  }
}
