package dev.rayform.recon.eval;

import dev.rayform.recon.util.PointOrder;
import java.util.stream.IntStream;

/**
 * A static 3D k-d tree over float points for nearest-neighbour queries. Built once by median
 * splits on the widest axis into an implicit (heap-ordered) tree with buckets of a few points;
 * immutable afterwards, so queries are thread-safe. Batch queries run on every core.
 */
public final class KdTree {
  private static final int LEAF_SIZE = 8;
  private static final int BATCH_CHUNK = 1024;

  private final int size;
  private final float[] xyz;
  private final int[] original;
  private final float[] split;
  private final byte[] axis;

  /** Nearest neighbours of a batch: original point index and Euclidean distance per query. */
  public record Neighbours(int[] index, float[] distance) {}

  private KdTree(float[] points) {
    size = points.length / 3;
    int depth = 0;
    while (ceilDiv(size, 1 << depth) > LEAF_SIZE) {
      depth++;
    }
    split = new float[(1 << (depth + 1)) - 1];
    axis = new byte[split.length];
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    if (size > 0) {
      build(0, 0, size, order, points);
    }
    xyz = new float[3 * size];
    for (int i = 0; i < size; i++) {
      System.arraycopy(points, 3 * order[i], xyz, 3 * i, 3);
    }
    original = order;
  }

  /** Builds the tree over packed x,y,z points (the array is not kept). */
  public static KdTree of(float[] packedXyz) {
    if (packedXyz.length % 3 != 0) {
      throw new IllegalArgumentException("packed xyz length " + packedXyz.length + " is not a multiple of 3");
    }
    return new KdTree(packedXyz);
  }

  public int size() {
    return size;
  }

  /** Index (into the array the tree was built from) of the point nearest (x, y, z); -1 when empty. */
  public int nearest(double x, double y, double z) {
    Best best = new Best();
    search(x, y, z, best);
    return best.index < 0 ? -1 : original[best.index];
  }

  /** Distance from (x, y, z) to the nearest point; +infinity when empty. */
  public double nearestDistance(double x, double y, double z) {
    Best best = new Best();
    search(x, y, z, best);
    return Math.sqrt(best.d2);
  }

  /**
   * Whether some point lies closer than {@code radius} to (x, y, z). Cheaper than
   * {@link #nearestDistance} by far when most queries are not near: subtrees beyond the radius are
   * never entered, and the search stops at the first point found.
   */
  public boolean anyWithin(double x, double y, double z, double radius) {
    return size > 0 && anyWithin(0, 0, size, x, y, z, radius * radius);
  }

  private boolean anyWithin(int node, int lo, int hi, double x, double y, double z, double r2) {
    if (hi - lo <= LEAF_SIZE) {
      for (int i = lo; i < hi; i++) {
        double dx = xyz[3 * i] - x, dy = xyz[3 * i + 1] - y, dz = xyz[3 * i + 2] - z;
        if (dx * dx + dy * dy + dz * dz < r2) {
          return true;
        }
      }
      return false;
    }
    int mid = (lo + hi) >>> 1;
    int a = axis[node];
    double diff = (a == 0 ? x : a == 1 ? y : z) - split[node];
    int near = diff < 0 ? 2 * node + 1 : 2 * node + 2, far = diff < 0 ? 2 * node + 2 : 2 * node + 1;
    int nearLo = diff < 0 ? lo : mid, nearHi = diff < 0 ? mid : hi;
    int farLo = diff < 0 ? mid : lo, farHi = diff < 0 ? hi : mid;
    return anyWithin(near, nearLo, nearHi, x, y, z, r2) || (diff * diff < r2 && anyWithin(far, farLo, farHi, x, y, z, r2));
  }

  /** Nearest neighbours of packed x,y,z queries, computed on every core. */
  public Neighbours nearest(float[] queries) {
    int n = queries.length / 3;
    int[] index = new int[n];
    float[] distance = new float[n];
    IntStream.range(0, ceilDiv(n, BATCH_CHUNK)).parallel().forEach(c -> {
      Best best = new Best();
      for (int i = c * BATCH_CHUNK, end = Math.min(n, (c + 1) * BATCH_CHUNK); i < end; i++) {
        best.reset();
        search(queries[3 * i], queries[3 * i + 1], queries[3 * i + 2], best);
        index[i] = best.index < 0 ? -1 : original[best.index];
        distance[i] = (float) Math.sqrt(best.d2);
      }
    });
    return new Neighbours(index, distance);
  }

  private static final class Best {
    double d2;
    int index;

    Best() {
      reset();
    }

    void reset() {
      d2 = Double.POSITIVE_INFINITY;
      index = -1;
    }
  }

  private void search(double x, double y, double z, Best best) {
    if (size > 0) {
      search(0, 0, size, x, y, z, best);
    }
  }

  private void search(int node, int lo, int hi, double x, double y, double z, Best best) {
    if (hi - lo <= LEAF_SIZE) {
      for (int i = lo; i < hi; i++) {
        double dx = xyz[3 * i] - x, dy = xyz[3 * i + 1] - y, dz = xyz[3 * i + 2] - z;
        double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < best.d2) {
          best.d2 = d2;
          best.index = i;
        }
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    int a = axis[node];
    double diff = (a == 0 ? x : a == 1 ? y : z) - split[node];
    if (diff < 0) {
      search(2 * node + 1, lo, mid, x, y, z, best);
      if (diff * diff < best.d2) {
        search(2 * node + 2, mid, hi, x, y, z, best);
      }
    } else {
      search(2 * node + 2, mid, hi, x, y, z, best);
      if (diff * diff < best.d2) {
        search(2 * node + 1, lo, mid, x, y, z, best);
      }
    }
  }

  private void build(int node, int lo, int hi, int[] order, float[] p) {
    if (hi - lo <= LEAF_SIZE) {
      return;
    }
    PointOrder.Coordinates c = (i, axis) -> p[3 * i + axis];
    int a = PointOrder.widestAxis(order, lo, hi, c);
    int mid = (lo + hi) >>> 1;
    PointOrder.nth(order, lo, hi, mid, c, a);
    axis[node] = (byte) a;
    split[node] = p[3 * order[mid] + a];
    build(2 * node + 1, lo, mid, order, p);
    build(2 * node + 2, mid, hi, order, p);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
