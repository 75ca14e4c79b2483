package dev.rayform.recon.render;

import dev.rayform.recon.util.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A rendered view: RGB composited on white, the object's own colour where covered (straight, not
 * premultiplied: what PNG's alpha expects), the coverage (alpha) mask in [0,1], and the camera-space
 * depth of the nearest surface per pixel (NaN where nothing was hit, from the centre sample).
 */
public record Rendering(int width, int height, int[] rgb, int[] straight, float[] alpha, float[] depth) {

  /**
   * An image: with {@code withAlpha} the straight colour and the coverage as alpha (composited on
   * white it gives back {@link #rgb()} up to blending in sRGB rather than linear light), else the
   * opaque on-white picture.
   */
  public BufferedImage toImage(boolean withAlpha) {
    BufferedImage img = new BufferedImage(width, height, withAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    int[] argb = new int[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      argb[i] = withAlpha ? Math.round(alpha[i] * 255f) << 24 | (straight[i] & 0xffffff) : 0xff000000 | rgb[i];
    }
    img.setRGB(0, 0, width, height, argb, 0, width);
    return img;
  }

  /** Writes a PNG atomically (a temporary file moved into place). */
  public void writePng(Path path, boolean withAlpha) {
    writePng(toImage(withAlpha), path);
  }

  public static void writePng(BufferedImage image, Path path) {
    AtomicFiles.write(path, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available");
      }
    });
  }

  /** Fraction of pixels with any coverage. */
  public double coverage() {
    int n = 0;
    for (float a : alpha) {
      if (a > 0) {
        n++;
      }
    }
    return (double) n / alpha.length;
  }

  /** True when any pixel on the image border is covered: the object is cut by the frame. */
  public boolean touchesBorder() {
    for (int x = 0; x < width; x++) {
      if (alpha[x] > 0 || alpha[(height - 1) * width + x] > 0) {
        return true;
      }
    }
    for (int y = 0; y < height; y++) {
      if (alpha[y * width] > 0 || alpha[y * width + width - 1] > 0) {
        return true;
      }
    }
    return false;
  }
}
