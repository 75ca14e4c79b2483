package dev.rayform.recon.geometry;

/** An axis-aligned box; {@link #isEmpty()} when built from no points. */
public record Aabb(double minX, double minY, double minZ, double maxX, double maxY, double maxZ) {

  public static Aabb of(float[] packedXyz) {
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < packedXyz.length; i++) {
      int a = i % 3;
      lo[a] = Math.min(lo[a], packedXyz[i]);
      hi[a] = Math.max(hi[a], packedXyz[i]);
    }
    return new Aabb(lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]);
  }

  public static Aabb cube(double halfSide) {
    return new Aabb(-halfSide, -halfSide, -halfSide, halfSide, halfSide, halfSide);
  }

  public boolean isEmpty() {
    return !(maxX >= minX && maxY >= minY && maxZ >= minZ);
  }

  public double sizeX() {
    return maxX - minX;
  }

  public double sizeY() {
    return maxY - minY;
  }

  public double sizeZ() {
    return maxZ - minZ;
  }

  public double longestSide() {
    return Math.max(sizeX(), Math.max(sizeY(), sizeZ()));
  }

  public double centerX() {
    return 0.5 * (minX + maxX);
  }

  public double centerY() {
    return 0.5 * (minY + maxY);
  }

  public double centerZ() {
    return 0.5 * (minZ + maxZ);
  }

  public boolean contains(double x, double y, double z) {
    return x >= minX && x <= maxX && y >= minY && y <= maxY && z >= minZ && z <= maxZ;
  }

  /** {@code count} points uniform in the box, packed x,y,z, from a seeded generator. */
  public float[] uniformPoints(int count, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[] p = new float[3 * count];
    for (int i = 0; i < count; i++) {
      p[3 * i] = (float) (minX + random.nextDouble() * sizeX());
      p[3 * i + 1] = (float) (minY + random.nextDouble() * sizeY());
      p[3 * i + 2] = (float) (minZ + random.nextDouble() * sizeZ());
    }
    return p;
  }

  public Aabb padded(double pad) {
    return new Aabb(minX - pad, minY - pad, minZ - pad, maxX + pad, maxY + pad, maxZ + pad);
  }
}
