package dev.rayform.recon.colour;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.render.RenderOptions;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;

/**
 * Takes the photo's lighting out of the colours cut from it, as far as a first-order model can: the
 * log-luminance of the visible surface is fitted as its colour's albedo plus a linear function of
 * the surface normal (one distant light and ambient light, to first order), and the texture is
 * divided by the fitted shading. Each hue (and grey) has an albedo of its own, so a product's
 * differently coloured parts do not pass for light and shadow; the shading's own mean is kept, so
 * the product's overall brightness stays the photo's. Normals come from the reconstruction's depth
 * seen from the input camera, at {@link #GRID}^2: shading is smooth, detail stays the photo's.
 * Without a few hundred usable samples, or with a product of one flat face, nothing changes.
 */
final class Shading {
  /** Side of the depth render the normals come from. */
  static final int GRID = 128;
  /**
   * The share of the fitted shading taken out (in log terms): half, so the photo's strongest light
   * and shadow soften while the mesh seen from the photo's camera stays within about 12/255 of the
   * photo (issue 15's bound; SampleCatalogueColourTest) and a poor fit cannot repaint a product.
   */
  static final double STRENGTH = 0.5;
  /** The strongest correction: a texel is brightened or darkened by at most this factor. */
  static final double MAX_FACTOR = 1.3;
  static final int MIN_SAMPLES = 200;
  private static final int HUES = 6;
  private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  private Shading() {}

  /**
   * Divides the known texels ({@code weight > 0}) of a {@code size x size} texture cut along the
   * input camera's view by the shading fitted to them, in place.
   */
  static void remove(float[] r, float[] g, float[] b, float[] weight, int size, Mesh cameraMesh, double normalizedFocal) {
    float[] factor = factors(r, g, b, weight, size, cameraMesh, normalizedFocal);
    if (factor == null) {
      return;
    }
    for (int ty = 0; ty < size; ty++) {
      for (int tx = 0; tx < size; tx++) {
        int t = ty * size + tx;
        if (weight[t] <= 0) {
          continue;
        }
        float s = bilinear(factor, (tx + 0.5f) * GRID / size - 0.5f, (ty + 0.5f) * GRID / size - 0.5f);
        r[t] = Math.min(255, r[t] / s);
        g[t] = Math.min(255, g[t] / s);
        b[t] = Math.min(255, b[t] / s);
      }
    }
  }

  /** The shading at each cell of the {@code GRID^2} view (1 where the product is not seen), or null to leave the texture as it is. */
  static float[] factors(float[] r, float[] g, float[] b, float[] weight, int size, Mesh cameraMesh, double normalizedFocal) {
    float[] normals = normals(cameraMesh, normalizedFocal);
    // Samples: cells with a normal whose texel is known and neither black nor blown out.
    int n = GRID * GRID;
    double[] logY = new double[n];
    int[] group = new int[n];
    boolean[] used = new boolean[n];
    int count = 0;
    for (int y = 0; y < GRID; y++) {
      for (int x = 0; x < GRID; x++) {
        int c = y * GRID + x;
        if (Float.isNaN(normals[3 * c])) {
          continue;
        }
        int t = Math.min(size - 1, (int) ((y + 0.5) * size / GRID)) * size + Math.min(size - 1, (int) ((x + 0.5) * size / GRID));
        if (weight[t] <= 0) {
          continue;
        }
        double lum = 0.299 * r[t] + 0.587 * g[t] + 0.114 * b[t];
        if (lum < 10 || Math.max(r[t], Math.max(g[t], b[t])) > 250) {
          continue;
        }
        logY[c] = Math.log(lum);
        group[c] = hueGroup(r[t], g[t], b[t]);
        used[c] = true;
        count++;
      }
    }
    if (count < MIN_SAMPLES) {
      return null;
    }
    double[] gamma = fit(logY, group, used, normals);
    if (gamma == null) {
      return null;
    }
    double mean = 0;
    for (int c = 0; c < n; c++) {
      if (used[c]) {
        mean += gamma[0] * normals[3 * c] + gamma[1] * normals[3 * c + 1] + gamma[2] * normals[3 * c + 2];
      }
    }
    mean /= count;
    float[] factor = new float[n];
    float[] known = new float[n];
    for (int c = 0; c < n; c++) {
      if (Float.isNaN(normals[3 * c])) {
        continue;
      }
      double s = Math.exp(STRENGTH * (gamma[0] * normals[3 * c] + gamma[1] * normals[3 * c + 1] + gamma[2] * normals[3 * c + 2] - mean));
      factor[c] = (float) Math.max(1 / MAX_FACTOR, Math.min(MAX_FACTOR, s));
      known[c] = 1;
    }
    // Cells without a normal (the rim, depth steps) take the shading of their neighbours.
    float[] copy1 = factor.clone(), copy2 = factor.clone();
    PushPull.fill(factor, copy1, copy2, known, GRID, GRID);
    return factor;
  }

