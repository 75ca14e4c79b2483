package dev.rayform.recon.generation;

import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import dev.rayform.recon.rays.DepthSampling;

/**
 * Ray-ONet's generation step: occupancy probabilities along a grid of rays (a sampled camera
 * frustum) resampled onto a regular camera-space grid, then meshed by marching cubes.
 *
 * <p>Ray {@code (u, v)} of a {@code raysW x raysH} grid passes through the centre of its cell of the
 * image, at normalised position {@code ((u + 0.5) / raysW, (v + 0.5) / raysH)}; its {@code M}
 * samples sit at camera-space depths {@code depths.depth(j)}. A grid point {@code (x, y, z)} reads
 * pixel {@code (fx x / z + cx, fy y / z + cy)} at depth {@code z}, trilinearly in
 * {@code (u, v, j)}; between the image edge and the outermost ray centres the edge rays are
 * repeated; outside the image or the depth range it is empty (0).
 */
public final class FrustumGrid {
  /** The Ray-ONet paper's iso-level for meshing occupancy probabilities (the product's is {@link ReconstructOptions#DEFAULT_THRESHOLD}). */
  public static final float PAPER_THRESHOLD = 0.2f;

  private FrustumGrid() {}

  /**
   * Resamples {@code probs[(v * raysW + u) * M + j]} onto a cubic-voxel grid over the frustum's
   * bounding box between {@code dmin} and {@code dmax}, with {@code resolution} samples along its
   * longest axis. Parallel over z slices.
   */
  public static ScalarGrid resample(float[] probs, int raysH, int raysW, DepthSampling depths, Intrinsics intrinsics,
      int resolution) {
    validate(probs, raysH, raysW, depths, resolution);
    double[] lo = new double[3], hi = new double[3];
    frustumBounds(intrinsics, depths, lo, hi);
    return resampleBox(probs, raysH, raysW, depths, intrinsics, resolution, lo, hi);
  }

