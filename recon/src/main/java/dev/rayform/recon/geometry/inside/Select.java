package dev.rayform.recon.geometry.inside;

/** Quickselect over an index array keyed by one coordinate of packed xyz keys. */
final class Select {
  private Select() {}

  /** Reorders {@code idx[lo, hi)} so position {@code k} holds the k-th smallest key on {@code axis}. */
  static void nth(int[] idx, int lo, int hi, int k, double[] xyz, int axis) {
    int l = lo, h = hi - 1;
    while (h > l) {
      double pivot = xyz[3 * idx[(l + h) >>> 1] + axis];
      int i = l, j = h;
      while (i <= j) {
        while (xyz[3 * idx[i] + axis] < pivot) {
          i++;
        }
        while (xyz[3 * idx[j] + axis] > pivot) {
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
