package dev.rayform.recon.generation;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * ONet's Multiresolution IsoSurface Extraction. The occupancy network is queried on a coarse grid;
 * cells touched by known points on both sides of the threshold are split in eight and only their
 * new points are queried, level after level, until no cell is left to split at the finest level.
 * Known points on a cell's faces count for it, so a cell next to a split neighbour whose new face
 * points cross the surface is split too (the surface spreading into it). The dense fine grid of
 * {@code (base * 2^steps + 1)^3} points is completed by interpolating, level by level, the points
 * never queried from the coarser ones around them.
 */
public final class Mise {
  /** At most this many points go to the evaluator per call. */
  public static final int DEFAULT_BATCH = 100_000;

  private final int base;
  private final int steps;
  private final float threshold;
  /** Points per axis of the fine grid and the fine grid's stride of the coarse grid. */
  private final int p;
  private final int coarseStride;
  private final float[] values;
  private final boolean[] known;
  private final boolean[] queued;
  private int[] knownList = new int[1024];
  private int knownCount;
  private int[] pending = new int[1024];
  private int pendingCount;
  /** Per level below the finest: which cells have been split. */
  private final boolean[][] split;

  private Mise(int base, int steps, float threshold) {
    this.base = base;
    this.steps = steps;
    this.threshold = threshold;
    this.p = (base << steps) + 1;
    this.coarseStride = 1 << steps;
    int total = Math.multiplyExact(Math.multiplyExact(p, p), p);
    this.values = new float[total];
    this.known = new boolean[total];
    this.queued = new boolean[total];
    this.split = new boolean[steps][];
    for (int l = 0; l < steps; l++) {
      int r = base << l;
      split[l] = new boolean[r * r * r];
    }
  }

  /** {@link #extract(Aabb, int, int, float, PointEvaluator, int)} with batches of {@link #DEFAULT_BATCH}. */
  public static MiseResult extract(Aabb box, int baseResolution, int upsamplingSteps, float threshold,
      PointEvaluator evaluator) {
    return extract(box, baseResolution, upsamplingSteps, threshold, evaluator, DEFAULT_BATCH);
  }

  /**
   * Runs MISE over the cube of {@code box}'s longest side centred on it, with {@code baseResolution}
   * cells a side at first and {@code upsamplingSteps} halvings. The grid's values are occupancy
   * probabilities ready for marching cubes with the solid above {@code threshold}.
   */
  public static MiseResult extract(Aabb box, int baseResolution, int upsamplingSteps, float threshold,
      PointEvaluator evaluator, int batchSize) {
    if (baseResolution < 1 || upsamplingSteps < 0 || upsamplingSteps > 8 || batchSize < 1) {
      throw new IllegalArgumentException("need base resolution >= 1, 0-8 upsampling steps and a positive batch, got "
          + baseResolution + ", " + upsamplingSteps + ", " + batchSize);
    }
    if (box.isEmpty() || !(box.longestSide() > 0)) {
      throw new IllegalArgumentException("MISE needs a non-empty box, got " + box);
    }
    Mise mise = new Mise(baseResolution, upsamplingSteps, threshold);
    double spacing = box.longestSide() / (baseResolution << upsamplingSteps);
    double half = 0.5 * spacing * (mise.p - 1);
    double ox = box.centerX() - half, oy = box.centerY() - half, oz = box.centerZ() - half;
    long evaluated = mise.run(evaluator, batchSize, ox, oy, oz, spacing);
    mise.fillUnknown();
    return new MiseResult(new ScalarGrid(mise.p, mise.p, mise.p, mise.values, ox, oy, oz, spacing), evaluated);
  }

  private long run(PointEvaluator evaluator, int batchSize, double ox, double oy, double oz, double spacing) {
    for (int z = 0; z < p; z += coarseStride) {
      for (int y = 0; y < p; y += coarseStride) {
        for (int x = 0; x < p; x += coarseStride) {
          enqueue(index(x, y, z));
        }
      }
    }
    long evaluated = 0;
    boolean anySplit = true;
    while (pendingCount > 0 || anySplit) {
      evaluated += evaluatePending(evaluator, batchSize, ox, oy, oz, spacing);
      anySplit = splitActiveCells();
    }
    return evaluated;
  }

  private int evaluatePending(PointEvaluator evaluator, int batchSize, double ox, double oy, double oz, double spacing) {
    int count = pendingCount;
    for (int start = 0; start < count; start += batchSize) {
      int n = Math.min(batchSize, count - start);
      float[] xyz = new float[3 * n];
      for (int i = 0; i < n; i++) {
        int idx = pending[start + i];
        xyz[3 * i] = (float) (ox + spacing * (idx % p));
        xyz[3 * i + 1] = (float) (oy + spacing * (idx / p % p));
        xyz[3 * i + 2] = (float) (oz + spacing * (idx / p / p));
      }
      float[] out = evaluator.evaluate(xyz);
      if (out == null || out.length != n) {
        throw new IllegalStateException("evaluator returned " + (out == null ? "null" : out.length + " values")
            + " for " + n + " points");
      }
      for (int i = 0; i < n; i++) {
        int idx = pending[start + i];
        values[idx] = out[i];
        known[idx] = true;
        addKnown(idx);
      }
    }
    pendingCount = 0;
    return count;
  }

