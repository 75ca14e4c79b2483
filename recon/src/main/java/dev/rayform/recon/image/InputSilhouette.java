package dev.rayform.recon.image;

import java.util.ArrayDeque;

/**
 * The product's silhouette in a network input image (on white, as {@link ImagePreprocessor} makes
 * it): every pixel except the near-white ones connected to the image border through near-white
 * pixels, so a white part inside the product's outline stays product.
 */
public final class InputSilhouette {
  private InputSilhouette() {}

  /** The silhouette of a normalised {@code 3 x size x size} CHW image, row-major. */
  public static boolean[] of(float[] chw, int size) {
    int plane = size * size;
    if (chw.length != 3 * plane) {
      throw new IllegalArgumentException("need a 3x" + size + "x" + size + " image, got " + chw.length + " values");
    }
    boolean[] light = new boolean[plane];
    for (int i = 0; i < plane; i++) {
      int rgb = channel(chw[i], 0) << 16 | channel(chw[plane + i], 1) << 8 | channel(chw[2 * plane + i], 2);
      light[i] = Pixels.distance(rgb, Pixels.WHITE) <= ImagePreprocessor.FOREGROUND_THRESHOLD;
    }
    boolean[] inside = new boolean[plane];
    java.util.Arrays.fill(inside, true);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int i = 0; i < size; i++) {
      for (int edge : new int[] {i, (size - 1) * size + i, i * size, i * size + size - 1}) {
        if (light[edge] && inside[edge]) {
          inside[edge] = false;
          queue.add(edge);
        }
      }
    }
    while (!queue.isEmpty()) {
      int p = queue.poll(), x = p % size, y = p / size;
      int[] next = {x > 0 ? p - 1 : -1, x + 1 < size ? p + 1 : -1, y > 0 ? p - size : -1, y + 1 < size ? p + size : -1};
      for (int q : next) {
        if (q >= 0 && light[q] && inside[q]) {
          inside[q] = false;
          queue.add(q);
        }
      }
    }
    return inside;
  }

  /**
   * The silhouette at the centres of an {@code rays x rays} grid of ray pixels over the image
   * (nearest pixel), row-major like the rays.
   */
  public static boolean[] atRays(boolean[] silhouette, int size, int rays) {
    boolean[] out = new boolean[rays * rays];
    for (int v = 0; v < rays; v++) {
      int y = Math.min(size - 1, (int) ((v + 0.5) * size / rays));
      for (int u = 0; u < rays; u++) {
        int x = Math.min(size - 1, (int) ((u + 0.5) * size / rays));
        out[v * rays + u] = silhouette[y * size + x];
      }
    }
    return out;
  }

  private static int channel(float normalised, int c) {
    return Math.max(0, Math.min(255, Math.round((normalised * ImagePreprocessor.STD[c] + ImagePreprocessor.MEAN[c]) * 255f)));
  }
}
