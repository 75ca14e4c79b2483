package dev.rayform.recon.data.procedural;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.Aabb;
import java.util.PriorityQueue;

/**
 * The tight axis-aligned box of a solid, found by best-first branch and bound on its distance
 * field: for each of the six directions, cells of an octree over the conservative box are visited
 * in order of how far they reach in that direction; a cell whose centre is farther from the solid
 * than its half diagonal is empty and dropped; the first cell of the finest level that may hold
 * solid gives the extent. The result surely contains the solid and overshoots by at most one
 * finest cell (1/1024 of the box) plus the slack of distance bounds.
 */
final class TightBounds {
  private static final int MAX_DEPTH = 10;
  private static final int MAX_VISITS = 2_000_000;

  private TightBounds() {}

  static Aabb of(Sdf sdf) {
    Aabb start = sdf.bounds();
    if (start.isEmpty() || !Double.isFinite(start.longestSide())) {
      throw new ReconException("procedural_unbounded", "shape has no finite conservative bounds: " + start);
    }
    double[] lo = {start.minX(), start.minY(), start.minZ()};
    double[] hi = {start.maxX(), start.maxY(), start.maxZ()};
    double[] out = new double[6];
    for (int axis = 0; axis < 3; axis++) {
      out[axis + 3] = extent(sdf, lo, hi, axis, true);
      out[axis] = extent(sdf, lo, hi, axis, false);
    }
    return new Aabb(out[0], out[1], out[2], out[3], out[4], out[5]);
  }

  private record Cell(double[] lo, double[] hi, int depth, double reach) {}

  private static double extent(Sdf sdf, double[] lo, double[] hi, int axis, boolean positive) {
    PriorityQueue<Cell> queue = new PriorityQueue<>((a, b) -> a.reach != b.reach
        ? Double.compare(b.reach, a.reach) : Integer.compare(b.depth, a.depth));
    queue.add(cell(lo, hi, 0, axis, positive));
    int visits = 0;
    while (!queue.isEmpty()) {
      Cell c = queue.poll();
      double mx = 0.5 * (c.lo[0] + c.hi[0]), my = 0.5 * (c.lo[1] + c.hi[1]), mz = 0.5 * (c.lo[2] + c.hi[2]);
      double sx = c.hi[0] - c.lo[0], sy = c.hi[1] - c.lo[1], sz = c.hi[2] - c.lo[2];
      double halfDiagonal = 0.5 * Math.sqrt(sx * sx + sy * sy + sz * sz);
      if (sdf.distance(mx, my, mz) > halfDiagonal) {
        continue;
      }
      if (c.depth == MAX_DEPTH || ++visits > MAX_VISITS) {
        return positive ? c.reach : -c.reach;
      }
      double[] mid = {mx, my, mz};
      for (int k = 0; k < 8; k++) {
        double[] l = new double[3], h = new double[3];
        for (int a = 0; a < 3; a++) {
          boolean upper = ((k >> a) & 1) == 1;
          l[a] = upper ? mid[a] : c.lo[a];
          h[a] = upper ? c.hi[a] : mid[a];
        }
        queue.add(cell(l, h, c.depth + 1, axis, positive));
      }
    }
    throw new ReconException("procedural_empty", "procedural shape has no solid");
  }

  private static Cell cell(double[] lo, double[] hi, int depth, int axis, boolean positive) {
    return new Cell(lo, hi, depth, positive ? hi[axis] : -lo[axis]);
  }
}
