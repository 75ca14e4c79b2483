package dev.rayform.recon.colour;

/**
 * Fills the unknown pixels of an image from the known ones by push-pull: known colours are averaged
 * down a pyramid of halvings until every level is covered, then each unknown pixel takes the colour
 * of the coarser level (bilinearly), so gaps get a smooth blend of the nearest known colours.
 */
final class PushPull {
  private PushPull() {}

  /**
   * Fills in place every pixel whose {@code weight} is 0; known pixels (weight 1) keep their colour.
   * Leaves everything as it is when no pixel is known.
   */
  static void fill(float[] r, float[] g, float[] b, float[] weight, int w, int h) {
    if (w <= 1 && h <= 1) {
      return;
    }
    int cw = (w + 1) / 2, ch = (h + 1) / 2;
    float[] cr = new float[cw * ch], cg = new float[cw * ch], cb = new float[cw * ch], cwt = new float[cw * ch];
    boolean any = false;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (weight[i] <= 0) {
          continue;
        }
        int c = (y / 2) * cw + x / 2;
        cr[c] += r[i] * weight[i];
        cg[c] += g[i] * weight[i];
        cb[c] += b[i] * weight[i];
        cwt[c] += weight[i];
        any = true;
      }
    }
    if (!any) {
      return;
    }
    for (int c = 0; c < cwt.length; c++) {
      if (cwt[c] > 0) {
        cr[c] /= cwt[c];
        cg[c] /= cwt[c];
        cb[c] /= cwt[c];
        cwt[c] = 1;
      }
    }
    fill(cr, cg, cb, cwt, cw, ch);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (weight[i] > 0) {
          continue;
        }
        // The pixel's centre in the coarse level's pixel coordinates.
        double fx = Math.max(0, Math.min(cw - 1, (x + 0.5) / 2 - 0.5));
        double fy = Math.max(0, Math.min(ch - 1, (y + 0.5) / 2 - 0.5));
        int x0 = (int) fx, y0 = (int) fy, x1 = Math.min(cw - 1, x0 + 1), y1 = Math.min(ch - 1, y0 + 1);
        float ax = (float) (fx - x0), ay = (float) (fy - y0);
        r[i] = bilinear(cr, cw, x0, y0, x1, y1, ax, ay);
        g[i] = bilinear(cg, cw, x0, y0, x1, y1, ax, ay);
        b[i] = bilinear(cb, cw, x0, y0, x1, y1, ax, ay);
        weight[i] = 1;
      }
    }
  }

  private static float bilinear(float[] c, int w, int x0, int y0, int x1, int y1, float ax, float ay) {
    float top = c[y0 * w + x0] * (1 - ax) + c[y0 * w + x1] * ax;
    float bottom = c[y1 * w + x0] * (1 - ax) + c[y1 * w + x1] * ax;
    return top * (1 - ay) + bottom * ay;
  }
}
