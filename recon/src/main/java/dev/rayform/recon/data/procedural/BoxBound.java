package dev.rayform.recon.data.procedural;

import dev.rayform.recon.geometry.Aabb;

/** Squared distance from a point to an axis-aligned box, used for early-outs (zero inside). */
final class BoxBound {
  private BoxBound() {}

  /** Packs a box as {minX, minY, minZ, maxX, maxY, maxZ} starting at {@code off}. */
  static void pack(Aabb box, double[] into, int off) {
    into[off] = box.minX();
    into[off + 1] = box.minY();
    into[off + 2] = box.minZ();
    into[off + 3] = box.maxX();
    into[off + 4] = box.maxY();
    into[off + 5] = box.maxZ();
  }

  static double squaredDistance(double[] b, int off, double x, double y, double z) {
    double dx = Math.max(Math.max(b[off] - x, x - b[off + 3]), 0);
    double dy = Math.max(Math.max(b[off + 1] - y, y - b[off + 4]), 0);
    double dz = Math.max(Math.max(b[off + 2] - z, z - b[off + 5]), 0);
    return dx * dx + dy * dy + dz * dz;
  }

  static boolean outside(double[] b, int off, double x, double y, double z) {
    return x < b[off] || y < b[off + 1] || z < b[off + 2] || x > b[off + 3] || y > b[off + 4] || z > b[off + 5];
  }
}