  /**
   * As {@link #resample}, but the grid covers only the box of the ray samples at or above
   * {@code level} (grown by one sample on every side): all of the grid's resolution goes to the
   * object instead of the empty frustum around it. With no sample that high, the whole frustum.
   */
  public static ScalarGrid resampleAround(float[] probs, int raysH, int raysW, DepthSampling depths, Intrinsics intrinsics,
      int resolution, float level) {
    validate(probs, raysH, raysW, depths, resolution);
    double[] lo = new double[3], hi = new double[3];
    frustumBounds(intrinsics, depths, lo, hi);
    double[] blo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] bhi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int m = depths.m();
    for (int v = 0; v < raysH; v++) {
      for (int u = 0; u < raysW; u++) {
        int base = (v * raysW + u) * m;
        for (int j = 0; j < m; j++) {
          if (probs[base + j] >= level) {
            // The sample and its neighbours in u, v and depth: the surface lies within them.
            for (int du = -1; du <= 1; du += 2) {
              for (int dv = -1; dv <= 1; dv += 2) {
                for (int dj = -1; dj <= 1; dj += 2) {
                  double d = depths.dmin() + depths.step() * (j + dj);
                  double x = ((u + 0.5 + du) / raysW * intrinsics.width() - intrinsics.cx()) / intrinsics.fx() * d;
                  double y = ((v + 0.5 + dv) / raysH * intrinsics.height() - intrinsics.cy()) / intrinsics.fy() * d;
                  double[] q = {x, y, d};
                  for (int a = 0; a < 3; a++) {
                    blo[a] = Math.min(blo[a], q[a]);
                    bhi[a] = Math.max(bhi[a], q[a]);
                  }
                }
              }
            }
          }
        }
      }
    }
    if (blo[0] > bhi[0]) {
      return resampleBox(probs, raysH, raysW, depths, intrinsics, resolution, lo, hi);
    }
    for (int a = 0; a < 3; a++) {
      blo[a] = Math.max(blo[a], lo[a]);
      bhi[a] = Math.min(bhi[a], hi[a]);
    }
    return resampleBox(probs, raysH, raysW, depths, intrinsics, resolution, blo, bhi);
  }

  private static void validate(float[] probs, int raysH, int raysW, DepthSampling depths, int resolution) {
    int m = depths.m();
    if (raysH < 1 || raysW < 1 || (long) raysH * raysW * m != probs.length) {
      throw new IllegalArgumentException(String.format("need %d x %d rays x %d depths = %d probabilities, got %d",
          raysH, raysW, m, (long) raysH * raysW * m, probs.length));
    }
    if (resolution < 2) {
      throw new IllegalArgumentException("resolution must be at least 2, got " + resolution);
    }
  }

  private static ScalarGrid resampleBox(float[] probs, int raysH, int raysW, DepthSampling depths, Intrinsics intrinsics,
      int resolution, double[] lo, double[] hi) {
    double spacing = Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2])) / (resolution - 1);
    int[] n = new int[3];
    double[] origin = new double[3];
    for (int a = 0; a < 3; a++) {
      n[a] = (int) Math.ceil((hi[a] - lo[a]) / spacing - 1e-9) + 1;
      origin[a] = 0.5 * (lo[a] + hi[a]) - 0.5 * spacing * (n[a] - 1);
    }
    RayVolume volume = new RayVolume(probs, raysH, raysW, depths, intrinsics);
    return ScalarGrid.sample(n[0], n[1], n[2], origin[0], origin[1], origin[2], spacing, volume::probability);
  }

  /** Marching cubes at {@link #PAPER_THRESHOLD}; a camera-space mesh, closed at the grid border. */
  public static Mesh extractMesh(ScalarGrid grid) {
    return extractMesh(grid, PAPER_THRESHOLD);
  }

  public static Mesh extractMesh(ScalarGrid grid, float threshold) {
    return PredictedSurface.extract(grid, threshold);
  }

  /** The camera-space box of the frustum between dmin and dmax (x, y widest at the far plane). */
  static void frustumBounds(Intrinsics k, DepthSampling depths, double[] lo, double[] hi) {
    double[] xs = {-k.cx() / k.fx(), (k.width() - k.cx()) / k.fx()};
    double[] ys = {-k.cy() / k.fy(), (k.height() - k.cy()) / k.fy()};
    lo[0] = lo[1] = Double.POSITIVE_INFINITY;
    hi[0] = hi[1] = Double.NEGATIVE_INFINITY;
    for (double z : new double[] {depths.dmin(), depths.dmax()}) {
      for (double x : xs) {
        lo[0] = Math.min(lo[0], x * z);
        hi[0] = Math.max(hi[0], x * z);
      }
      for (double y : ys) {
        lo[1] = Math.min(lo[1], y * z);
        hi[1] = Math.max(hi[1], y * z);
      }
    }
    lo[2] = depths.dmin();
    hi[2] = depths.dmax();
  }

  /** The ray samples as a continuous field over camera space. */
  private record RayVolume(float[] probs, int raysH, int raysW, DepthSampling depths, Intrinsics k) {

    double probability(double x, double y, double z) {
      int m = depths.m();
      double j = (z - depths.dmin()) / depths.step();
      if (!(j >= -1e-9 && j <= m - 1 + 1e-9)) {
        return 0;
      }
      double px = k.fx() * x / z + k.cx(), py = k.fy() * y / z + k.cy();
      if (!(px >= 0 && px <= k.width() && py >= 0 && py <= k.height())) {
        return 0;
      }
      double u = clamp(px / k.width() * raysW - 0.5, raysW - 1);
      double v = clamp(py / k.height() * raysH - 0.5, raysH - 1);
      j = clamp(j, m - 1);
      int u0 = Math.min((int) u, Math.max(0, raysW - 2)), v0 = Math.min((int) v, Math.max(0, raysH - 2));
      int j0 = Math.min((int) j, m - 2);
      int u1 = Math.min(u0 + 1, raysW - 1), v1 = Math.min(v0 + 1, raysH - 1);
      double fu = u - u0, fv = v - v0, fj = j - j0;
      double c00 = lerpDepth(v0, u0, j0, fj), c01 = lerpDepth(v0, u1, j0, fj);
      double c10 = lerpDepth(v1, u0, j0, fj), c11 = lerpDepth(v1, u1, j0, fj);
      double top = c00 + (c01 - c00) * fu, bottom = c10 + (c11 - c10) * fu;
      return top + (bottom - top) * fv;
    }

    private double lerpDepth(int v, int u, int j0, double fj) {
      int base = (v * raysW + u) * depths.m() + j0;
      return probs[base] + (probs[base + 1] - probs[base]) * fj;
    }

    private static double clamp(double value, double max) {
      return Math.max(0, Math.min(max, value));
    }
  }
}
