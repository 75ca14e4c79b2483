package dev.rayform.recon.image;

/**
 * Bounds on accepted images: each side in {@code [minSide, maxSide]}, at most {@code maxPixels}
 * pixels and {@code maxBytes} encoded bytes.
 */
public record ImageLimits(int minSide, int maxSide, long maxPixels, long maxBytes) {
  public static final ImageLimits DEFAULT = new ImageLimits(16, 8192, 40_000_000L, 256L << 20);

  public ImageLimits {
    if (minSide < 1 || maxSide < minSide || maxPixels < (long) minSide * minSide || maxBytes < 1) {
      throw new IllegalArgumentException(
          "inconsistent image limits: sides [" + minSide + ", " + maxSide + "], " + maxPixels + " pixels, " + maxBytes + " bytes");
    }
  }
}
