package dev.rayform.recon.image;

/**
 * Resamples a square source region (which may reach past the image, where it reads white) to a
 * {@code size x size} image, separably: exact area averaging when shrinking, bilinear when
 * enlarging. Works on 8-bit sRGB values.
 */
final class SquareResampler {
  private SquareResampler() {}

  /** Per output sample: the source indices read, their weights, and the weight given to white. */
  private record AxisWeights(int[][] index, float[][] weight, float[] white) {

    static AxisWeights of(double start, double side, int size, int sourceLength) {
      double scale = side / size;
      int[][] index = new int[size][];
      float[][] weight = new float[size][];
      float[] white = new float[size];
      for (int i = 0; i < size; i++) {
        double[] taps = scale >= 1 ? box(start + i * scale, scale) : bilinear(start + (i + 0.5) * scale - 0.5);
        int first = (int) taps[0], count = taps.length - 1;
        int inside = 0;
        for (int k = 0; k < count; k++) {
          int j = first + k;
          if (j >= 0 && j < sourceLength && taps[k + 1] > 0) {
            inside++;
          }
        }
        index[i] = new int[inside];
        weight[i] = new float[inside];
        int n = 0;
        double whiteWeight = 0;
        for (int k = 0; k < count; k++) {
          int j = first + k;
          if (j >= 0 && j < sourceLength) {
            if (taps[k + 1] > 0) {
              index[i][n] = j;
              weight[i][n++] = (float) taps[k + 1];
            }
          } else {
            whiteWeight += taps[k + 1];
          }
        }
        white[i] = (float) whiteWeight;
      }
      return new AxisWeights(index, weight, white);
    }

    /** {first index, weights...} of the source pixels covering {@code [a, a + length)}. */
    private static double[] box(double a, double length) {
      double b = a + length;
      int first = (int) Math.floor(a), last = (int) Math.ceil(b) - 1;
      double[] taps = new double[last - first + 2];
      taps[0] = first;
      for (int j = first; j <= last; j++) {
        taps[j - first + 1] = (Math.min(b, j + 1) - Math.max(a, j)) / length;
      }
      return taps;
    }

    private static double[] bilinear(double s) {
      int j = (int) Math.floor(s);
      double t = s - j;
      return new double[] {j, 1 - t, t};
    }

    int minIndex(int sourceLength) {
      int min = sourceLength;
      for (int[] ix : index) {
        for (int j : ix) {
          min = Math.min(min, j);
        }
      }
      return min;
    }

    int maxIndex() {
      int max = -1;
      for (int[] ix : index) {
        for (int j : ix) {
          max = Math.max(max, j);
        }
      }
      return max;
    }
  }

  /** Packed RGB of the {@code size x size} result. */
  static int[] resample(int[] rgb, int w, int h, double x0, double y0, double side, int size) {
    AxisWeights cols = AxisWeights.of(x0, side, size, w);
    AxisWeights rows = AxisWeights.of(y0, side, size, h);
    int rowMin = rows.minIndex(h), rowMax = rows.maxIndex();
    int rowCount = Math.max(0, rowMax - rowMin + 1);
    float[][] horizontal = new float[3][rowCount * size];
    for (int r = 0; r < rowCount; r++) {
      int base = (rowMin + r) * w;
      for (int i = 0; i < size; i++) {
        float red = 255 * cols.white[i], green = red, blue = red;
        int[] ix = cols.index[i];
        float[] wt = cols.weight[i];
        for (int k = 0; k < ix.length; k++) {
          int p = rgb[base + ix[k]];
          red += wt[k] * (p >> 16 & 0xff);
          green += wt[k] * (p >> 8 & 0xff);
          blue += wt[k] * (p & 0xff);
        }
        horizontal[0][r * size + i] = red;
        horizontal[1][r * size + i] = green;
        horizontal[2][r * size + i] = blue;
      }
    }
    int[] out = new int[size * size];
    for (int o = 0; o < size; o++) {
      int[] ix = rows.index[o];
      float[] wt = rows.weight[o];
      for (int i = 0; i < size; i++) {
        int p = 0;
        for (int c = 0; c < 3; c++) {
          float v = 255 * rows.white[o];
          for (int k = 0; k < ix.length; k++) {
            v += wt[k] * horizontal[c][(ix[k] - rowMin) * size + i];
          }
          p = p << 8 | Math.max(0, Math.min(255, Math.round(v)));
        }
        out[o * size + i] = p;
      }
    }
    return out;
  }
}
