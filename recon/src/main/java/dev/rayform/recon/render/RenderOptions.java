package dev.rayform.recon.render;

/**
 * Shading and quality settings. {@code supersampling} is the per-axis sample count of the
 * anti-aliasing (3 means 9 samples per pixel); {@code lightDirection} points from the surface
 * towards the light, in camera coordinates (x right, y down, z forward).
 */
public record RenderOptions(int supersampling, double ambient, double diffuse, double[] lightDirection, float[] defaultColor) {
  public static final RenderOptions DEFAULT =
      new RenderOptions(3, 0.35, 0.65, new double[] {-0.35, -0.6, -1.0}, new float[] {0.72f, 0.72f, 0.75f});
  /** No shading: every surface shows its own colour, as a texture taken from a photo does. */
  public static final RenderOptions UNLIT =
      new RenderOptions(3, 1.0, 0.0, new double[] {0, 0, -1}, new float[] {0.72f, 0.72f, 0.75f});

  public RenderOptions {
    if (supersampling < 1 || supersampling > 8) {
      throw new IllegalArgumentException("supersampling must be in 1..8, got " + supersampling);
    }
    double n = Math.sqrt(lightDirection[0] * lightDirection[0] + lightDirection[1] * lightDirection[1]
        + lightDirection[2] * lightDirection[2]);
    lightDirection = new double[] {lightDirection[0] / n, lightDirection[1] / n, lightDirection[2] / n};
  }

  public RenderOptions withSupersampling(int s) {
    return new RenderOptions(s, ambient, diffuse, lightDirection, defaultColor);
  }
}
