package dev.rayform.recon.eval;

import dev.rayform.recon.geometry.Aabb;

/**
 * Settings of {@link MeshMetrics}; {@link #defaults()} is ONet's protocol: 100,000 IoU points in
 * [-0.55, 0.55]^3, 100,000 surface samples per mesh, F-score at tau = 0.01, a fixed seed.
 */
public record MetricsOptions(int iouPoints, int surfacePoints, long seed, double fscoreTau, Aabb iouBox) {
  public static final long DEFAULT_SEED = 20_240_517L;

  public MetricsOptions {
    if (iouPoints <= 0 || surfacePoints <= 0) {
      throw new IllegalArgumentException("point counts must be positive, got " + iouPoints + " and " + surfacePoints);
    }
    if (!(fscoreTau > 0) || !Double.isFinite(fscoreTau)) {
      throw new IllegalArgumentException("F-score tau must be positive and finite, got " + fscoreTau);
    }
    if (iouBox == null || iouBox.isEmpty()) {
      throw new IllegalArgumentException("IoU box must be non-empty, got " + iouBox);
    }
  }

  public static MetricsOptions defaults() {
    return new MetricsOptions(100_000, 100_000, DEFAULT_SEED, 0.01, Aabb.cube(0.55));
  }

  public MetricsOptions withIouPoints(int n) {
    return new MetricsOptions(n, surfacePoints, seed, fscoreTau, iouBox);
  }

  public MetricsOptions withSurfacePoints(int n) {
    return new MetricsOptions(iouPoints, n, seed, fscoreTau, iouBox);
  }

  public MetricsOptions withSeed(long s) {
    return new MetricsOptions(iouPoints, surfacePoints, s, fscoreTau, iouBox);
  }

  public MetricsOptions withFscoreTau(double tau) {
    return new MetricsOptions(iouPoints, surfacePoints, seed, tau, iouBox);
  }

  public MetricsOptions withIouBox(Aabb box) {
    return new MetricsOptions(iouPoints, surfacePoints, seed, fscoreTau, box);
  }

  /** Diagonal of the IoU box: the distance reported for an empty prediction (sqrt(3) * 1.1 by default). */
  public double worstDistance() {
    return Math.sqrt(iouBox.sizeX() * iouBox.sizeX() + iouBox.sizeY() * iouBox.sizeY() + iouBox.sizeZ() * iouBox.sizeZ());
  }
}
