package dev.rayform.recon.geometry.inside;

import java.util.Arrays;

/**
 * Signed ray-crossing counts along one coordinate axis, both ways. Triangles are projected onto the
 * plane orthogonal to the axis and bucketed in a uniform 2D grid, so a ray from a query point only
 * meets the few triangles of its grid cell.
 *
 * <p>A crossing counts +1 where the ray leaves through the outward side of a triangle and -1 where
 * it enters, so the total is the winding number of a closed surface along that ray. Points on a
 * shared edge or vertex are decided by a top-left rule on edge functions that are computed
 * identically (canonical endpoint order) by both neighbours: a ray through a shared edge counts
 * exactly once, also when the neighbours are separate, unwelded components.
 */
final class AxisRayGrid {
  private static final int EDGE_AB = 0, EDGE_BC = 1, EDGE_CA = 2;
  private static final int TOP_LEFT = 1, SWAPPED = 8, NEGATIVE = 64;
  private static final int MAX_CELLS_PER_SIDE = 2048;

  private final int w, u, v;
  private final double u0, v0, invU, invV;
  private final int nu, nv;
  private final int[] cellStart;
  /** Per cell, from cellStart[c] to cellStart[c + 1]: the triangles whose projected bounds meet it. */
  private final int[] entries;
  /** Per triangle: its vertices as (u, v, w), counter-clockwise in (u, v); and its flags. */
  private final float[] data;
  private final byte[] flags;