  /** Splits the leaf cells (above the finest level) that known points show the surface crossing. */
  private boolean splitActiveCells() {
    if (steps == 0) {
      return false;
    }
    boolean[][] above = new boolean[steps][], below = new boolean[steps][];
    for (int l = 0; l < steps; l++) {
      above[l] = new boolean[split[l].length];
      below[l] = new boolean[split[l].length];
    }
    int n = p - 1;
    for (int k = 0; k < knownCount; k++) {
      int idx = knownList[k];
      int x = idx % p, y = idx / p % p, z = idx / p / p;
      float v = values[idx];
      boolean isAbove = v >= threshold, isBelow = v <= threshold;
      for (int dz = -1; dz <= 0; dz++) {
        for (int dy = -1; dy <= 0; dy++) {
          for (int dx = -1; dx <= 0; dx++) {
            int cx = x + dx, cy = y + dy, cz = z + dz;
            if (cx < 0 || cy < 0 || cz < 0 || cx >= n || cy >= n || cz >= n) {
              continue;
            }
            long leaf = leafOf(cx, cy, cz);
            int level = (int) (leaf >>> 32), cell = (int) leaf;
            if (level < steps) {
              above[level][cell] |= isAbove;
              below[level][cell] |= isBelow;
            }
          }
        }
      }
    }
    boolean any = false;
    for (int l = 0; l < steps; l++) {
      int r = base << l;
      for (int cell = 0; cell < split[l].length; cell++) {
        if (above[l][cell] && below[l][cell] && !split[l][cell]) {
          splitCell(l, cell % r, cell / r % r, cell / r / r);
          any = true;
        }
      }
    }
    return any;
  }

  /** The leaf containing finest cell {@code (x, y, z)}: level in the high word, cell index in the low. */
  private long leafOf(int x, int y, int z) {
    for (int l = 0; l < steps; l++) {
      int shift = steps - l, r = base << l;
      int cell = ((z >> shift) * r + (y >> shift)) * r + (x >> shift);
      if (!split[l][cell]) {
        return (long) l << 32 | cell;
      }
    }
    int r = base << steps;
    return (long) steps << 32 | ((z * r + y) * r + x);
  }

  private void splitCell(int level, int cx, int cy, int cz) {
    split[level][(cz * (base << level) + cy) * (base << level) + cx] = true;
    int size = 1 << (steps - level), half = size >> 1;
    int x0 = cx * size, y0 = cy * size, z0 = cz * size;
    for (int k = 0; k <= 2; k++) {
      for (int j = 0; j <= 2; j++) {
        for (int i = 0; i <= 2; i++) {
          enqueue(index(x0 + i * half, y0 + j * half, z0 + k * half));
        }
      }
    }
  }

  /**
   * Gives every never-queried point of the fine grid a value: level by level, the midpoints of the
   * coarser level's cells get the mean of its points around them (trilinear at midpoints).
   */
  private void fillUnknown() {
    for (int l = 1; l <= steps; l++) {
      int s = coarseStride >> l;
      IntStream.range(0, (p - 1) / s + 1).parallel().forEach(kz -> {
        int z = kz * s;
        for (int y = 0; y < p; y += s) {
          for (int x = 0; x < p; x += s) {
            int idx = index(x, y, z);
            if (!known[idx] && (x / s % 2 == 1 || y / s % 2 == 1 || z / s % 2 == 1)) {
              values[idx] = midpoint(x, y, z, s);
            }
          }
        }
      });
    }
  }

  /** Mean of the coarser points around {@code (x, y, z)}: 2, 4 or 8 of them. */
  private float midpoint(int x, int y, int z, int s) {
    int[] xs = around(x, s), ys = around(y, s), zs = around(z, s);
    double sum = 0;
    int count = 0;
    for (int zz : zs) {
      for (int yy : ys) {
        for (int xx : xs) {
          sum += values[index(xx, yy, zz)];
          count++;
        }
      }
    }
    return (float) (sum / count);
  }

  private static int[] around(int c, int s) {
    return c / s % 2 == 1 ? new int[] {c - s, c + s} : new int[] {c};
  }

  private int index(int x, int y, int z) {
    return (z * p + y) * p + x;
  }

  private void enqueue(int idx) {
    if (known[idx] || queued[idx]) {
      return;
    }
    queued[idx] = true;
    if (pendingCount == pending.length) {
      pending = Arrays.copyOf(pending, 2 * pending.length);
    }
    pending[pendingCount++] = idx;
  }

  private void addKnown(int idx) {
    if (knownCount == knownList.length) {
      knownList = Arrays.copyOf(knownList, 2 * knownList.length);
    }
    knownList[knownCount++] = idx;
  }
}
