package dev.rayform.recon.geometry.inside;

import dev.rayform.recon.util.PointOrder;

/**
 * The generalised winding number of a triangle soup, evaluated over a bounding-volume hierarchy
 * (Barill et al. 2018, "Fast winding numbers for soups and clouds"): a cluster far from the query
 * (distance above {@code beta} times its radius) contributes through a Taylor expansion of the
 * solid-angle kernel to second order in the offsets from the cluster centre (area vectors, their
 * first moments, and second moments including each triangle's own spread); near clusters are opened down to leaves, whose triangles give
 * their exact solid angle. Immutable after construction, so queries are thread-safe.
 */
final class WindingNumberTree {
  private static final int LEAF_SIZE = 8;
  private static final double FOUR_PI = 4 * Math.PI;

  private final float[] tri;
  private final double beta2;
  private int nodeCount;
  // Per node: expansion centre, summed area vector, first-moment matrix M (9), squared opening radius.
  private final double[] centre;
  private final double[] areaVector;
  private final double[] moment;
  private final double[] secondMoment;
  private final double[] openRadius2;
  private final int[] left;
  private final int[] right;
  private final int[] start;
  private final int[] count;

  WindingNumberTree(TriangleSet triangles, double beta) {
    int n = triangles.count;
    this.beta2 = beta * beta;
    // Median splits leave at least LEAF_SIZE / 2 triangles in every leaf of a tree over more than
    // LEAF_SIZE, so it has at most n / 4 leaves and n / 2 nodes (2n bounded it 4 times too high, at
    // 360 bytes a node).
    int maxNodes = Math.max(1, n / 2 + 1);
    centre = new double[3 * maxNodes];
    areaVector = new double[3 * maxNodes];
    moment = new double[9 * maxNodes];
    secondMoment = new double[27 * maxNodes];
    openRadius2 = new double[maxNodes];
    left = new int[maxNodes];
    right = new int[maxNodes];
    start = new int[maxNodes];
    count = new int[maxNodes];

    float[] src = triangles.v;
    double[] cen = new double[3 * n];
    double[] av = new double[3 * n];
    for (int t = 0; t < n; t++) {
      int o = 9 * t;
      for (int a = 0; a < 3; a++) {
        cen[3 * t + a] = (src[o + a] + (double) src[o + 3 + a] + src[o + 6 + a]) / 3;
      }
      double ux = src[o + 3] - (double) src[o], uy = src[o + 4] - (double) src[o + 1], uz = src[o + 5] - (double) src[o + 2];
      double vx = src[o + 6] - (double) src[o], vy = src[o + 7] - (double) src[o + 1], vz = src[o + 8] - (double) src[o + 2];
      av[3 * t] = 0.5 * (uy * vz - uz * vy);
      av[3 * t + 1] = 0.5 * (uz * vx - ux * vz);
      av[3 * t + 2] = 0.5 * (ux * vy - uy * vx);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (n > 0) {
      build(0, n, order, cen, av, src);
    }
    tri = new float[9 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(src, 9 * order[i], tri, 9 * i, 9);
    }
  }

  /** Winding number at (x, y, z): about 1 inside a closed outward-oriented surface, 0 outside. */
  double windingNumber(double x, double y, double z) {
    if (nodeCount == 0) {
      return 0;
    }
    int[] stack = new int[128];
    int sp = 0;
    stack[sp++] = 0;
    double omega = 0;
    while (sp > 0) {
      int node = stack[--sp];
      double rx = centre[3 * node] - x, ry = centre[3 * node + 1] - y, rz = centre[3 * node + 2] - z;
      double d2 = rx * rx + ry * ry + rz * rz;
      if (d2 > openRadius2[node]) {
        omega += farField(node, rx, ry, rz, d2);
      } else if (count[node] > 0) {
        int end = start[node] + count[node];
        for (int t = start[node]; t < end; t++) {
          omega += SolidAngle.of(tri, 9 * t, x, y, z);
        }
      } else {
        stack[sp++] = left[node];
        stack[sp++] = right[node];
      }
    }
    return omega / FOUR_PI;
  }

  /** Solid angle of a cluster seen from offset {@code r} = centre - query, to second order. */
  private double farField(int node, double rx, double ry, double rz, double d2) {
    double d = Math.sqrt(d2);
    double inv3 = 1 / (d2 * d);
    double inv5 = inv3 / d2;
    int a = 3 * node;
    double dipole = (areaVector[a] * rx + areaVector[a + 1] * ry + areaVector[a + 2] * rz) * inv3;
    int m = 9 * node;
    double trace = moment[m] + moment[m + 4] + moment[m + 8];
    double rmr = rx * (moment[m] * rx + moment[m + 1] * ry + moment[m + 2] * rz)
        + ry * (moment[m + 3] * rx + moment[m + 4] * ry + moment[m + 5] * rz)
        + rz * (moment[m + 6] * rx + moment[m + 7] * ry + moment[m + 8] * rz);
    // Second order: 1/2 H : C with H_ijk = -3 (d_ij r_k + d_ik r_j + d_jk r_i) / d^5 + 15 r_i r_j r_k / d^7.
    int c = 27 * node;
    double[] r = {rx, ry, rz};
    double mixed = 0, cubic = 0;
    for (int i = 0; i < 3; i++) {
      double traceI = secondMoment[c + 9 * i] + secondMoment[c + 9 * i + 4] + secondMoment[c + 9 * i + 8];
      mixed += r[i] * traceI;
      for (int k = 0; k < 3; k++) {
        mixed += 2 * r[k] * secondMoment[c + 9 * i + 3 * i + k];
        double rk = r[i] * r[k];
        for (int j = 0; j < 3; j++) {
          cubic += rk * r[j] * secondMoment[c + 9 * i + 3 * j + k];
        }
      }
    }
    double second = 0.5 * (-3 * mixed * inv5 + 15 * cubic * inv5 / d2);
    return dipole + trace * inv3 - 3 * rmr * inv5 + second;
  }

  private int build(int lo, int hi, int[] order, double[] cen, double[] av, float[] src) {
    int node = nodeCount++;
    summarize(node, lo, hi, order, cen, av, src);
    if (hi - lo <= LEAF_SIZE) {
      start[node] = lo;
      count[node] = hi - lo;
      return node;
    }
    PointOrder.Coordinates c = (i, a) -> cen[3 * i + a];
    int axis = PointOrder.widestAxis(order, lo, hi, c);
    int mid = (lo + hi) >>> 1;
    PointOrder.nth(order, lo, hi, mid, c, axis);
    left[node] = build(lo, mid, order, cen, av, src);
    right[node] = build(mid, hi, order, cen, av, src);
    return node;
  }

  private void summarize(int node, int lo, int hi, int[] order, double[] cen, double[] av, float[] src) {
    double wsum = 0, px = 0, py = 0, pz = 0, nx = 0, ny = 0, nz = 0;
    for (int i = lo; i < hi; i++) {
      int t = order[i];
      double ax = av[3 * t], ay = av[3 * t + 1], az = av[3 * t + 2];
      double w = Math.sqrt(ax * ax + ay * ay + az * az);
      wsum += w;
      px += w * cen[3 * t];
      py += w * cen[3 * t + 1];
      pz += w * cen[3 * t + 2];
      nx += ax;
      ny += ay;
      nz += az;
    }
    px /= wsum;
    py /= wsum;
    pz /= wsum;
    double[] m = new double[9];
    double[] c2 = new double[27];
    double r2 = 0;
    for (int i = lo; i < hi; i++) {
      int t = order[i];
      double[] dc = {cen[3 * t] - px, cen[3 * t + 1] - py, cen[3 * t + 2] - pz};
      double[] spread = triangleCovariance(src, 9 * t, cen, 3 * t);
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          m[3 * r + c] += dc[r] * av[3 * t + c];
          for (int k = 0; k < 3; k++) {
            c2[9 * c + 3 * r + k] += av[3 * t + c] * (dc[r] * dc[k] + spread[3 * r + k]);
          }
        }
      }
      for (int k = 0; k < 3; k++) {
        int o = 9 * t + 3 * k;
        double dx = src[o] - px, dy = src[o + 1] - py, dz = src[o + 2] - pz;
        r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
      }
    }
    centre[3 * node] = px;
    centre[3 * node + 1] = py;
    centre[3 * node + 2] = pz;
    areaVector[3 * node] = nx;
    areaVector[3 * node + 1] = ny;
    areaVector[3 * node + 2] = nz;
    System.arraycopy(m, 0, moment, 9 * node, 9);
    System.arraycopy(c2, 0, secondMoment, 27 * node, 27);
    openRadius2[node] = beta2 * r2;
  }

  /** Covariance of a uniform point on the triangle: (1/12) sum over vertices of (v - c)(v - c)^T. */
  private static double[] triangleCovariance(float[] src, int o, double[] cen, int co) {
    double[] cov = new double[9];
    for (int k = 0; k < 3; k++) {
      double[] e = new double[3];
      for (int a = 0; a < 3; a++) {
        e[a] = src[o + 3 * k + a] - cen[co + a];
      }
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          cov[3 * r + c] += e[r] * e[c] / 12;
        }
      }
    }
    return cov;
  }
}
