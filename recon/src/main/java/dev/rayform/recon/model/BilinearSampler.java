package dev.rayform.recon.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rayform.recon.model.encoder.ReceptiveField;

/**
 * Bilinear sampling of a feature map at continuous positions with border padding: position
 * {@code p = (x, y)} in [0,1]^2 reads the map where the image pixel under {@code p} falls in the
 * map's own grid ({@link ReceptiveField#cell}), or, for models trained before that rule, as
 * {@code grid_sample} with aligned corners at {@code (x (W-1), y (H-1))}; clamped to the map. DJL has no {@code grid_sample}: the map is
 * flattened to {@code [B, C, H*W]}, the four corners are gathered along the last axis and blended.
 * Gradients reach the map (through the gather); positions are data, not trained.
 */
public final class BilinearSampler {
  private BilinearSampler() {}

  /**
   * Samples {@code map [B, C, H, W]} at {@code positions} ({@code B * K} packed (x, y) pairs, batch
   * after batch) and returns {@code [B, K, C]}.
   */
  public static NDArray sample(NDArray map, float[] positions, int k) {
    return sample(map, positions, k, (p, n) -> p * (n - 1));
  }

  /**
   * Samples {@code map [B, C, H, W]}, whose cells look at the input through {@code field}, under
   * the image pixels at {@code positions} of an input {@code imageSize} pixels wide; returns {@code [B, K, C]}.
   */
  public static NDArray sample(NDArray map, float[] positions, int k, ReceptiveField field, int imageSize) {
    return sample(map, positions, k, (p, n) -> field.cell(p, imageSize));
  }

  /**
   * Samples several levels under the same positions and concatenates the samples: {@code
   * levels.get(i)} is {@code [B, H_i * W_i, C_i]} (channels last, cells in row-major order) with
   * {@code heights[i] x widths[i]} cells that look at the input through {@code fields[i]}; returns
   * {@code [B, K, sum C_i]}. Each level's four corner rows per ray come from one row lookup
   * (contiguous rows of C_i values, with a row-summing backward) and are blended by one batched
   * product with their weights; the same values as {@link #sample(NDArray, float[], int,
   * ReceptiveField, int)} per level, several times faster than element-wise gathers through an
   * index broadcast over the channels.
   */
  public static NDArray sampleLevels(java.util.List<NDArray> levels, int[] heights, int[] widths, ReceptiveField[] fields,
      int imageSize, float[] positions, int k) {
    int b = (int) levels.get(0).getShape().get(0);
    if (positions.length != 2 * b * k) {
      throw new IllegalArgumentException("need " + 2 * b * k + " coordinates, got " + positions.length);
    }
    NDManager m = levels.get(0).getManager();
    ai.djl.ndarray.NDList samples = new ai.djl.ndarray.NDList();
    long[] idx = new long[4 * b * k];
    float[] wt = new float[4 * b * k];
    for (int i = 0; i < levels.size(); i++) {
      int h = heights[i], w = widths[i];
      long cells = (long) h * w;
      for (int ray = 0; ray < b * k; ray++) {
        corners(fields[i].cell(positions[2 * ray], imageSize), fields[i].cell(positions[2 * ray + 1], imageSize), w, h,
            (ray / k) * cells, idx, wt, 4 * ray, 1);
      }
      NDArray level = levels.get(i);
      long c = level.getShape().get(2);
      NDArray table = level.reshape(b * cells, c);
      NDArray index = m.create(idx);
      NDArray rows = index.getNDArrayInternal().embedding(index, table, ai.djl.ndarray.types.SparseFormat.DENSE).singletonOrThrow();
      NDArray weights = m.create(wt, new Shape((long) b * k, 1, 4));
      samples.add(weights.matMul(rows.reshape((long) b * k, 4, c)).reshape(b, k, c));
    }
    return samples.size() == 1 ? samples.get(0) : ai.djl.ndarray.NDArrays.concat(samples, 2);
  }

  /** Where position coordinate {@code p} falls among a map's {@code n} cells along that axis. */
  private interface CellRule {
    double cell(double p, int n);
  }

  private static NDArray sample(NDArray map, float[] positions, int k, CellRule rule) {
    Shape s = map.getShape();
    int b = (int) s.get(0), c = (int) s.get(1), h = (int) s.get(2), w = (int) s.get(3);
    if (positions.length != 2 * b * k) {
      throw new IllegalArgumentException("need " + 2 * b * k + " coordinates, got " + positions.length);
    }
    int n = b * k;
    long[] idx = new long[4 * n]; // corner after corner
    float[] wt = new float[4 * n];
    for (int i = 0; i < n; i++) {
      corners(rule.cell(positions[2 * i], w), rule.cell(positions[2 * i + 1], h), w, h, 0, idx, wt, i, n);
    }
    NDManager m = map.getManager();
    NDArray flat = map.reshape(b, c, (long) h * w);
    NDArray out = null;
    for (int corner = 0; corner < 4; corner++) {
      long[] cornerIdx = java.util.Arrays.copyOfRange(idx, corner * n, (corner + 1) * n);
      float[] cornerWt = java.util.Arrays.copyOfRange(wt, corner * n, (corner + 1) * n);
      NDArray index = m.create(cornerIdx, new Shape(b, 1, k)).broadcast(b, c, k);
      NDArray weight = m.create(cornerWt, new Shape(b, 1, k));
      NDArray term = flat.gather(index, 2).mul(weight);
      out = out == null ? term : out.add(term);
    }
    return out.transpose(0, 2, 1);
  }

  /**
   * The four corners around cell coordinates {@code (x, y)} of a {@code w x h} grid (clamped to it),
   * as flat cell indices offset by {@code base} and bilinear weights, written at {@code o},
   * {@code o + stride}, {@code o + 2 stride}, {@code o + 3 stride}: top-left, top-right, bottom-left,
   * bottom-right.
   */
  private static void corners(double cellX, double cellY, int w, int h, long base, long[] idx, float[] wt, int o, int stride) {
    double x = clamp(cellX, w - 1), y = clamp(cellY, h - 1);
    int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
    int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
    double fx = x - x0, fy = y - y0;
    idx[o] = base + (long) y0 * w + x0;
    idx[o + stride] = base + (long) y0 * w + x1;
    idx[o + 2 * stride] = base + (long) y1 * w + x0;
    idx[o + 3 * stride] = base + (long) y1 * w + x1;
    wt[o] = (float) ((1 - fx) * (1 - fy));
    wt[o + stride] = (float) (fx * (1 - fy));
    wt[o + 2 * stride] = (float) ((1 - fx) * fy);
    wt[o + 3 * stride] = (float) (fx * fy);
  }

  private static double clamp(double v, double max) {
    return Math.max(0, Math.min(max, v));
  }

  /** L2-normalises the last axis ({@code x / max(|x|, eps)}). */
  public static NDArray l2Normalize(NDArray x) {
    NDArray norm = x.square().sum(new int[] {-1}, true).sqrt().maximum(1e-12f);
    return x.div(norm);
  }
}
