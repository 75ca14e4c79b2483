package dev.rayform.recon.util;

/**
 * Reordering of point indices for spatial hierarchies (k-d trees, BVHs): the axis of widest spread
 * and the quickselect split along it.
 */
public final class PointOrder {
  private PointOrder() {}

  /** Coordinate {@code axis} (0, 1, 2) of point {@code point}. */
  @FunctionalInterface
  public interface Coordinates {
    double get(int point, int axis);
  }

  /** The axis along which the points {@code idx[lo, hi)} spread the most. */
  public static int widestAxis(int[] idx, int lo, int hi, Coordinates c) {
    double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (int i = lo; i < hi; i++) {
      for (int a = 0; a < 3; a++) {
        double v = c.get(idx[i], a);
        min[a] = Math.min(min[a], v);
        max[a] = Math.max(max[a], v);
      }
    }
    int best = 0;
    for (int a = 1; a < 3; a++) {
      if (max[a] - min[a] > max[best] - min[best]) {
        best = a;
      }
    }
    return best;
  }

  /**
   * Quickselect: reorders {@code idx[lo, hi)} so position {@code k} holds the k-th smallest
   * coordinate on {@code axis}, with no larger one before it and no smaller one after it.
   */
  public static void nth(int[] idx, int lo, int hi, int k, Coordinates c, int axis) {
    int l = lo, h = hi - 1;
    while (h > l) {
      double pivot = c.get(idx[(l + h) >>> 1], axis);
      int i = l, j = h;
      while (i <= j) {
        while (c.get(idx[i], axis) < pivot) {
          i++;
        }
        while (c.get(idx[j], axis) > pivot) {
          j--;
        }
        if (i <= j) {
          int tmp = idx[i];
          idx[i] = idx[j];
          idx[j] = tmp;
          i++;
          j--;
        }
      }
      if (k <= j) {
        h = j;
      } else if (k >= i) {
        l = i;
      } else {
        return;
      }
    }
  }
}