  /**
   * The normal's coefficients of the least-squares fit log Y = albedo(group) + gamma . n: within each
   * group, log Y and n less their group's means, then the 3 x 3 normal equations. Null when the
   * normals barely vary (a flat face: light and albedo cannot be told apart).
   */
  static double[] fit(double[] logY, int[] group, boolean[] used, float[] normals) {
    int groups = HUES + 1;
    double[] sumY = new double[groups];
    double[][] sumN = new double[groups][3];
    int[] size = new int[groups];
    for (int c = 0; c < used.length; c++) {
      if (used[c]) {
        sumY[group[c]] += logY[c];
        for (int k = 0; k < 3; k++) {
          sumN[group[c]][k] += normals[3 * c + k];
        }
        size[group[c]]++;
      }
    }
    double[][] ata = new double[3][3];
    double[] aty = new double[3];
    for (int c = 0; c < used.length; c++) {
      if (!used[c]) {
        continue;
      }
      int q = group[c];
      double[] d = new double[3];
      for (int k = 0; k < 3; k++) {
        d[k] = normals[3 * c + k] - sumN[q][k] / size[q];
      }
      double dy = logY[c] - sumY[q] / size[q];
      for (int i = 0; i < 3; i++) {
        aty[i] += d[i] * dy;
        for (int j = 0; j < 3; j++) {
          ata[i][j] += d[i] * d[j];
        }
      }
    }
    double trace = ata[0][0] + ata[1][1] + ata[2][2];
    double det = det3(ata);
    if (!(trace > 0) || !(det > 1e-6 * trace * trace * trace)) {
      return null;
    }
    double[] out = new double[3];
    for (int k = 0; k < 3; k++) {
      double[][] m = {ata[0].clone(), ata[1].clone(), ata[2].clone()};
      for (int i = 0; i < 3; i++) {
        m[i][k] = aty[i];
      }
      out[k] = det3(m) / det;
    }
    return out;
  }

  /** 0 for greys (saturation under 0.15), else 1 + the hue's sixth of the circle. */
  static int hueGroup(float r, float g, float b) {
    float max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
    if (max <= 0 || (max - min) / max < 0.15f) {
      return 0;
    }
    float[] hsb = java.awt.Color.RGBtoHSB(Math.round(r), Math.round(g), Math.round(b), null);
    return 1 + Math.min(HUES - 1, (int) (hsb[0] * HUES));
  }

  /**
   * Unit normals (camera axes) of the surface seen at each cell of a {@code GRID^2} view from the
   * input camera, from the depth's differences; NaN where there is no surface, or a neighbour lies
   * across a depth step.
   */
  static float[] normals(Mesh cameraMesh, double normalizedFocal) {
    Intrinsics k = Intrinsics.centered(GRID, GRID, normalizedFocal);
    Rendering seen = new Renderer(RenderOptions.UNLIT.withSupersampling(1)).render(cameraMesh, new Camera(k, new Extrinsics(IDENTITY, new double[3])));
    float[] depth = seen.depth();
    float[] out = new float[3 * GRID * GRID];
    java.util.Arrays.fill(out, Float.NaN);
    for (int y = 1; y < GRID - 1; y++) {
      for (int x = 1; x < GRID - 1; x++) {
        int c = y * GRID + x;
        if (!(seen.alpha()[c] > 0.5f) || !(seen.alpha()[c - 1] > 0.5f) || !(seen.alpha()[c + 1] > 0.5f)
            || !(seen.alpha()[c - GRID] > 0.5f) || !(seen.alpha()[c + GRID] > 0.5f)) {
          continue;
        }
        double z = depth[c];
        if (Math.abs(depth[c + 1] - depth[c - 1]) > 0.1 * z || Math.abs(depth[c + GRID] - depth[c - GRID]) > 0.1 * z) {
          continue;
        }
        double[] px = point(k, x + 1, y, depth[c + 1]), mx = point(k, x - 1, y, depth[c - 1]);
        double[] py = point(k, x, y + 1, depth[c + GRID]), my = point(k, x, y - 1, depth[c - GRID]);
        double ux = px[0] - mx[0], uy = px[1] - mx[1], uz = px[2] - mx[2];
        double vx = py[0] - my[0], vy = py[1] - my[1], vz = py[2] - my[2];
        // u x v points away from the camera for x right, y down: the outward normal is v x u.
        double nx = vy * uz - vz * uy, ny = vz * ux - vx * uz, nz = vx * uy - vy * ux;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (!(len > 0)) {
          continue;
        }
        out[3 * c] = (float) (nx / len);
        out[3 * c + 1] = (float) (ny / len);
        out[3 * c + 2] = (float) (nz / len);
      }
    }
    return out;
  }

  private static double[] point(Intrinsics k, int x, int y, double z) {
    return new double[] {(x + 0.5 - k.cx()) / k.fx() * z, (y + 0.5 - k.cy()) / k.fy() * z, z};
  }

  private static double det3(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  private static float bilinear(float[] grid, float x, float y) {
    x = Math.max(0, Math.min(GRID - 1, x));
    y = Math.max(0, Math.min(GRID - 1, y));
    int x0 = Math.min(GRID - 2, (int) x), y0 = Math.min(GRID - 2, (int) y);
    float fx = x - x0, fy = y - y0;
    float a = grid[y0 * GRID + x0], b = grid[y0 * GRID + x0 + 1], c = grid[(y0 + 1) * GRID + x0], d = grid[(y0 + 1) * GRID + x0 + 1];
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
  }
}
