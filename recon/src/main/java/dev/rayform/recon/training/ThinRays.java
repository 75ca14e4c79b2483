package dev.rayform.recon.training;

/**
 * Per-ray loss weights that favour thin parts. A ray's loss is summed over its M depths, so a ray
 * through a cabinet (dozens of occupied samples) already outweighs a ray through a chair leg (two or
 * three), whose few positives are what the network drops first. A ray with {@code n} occupied samples
 * weighs {@code clamp(M / 8 / n, 1, max)}: a ray over an eighth of its depths or more, or empty, weighs
 * 1; a ray crossing the object over fewer samples weighs more, up to {@code max}.
 */
public final class ThinRays {
  /** The largest weight accepted; beyond it a few rays would dominate a batch. */
  public static final int MAX_WEIGHT = 16;

  private ThinRays() {}

  /** Refuses a largest weight outside [1, {@link #MAX_WEIGHT}]. */
  static void requireWeight(double max) {
    if (!(max >= 1 && max <= MAX_WEIGHT)) {
      throw new IllegalArgumentException("the thin-ray weight must be in [1, " + MAX_WEIGHT + "], got " + max);
    }
  }

  /**
   * The weight of each of the {@code labels.length / m} rays whose {@code m} occupancy labels (0 or
   * 1) follow each other in {@code labels}; null when {@code max} is 1 (no weighting).
   */
  public static float[] weights(float[] labels, int m, double max) {
    if (m < 1 || labels.length % m != 0) {
      throw new IllegalArgumentException(labels.length + " labels are not whole rays of " + m);
    }
    requireWeight(max);
    if (max == 1) {
      return null;
    }
    double reference = m / 8.0;
    float[] out = new float[labels.length / m];
    for (int r = 0; r < out.length; r++) {
      int occupied = 0;
      for (int j = r * m, end = j + m; j < end; j++) {
        occupied += labels[j] > 0.5f ? 1 : 0;
      }
      out[r] = occupied == 0 ? 1f : (float) Math.min(max, Math.max(1, reference / occupied));
    }
    return out;
  }
}
