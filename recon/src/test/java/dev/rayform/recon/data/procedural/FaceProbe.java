package dev.rayform.recon.data.procedural;

import dev.rayform.recon.geometry.Aabb;

/** Test helper: how far the solid reaches towards each face of a box, by sphere tracing a ray grid. */
final class FaceProbe {
  private FaceProbe() {}

  /**
   * {minX, minY, minZ, maxX, maxY, maxZ} reached by the solid, from an n x n ray grid per face;
   * a ray stops where it comes within {@code hit} of the surface.
   */
  static double[] reach(Sdf sdf, Aabb box, int n, double hit) {
    double[] lo = {box.minX(), box.minY(), box.minZ()}, hi = {box.maxX(), box.maxY(), box.maxZ()};
    double[] out = new double[6];
    for (int axis = 0; axis < 3; axis++) {
      int u = (axis + 1) % 3, v = (axis + 2) % 3;
      for (int side = 0; side < 2; side++) {
        double best = side == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        double dir = side == 0 ? 1 : -1;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            double[] p = new double[3];
            p[u] = lo[u] + (hi[u] - lo[u]) * (i + 0.5) / n;
            p[v] = lo[v] + (hi[v] - lo[v]) * (j + 0.5) / n;
            p[axis] = side == 0 ? lo[axis] - 0.05 : hi[axis] + 0.05;
            double end = side == 0 ? hi[axis] : lo[axis];
            for (int step = 0; step < 400; step++) {
              double d = sdf.distance(p[0], p[1], p[2]);
              if (d < hit) {
                best = side == 0 ? Math.min(best, p[axis]) : Math.max(best, p[axis]);
                break;
              }
              p[axis] += dir * Math.max(d, hit * 0.5);
              if (side == 0 ? p[axis] > end : p[axis] < end) {
                break;
              }
            }
          }
        }
        out[axis + 3 * side] = best;
      }
    }
    return out;
  }
}