  /**
   * @param axis the ray axis (0 x, 1 y, 2 z)
   * @param cellsPerTriangle grid cells per triangle; more cells mean fewer candidates per ray
   */
  AxisRayGrid(TriangleSet triangles, int axis, double cellsPerTriangle) {
    this.w = axis;
    this.u = (axis + 1) % 3;
    this.v = (axis + 2) % 3;
    int n = triangles.count;
    double minU = Double.MAX_VALUE, minV = Double.MAX_VALUE, maxU = -Double.MAX_VALUE, maxV = -Double.MAX_VALUE;
    double extentSum = 0;
    for (int i = 0; i < n; i++) {
      double lu = Double.MAX_VALUE, lv = Double.MAX_VALUE, hu = -Double.MAX_VALUE, hv = -Double.MAX_VALUE;
      for (int k = 0; k < 3; k++) {
        lu = Math.min(lu, triangles.coord(i, k, u));
        hu = Math.max(hu, triangles.coord(i, k, u));
        lv = Math.min(lv, triangles.coord(i, k, v));
        hv = Math.max(hv, triangles.coord(i, k, v));
      }
      extentSum += Math.max(hu - lu, hv - lv);
      minU = Math.min(minU, lu);
      maxU = Math.max(maxU, hu);
      minV = Math.min(minV, lv);
      maxV = Math.max(maxV, hv);
    }
    if (n == 0) {
      minU = minV = maxU = maxV = 0;
    }
    double width = maxU - minU, height = maxV - minV;
    double cell = Math.sqrt(Math.max(width * height, 1e-30) / Math.max(1, n * cellsPerTriangle));
    if (width * height == 0) {
      cell = Math.max(width, height) / Math.max(1, n * cellsPerTriangle);
    }
    // Cells no smaller than the mean triangle: where many layers of triangles overlap in projection
    // (noise, dense clutter) the area rule alone would put each triangle in hundreds of cells
    // (a billion entries for a million triangles); this keeps entries near a few per triangle.
    cell = Math.max(cell, extentSum / Math.max(1, n));
    nu = cell > 0 ? (int) Math.min(MAX_CELLS_PER_SIDE, Math.max(1, Math.ceil(width / cell))) : 1;
    nv = cell > 0 ? (int) Math.min(MAX_CELLS_PER_SIDE, Math.max(1, Math.ceil(height / cell))) : 1;
    u0 = minU;
    v0 = minV;
    invU = width > 0 ? nu / width : 0;
    invV = height > 0 ? nv / height : 0;

    // Memory: 37 bytes a triangle and 4 an entry (a noisy prediction can have millions of both).
    data = new float[9 * n];
    flags = new byte[n];
    boolean[] keep = new boolean[n];
    cellStart = new int[nu * nv + 1];
    for (int i = 0; i < n; i++) {
      keep[i] = project(triangles, i, data, flags);
      if (keep[i]) {
        forEachCell(data, i, c -> cellStart[c + 1]++);
      }
    }
    for (int c = 0; c < nu * nv; c++) {
      cellStart[c + 1] += cellStart[c];
    }
    int[] fill = Arrays.copyOf(cellStart, nu * nv);
    entries = new int[cellStart[nu * nv]];
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        int tri = i;
        forEachCell(data, i, c -> entries[fill[c]++] = tri);
      }
    }
  }

  /** Number of stored (cell, triangle) entries, for sizing reports. */
  int entries() {
    return entries.length;
  }

  /**
   * Signed crossings of the rays from (x, y, z) towards +axis (high 32 bits) and -axis (low 32 bits).
   */
  long crossings(double x, double y, double z) {
    double pu = pick(u, x, y, z), pv = pick(v, x, y, z), pw = pick(w, x, y, z);
    double fu = (pu - u0) * invU, fv = (pv - v0) * invV;
    if (!(fu >= 0 && fv >= 0 && fu <= nu && fv <= nv)) {
      return 0;
    }
    int cell = Math.min(nu - 1, (int) fu) * nv + Math.min(nv - 1, (int) fv);
    int up = 0, down = 0;
    for (int e = cellStart[cell], end = cellStart[cell + 1]; e < end; e++) {
      int tri = entries[e];
      int o = 9 * tri;
      int f = flags[tri];
      double au = data[o], av = data[o + 1], bu = data[o + 3], bv = data[o + 4], cu = data[o + 6], cv = data[o + 7];
      double eab = edge(au, av, bu, bv, pu, pv, f >> EDGE_AB);
      if (eab < 0 || (eab == 0 && ((f >> EDGE_AB) & TOP_LEFT) == 0)) {
        continue;
      }
      double ebc = edge(bu, bv, cu, cv, pu, pv, f >> EDGE_BC);
      if (ebc < 0 || (ebc == 0 && ((f >> EDGE_BC) & TOP_LEFT) == 0)) {
        continue;
      }
      double eca = edge(cu, cv, au, av, pu, pv, f >> EDGE_CA);
      if (eca < 0 || (eca == 0 && ((f >> EDGE_CA) & TOP_LEFT) == 0)) {
        continue;
      }
      double hit = (ebc * data[o + 2] + eca * data[o + 5] + eab * data[o + 8]) / (eab + ebc + eca);
      int sign = (f & NEGATIVE) != 0 ? -1 : 1;
      if (hit >= pw) {
        up += sign;
      } else {
        down -= sign;
      }
    }
    return ((long) up << 32) | (down & 0xffffffffL);
  }

  /**
   * Edge function of p against edge a->b (positive on its left), evaluated from the
   * lexicographically smaller endpoint so both triangles sharing the edge get the exact negation.
   */
  private static double edge(double au, double av, double bu, double bv, double pu, double pv, int edgeFlags) {
    if ((edgeFlags & SWAPPED) == 0) {
      return (bu - au) * (pv - av) - (bv - av) * (pu - au);
    }
    return -((au - bu) * (pv - bv) - (av - bv) * (pu - bu));
  }

  /** Writes triangle i projected and counter-clockwise; false when its projection has no area. */
  private boolean project(TriangleSet t, int i, float[] out, byte[] triFlags) {
    float[] p = new float[9];
    for (int k = 0; k < 3; k++) {
      p[3 * k] = t.coord(i, k, u);
      p[3 * k + 1] = t.coord(i, k, v);
      p[3 * k + 2] = t.coord(i, k, w);
    }
    double area2 = ((double) p[3] - p[0]) * ((double) p[7] - p[1]) - ((double) p[4] - p[1]) * ((double) p[6] - p[0]);
    if (area2 == 0) {
      return false; // parallel to the ray: never crossed
    }
    int f = 0;
    if (area2 < 0) {
      for (int k = 0; k < 3; k++) {
        float tmp = p[3 + k];
        p[3 + k] = p[6 + k];
        p[6 + k] = tmp;
      }
      f |= NEGATIVE;
    }
    f |= edgeFlags(p, 0, 1) << EDGE_AB;
    f |= edgeFlags(p, 1, 2) << EDGE_BC;
    f |= edgeFlags(p, 2, 0) << EDGE_CA;
    System.arraycopy(p, 0, out, 9 * i, 9);
    triFlags[i] = (byte) f;
    return true;
  }

  /**
   * Top-left: points exactly on this edge belong to the triangle; equivalent to nudging the query by
   * an infinitesimal (+eps, +eps^2) in the plane, so it is consistent between neighbours.
   */
  private static int edgeFlags(float[] p, int a, int b) {
    float au = p[3 * a], av = p[3 * a + 1], bu = p[3 * b], bv = p[3 * b + 1];
    float du = bu - au, dv = bv - av;
    int f = 0;
    if (dv < 0 || (dv == 0 && du > 0)) {
      f |= TOP_LEFT;
    }
    if (au > bu || (au == bu && av > bv)) {
      f |= SWAPPED;
    }
    return f;
  }

  private void forEachCell(float[] projected, int i, java.util.function.IntConsumer action) {
    int o = 9 * i;
    double lu = Math.min(projected[o], Math.min(projected[o + 3], projected[o + 6]));
    double hu = Math.max(projected[o], Math.max(projected[o + 3], projected[o + 6]));
    double lv = Math.min(projected[o + 1], Math.min(projected[o + 4], projected[o + 7]));
    double hv = Math.max(projected[o + 1], Math.max(projected[o + 4], projected[o + 7]));
    int iu0 = cellIndex((lu - u0) * invU, nu), iu1 = cellIndex((hu - u0) * invU, nu);
    int iv0 = cellIndex((lv - v0) * invV, nv), iv1 = cellIndex((hv - v0) * invV, nv);
    for (int a = iu0; a <= iu1; a++) {
      for (int b = iv0; b <= iv1; b++) {
        action.accept(a * nv + b);
      }
    }
  }

  private static double pick(int axis, double x, double y, double z) {
    return axis == 0 ? x : axis == 1 ? y : z;
  }

  private static int cellIndex(double f, int n) {
    return Math.max(0, Math.min(n - 1, (int) f));
  }
}
