package dev.rayform.recon.rays;

/**
 * Ray-ONet's sampling along a ray: {@code m} camera-space depths equally spaced in
 * {@code [dmin, dmax]}, both ends included. Defaults (128, 0.63, 2.16) are the paper's.
 */
public record DepthSampling(int m, double dmin, double dmax) {
  public static final DepthSampling PAPER = new DepthSampling(128, 0.63, 2.16);

  public DepthSampling {
    if (m < 2) {
      throw new IllegalArgumentException("need at least 2 depths per ray, got " + m);
    }
    if (!(dmin > 0) || !(dmax > dmin)) {
      throw new IllegalArgumentException("need 0 < dmin < dmax, got [" + dmin + ", " + dmax + "]");
    }
  }

  public double depth(int i) {
    return dmin + (dmax - dmin) * i / (m - 1);
  }

  public double step() {
    return (dmax - dmin) / (m - 1);
  }

  /** All depths, nearest first. */
  public double[] depths() {
    double[] d = new double[m];
    for (int i = 0; i < m; i++) {
      d[i] = depth(i);
    }
    return d;
  }
}
