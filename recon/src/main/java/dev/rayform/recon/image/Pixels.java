package dev.rayform.recon.image;

import java.awt.image.BufferedImage;

/** Packed-int pixel helpers for the preprocessing steps. */
final class Pixels {
  static final int WHITE = 0xffffff;

  private Pixels() {}

  static int[] argb(BufferedImage image) {
    int w = image.getWidth(), h = image.getHeight();
    return image.getRGB(0, 0, w, h, null, 0, w);
  }

  static boolean hasTransparency(int[] argb) {
    for (int p : argb) {
      if (p >>> 24 != 0xff) {
        return true;
      }
    }
    return false;
  }

  /** Straight-alpha compositing over white, in 8-bit sRGB; the result is opaque RGB. */
  static int[] compositeOnWhite(int[] argb) {
    int[] rgb = new int[argb.length];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      int a = p >>> 24;
      if (a == 0xff) {
        rgb[i] = p & WHITE;
      } else {
        rgb[i] = blend(p >> 16 & 0xff, a) << 16 | blend(p >> 8 & 0xff, a) << 8 | blend(p & 0xff, a);
      }
    }
    return rgb;
  }

  static int[] opaque(int[] argb) {
    int[] rgb = new int[argb.length];
    for (int i = 0; i < argb.length; i++) {
      rgb[i] = argb[i] & WHITE;
    }
    return rgb;
  }

  private static int blend(int c, int a) {
    return (c * a + 255 * (255 - a) + 127) / 255;
  }

  /** The largest per-channel difference between two RGB colours. */
  static int distance(int a, int b) {
    int dr = Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff));
    int dg = Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff));
    int db = Math.abs((a & 0xff) - (b & 0xff));
    return Math.max(dr, Math.max(dg, db));
  }

  /** Rec. 601 luma in [0, 255]. */
  static double luma(int rgb) {
    return 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
  }
}
