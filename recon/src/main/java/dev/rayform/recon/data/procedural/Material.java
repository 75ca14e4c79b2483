package dev.rayform.recon.data.procedural;

import java.util.SplittableRandom;

/** Kinds of surface a part can have; each draws a plausible linear-RGB colour. */
enum Material {
  WOOD, METAL, FABRIC, PLASTIC, DARK, PAINT, LIGHT;

  float[] draw(SplittableRandom r) {
    return switch (this) {
      case WOOD -> hsv(0.06 + 0.05 * r.nextDouble(), 0.45 + 0.3 * r.nextDouble(), 0.25 + 0.5 * r.nextDouble());
      case METAL -> grey(0.35 + 0.45 * r.nextDouble(), 0.03 * r.nextDouble());
      case FABRIC -> hsv(r.nextDouble(), 0.15 + 0.5 * r.nextDouble(), 0.25 + 0.6 * r.nextDouble());
      case PLASTIC -> hsv(r.nextDouble(), 0.6 * r.nextDouble(), 0.3 + 0.65 * r.nextDouble());
      case DARK -> grey(0.04 + 0.12 * r.nextDouble(), 0.02 * r.nextDouble());
      case PAINT -> hsv(r.nextDouble(), 0.5 + 0.45 * r.nextDouble(), 0.45 + 0.5 * r.nextDouble());
      case LIGHT -> hsv(0.08 + 0.1 * r.nextDouble(), 0.05 + 0.25 * r.nextDouble(), 0.8 + 0.2 * r.nextDouble());
    };
  }

  private static float[] grey(double v, double tint) {
    return toLinear(v, v, v + tint);
  }

  private static float[] hsv(double h, double s, double v) {
    double hh = (h - Math.floor(h)) * 6;
    int i = (int) hh;
    double f = hh - i, p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
    return switch (i) {
      case 0 -> toLinear(v, t, p);
      case 1 -> toLinear(q, v, p);
      case 2 -> toLinear(p, v, t);
      case 3 -> toLinear(p, q, v);
      case 4 -> toLinear(t, p, v);
      default -> toLinear(v, p, q);
    };
  }

  /** sRGB-ish display values to linear RGB (gamma 2.2). */
  private static float[] toLinear(double r, double g, double b) {
    return new float[] {lin(r), lin(g), lin(b)};
  }

  private static float lin(double c) {
    return (float) Math.pow(Math.min(Math.max(c, 0), 1), 2.2);
  }
}
