package dev.rayform.recon.geometry.mc;

import java.util.stream.IntStream;

/**
 * Samples of a scalar field on a regular grid: sample {@code (x, y, z)} sits at
 * {@code origin + spacing * (x, y, z)} and is stored at index {@code (z * ny + y) * nx + x}.
 */
public record ScalarGrid(
    int nx, int ny, int nz, float[] values, double originX, double originY, double originZ, double spacing) {

  /** A field to sample. */
  @FunctionalInterface
  public interface Field {
    double value(double x, double y, double z);
  }

  public ScalarGrid {
    if (nx < 1 || ny < 1 || nz < 1) {
      throw new IllegalArgumentException("grid dimensions must be positive: " + nx + "x" + ny + "x" + nz);
    }
    if ((long) nx * ny * nz != values.length) {
      throw new IllegalArgumentException(
          "grid " + nx + "x" + ny + "x" + nz + " needs " + (long) nx * ny * nz + " values, got " + values.length);
    }
    if (!(spacing > 0)) {
      throw new IllegalArgumentException("spacing must be positive, got " + spacing);
    }
  }

  public int index(int x, int y, int z) {
    return (z * ny + y) * nx + x;
  }

  public float get(int x, int y, int z) {
    return values[index(x, y, z)];
  }

  /** Samples {@code field} on an {@code nx x ny x nz} grid, one z-slice per task on every core. */
  public static ScalarGrid sample(
      int nx, int ny, int nz, double originX, double originY, double originZ, double spacing, Field field) {
    float[] values = new float[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)];
    IntStream.range(0, nz).parallel().forEach(z -> {
      double pz = originZ + spacing * z;
      int base = z * ny * nx;
      for (int y = 0; y < ny; y++) {
        double py = originY + spacing * y;
        for (int x = 0; x < nx; x++) {
          values[base + y * nx + x] = (float) field.value(originX + spacing * x, py, pz);
        }
      }
    });
    return new ScalarGrid(nx, ny, nz, values, originX, originY, originZ, spacing);
  }

  /** Samples {@code field} on a cube grid of {@code n^3} points spanning [lo, hi] on every axis. */
  public static ScalarGrid sampleCube(int n, double lo, double hi, Field field) {
    if (n < 2) {
      throw new IllegalArgumentException("a cube grid needs at least 2 samples per axis, got " + n);
    }
    return sample(n, n, n, lo, lo, lo, (hi - lo) / (n - 1), field);
  }

  /**
   * The grid at half the resolution: each sample the mean of a 2x2x2 block (fewer at an odd end), at
   * the block's centre, twice the spacing.
   */
  public ScalarGrid halved() {
    int hx = (nx + 1) / 2, hy = (ny + 1) / 2, hz = (nz + 1) / 2;
    float[] out = new float[hx * hy * hz];
    for (int z = 0; z < hz; z++) {
      for (int y = 0; y < hy; y++) {
        for (int x = 0; x < hx; x++) {
          double sum = 0;
          int n = 0;
          for (int c = 0; c < 8; c++) {
            int sx = 2 * x + (c & 1), sy = 2 * y + (c >> 1 & 1), sz = 2 * z + (c >> 2 & 1);
            if (sx < nx && sy < ny && sz < nz) {
              sum += get(sx, sy, sz);
              n++;
            }
          }
          out[(z * hy + y) * hx + x] = (float) (sum / n);
        }
      }
    }
    double half = 0.5 * spacing;
    return new ScalarGrid(hx, hy, hz, out, originX + half, originY + half, originZ + half, 2 * spacing);
  }

  /**
   * The grid blurred by a separable [1 2 1] / 4 kernel along each axis (a Gaussian of about 0.7
   * cells), edges clamped: the alternative to smoothing the extracted surface.
   */
  public ScalarGrid blurred() {
    float[] a = values.clone(), b = new float[values.length];
    int[] n = {nx, ny, nz};
    int[] stride = {1, nx, nx * ny};
    for (int axis = 0; axis < 3; axis++) {
      int len = n[axis], st = stride[axis];
      for (int i = 0; i < a.length; i++) {
        int c = (i / st) % len;
        float prev = a[c > 0 ? i - st : i], next = a[c < len - 1 ? i + st : i];
        b[i] = 0.25f * prev + 0.5f * a[i] + 0.25f * next;
      }
      float[] t = a;
      a = b;
      b = t;
    }
    return new ScalarGrid(nx, ny, nz, a, originX, originY, originZ, spacing);
  }
}
