package dev.rayform.recon.rays;

/**
 * Labels of one view: {@code k} pixel positions {@code p} in [0,1]^2 (x right, y down, as fractions
 * of the image size) and, for each, the occupancy of its {@code m} depth samples, bit-packed ray after
 * ray ({@code bit = ray * m + depthIndex}).
 */
public record RayLabels(int k, int m, float[] pixels, byte[] occupancy) {
  public RayLabels {
    if (pixels.length != 2 * k) {
      throw new IllegalArgumentException("need " + 2 * k + " pixel coordinates, got " + pixels.length);
    }
    if (occupancy.length != BitPacking.packedLength(k * m)) {
      throw new IllegalArgumentException("need " + BitPacking.packedLength(k * m) + " occupancy bytes, got " + occupancy.length);
    }
  }

  public boolean occupied(int ray, int depthIndex) {
    return BitPacking.get(occupancy, ray * m + depthIndex);
  }

  /** The first occupied depth index of ray {@code ray}, or -1 when the ray crosses nothing. */
  public int firstOccupied(int ray) {
    for (int j = 0; j < m; j++) {
      if (occupied(ray, j)) {
        return j;
      }
    }
    return -1;
  }

  /** Fraction of occupied samples. */
  public double occupiedFraction() {
    int n = 0;
    for (int i = 0; i < k * m; i++) {
      if (BitPacking.get(occupancy, i)) {
        n++;
      }
    }
    return (double) n / (k * m);
  }
}
