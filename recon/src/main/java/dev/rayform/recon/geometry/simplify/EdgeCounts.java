package dev.rayform.recon.geometry.simplify;

/**
 * How many faces share each undirected edge: an open-addressing table of edge keys (the smaller
 * vertex in the high half) with a multiplicative hash. A {@code HashMap<Long, Integer>} spent most
 * of its time in collided tree bins, since {@code Long.hashCode} folds the two vertex numbers together.
 */
final class EdgeCounts {
  private final long[] keys;
  private final int[] counts;
  private final int shift;

  /** A table for up to {@code edges} distinct edges. */
  EdgeCounts(int edges) {
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(16, 2L * edges) - 1);
    keys = new long[1 << bits];
    counts = new int[1 << bits];
    shift = 64 - bits;
  }

  void add(int a, int b) {
    int i = find(key(a, b));
    keys[i] = key(a, b);
    counts[i]++;
  }

  int count(int a, int b) {
    return counts[find(key(a, b))];
  }

  /** The slot holding the key, or the empty slot where it would go. */
  private int find(long k) {
    int mask = keys.length - 1;
    int i = (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
    while (keys[i] != 0 && keys[i] != k) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private static long key(int a, int b) {
    // +1 keeps every key off 0, the empty mark.
    return a < b ? ((long) a << 32 | b) + 1 : ((long) b << 32 | a) + 1;
  }
}
