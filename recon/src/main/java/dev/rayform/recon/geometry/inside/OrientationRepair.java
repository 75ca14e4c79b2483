package dev.rayform.recon.geometry.inside;

import dev.rayform.recon.geometry.TriangleComponents;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Flips connected components that are closed (every edge shared by exactly two faces in opposite
 * directions, after welding equal positions) and enclose negative volume: mirrored parts exported
 * with inverted winding. Open components are left alone, since their orientation is not
 * well-defined. A cavity modelled as a separate inverted shell gets filled, as ONet's watertight
 * ground truth would have it.
 */
final class OrientationRepair {
  private OrientationRepair() {}

  private record Position(int x, int y, int z) {
    static Position of(float[] v, int o) {
      // + 0f folds -0 into +0 so both weld together
      return new Position(Float.floatToIntBits(v[o] + 0f), Float.floatToIntBits(v[o + 1] + 0f),
          Float.floatToIntBits(v[o + 2] + 0f));
    }
  }

  static TriangleSet flipInvertedClosedComponents(TriangleSet triangles) {
    int n = triangles.count;
    float[] v = triangles.v;
    int[] corner = weld(v, n);
    int vertices = Arrays.stream(corner).max().orElse(-1) + 1;
    TriangleComponents components = TriangleComponents.of(vertices, corner);
    boolean[] open = new boolean[vertices];
    long[] edges = new long[3 * n];
    for (int t = 0; t < n; t++) {
      for (int k = 0; k < 3; k++) {
        edges[3 * t + k] = ((long) corner[3 * t + k] << 32) | corner[3 * t + (k + 1) % 3];
      }
    }
    long[] sorted = edges.clone();
    Arrays.sort(sorted);
    for (long e : edges) {
      int a = (int) (e >>> 32), b = (int) e;
      long reverse = ((long) b << 32) | a;
      if (a == b || occurrences(sorted, e) != 1 || occurrences(sorted, reverse) != 1) {
        open[components.root(a)] = true;
      }
    }
    double[] volume = new double[vertices];
    for (int t = 0; t < n; t++) {
      volume[components.root(corner[3 * t])] += tripleProduct(v, 9 * t);
    }
    float[] out = null;
    for (int t = 0; t < n; t++) {
      int root = components.root(corner[3 * t]);
      if (!open[root] && volume[root] < 0) {
        if (out == null) {
          out = v.clone();
        }
        for (int a = 0; a < 3; a++) {
          out[9 * t + 3 + a] = v[9 * t + 6 + a];
          out[9 * t + 6 + a] = v[9 * t + 3 + a];
        }
      }
    }
    return out == null ? triangles : new TriangleSet(out, n);
  }

  private static int[] weld(float[] v, int n) {
    Map<Position, Integer> ids = new HashMap<>();
    int[] corner = new int[3 * n];
    for (int c = 0; c < 3 * n; c++) {
      corner[c] = ids.computeIfAbsent(Position.of(v, 3 * c), k -> ids.size());
    }
    return corner;
  }

  private static int occurrences(long[] sorted, long key) {
    int i = Arrays.binarySearch(sorted, key);
    if (i < 0) {
      return 0;
    }
    int lo = i, hi = i;
    while (lo > 0 && sorted[lo - 1] == key) {
      lo--;
    }
    while (hi + 1 < sorted.length && sorted[hi + 1] == key) {
      hi++;
    }
    return hi - lo + 1;
  }

  private static double tripleProduct(float[] v, int o) {
    double ax = v[o], ay = v[o + 1], az = v[o + 2];
    double bx = v[o + 3], by = v[o + 4], bz = v[o + 5];
    double cx = v[o + 6], cy = v[o + 7], cz = v[o + 8];
    return ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
  }
}
