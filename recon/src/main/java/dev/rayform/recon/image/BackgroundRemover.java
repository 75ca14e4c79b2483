package dev.rayform.recon.image;

/**
 * Whitens a photo's plain light background: when the image border is a near-uniform light colour,
 * everything connected to the border within a tolerance of that colour becomes white. Light parts
 * of the object that do not touch the background region keep their colour.
 */
final class BackgroundRemover {
  /** Border pixels within this per-channel distance of the border median count as uniform. */
  static final int BORDER_TOLERANCE = 24;
  /** At least this share of the border must be uniform to call it a background. */
  static final double UNIFORM_SHARE = 0.9;
  /** The median border colour must be at least this light (luma, 0-255). */
  static final double MIN_LUMA = 170;
  /** Flood fill accepts pixels within this per-channel distance of the border median. */
  static final int FILL_TOLERANCE = 32;

  private BackgroundRemover() {}

  /** Whitens the background in place; returns whether a background was found. */
  static boolean whiten(int[] rgb, int w, int h) {
    boolean[] background = background(rgb, w, h);
    if (background == null) {
      return false;
    }
    for (int i = 0; i < rgb.length; i++) {
      if (background[i]) {
        rgb[i] = Pixels.WHITE;
      }
    }
    return true;
  }

  /** The median colour of the image's border: a plain background's colour. */
  static int borderMedian(int[] rgb, int w, int h) {
    return medianColour(rgb, borderIndices(w, h));
  }

  /** The plain light background (pixels connected to the border within tolerance of its colour), or null when there is none. */
  static boolean[] background(int[] rgb, int w, int h) {
    int[] border = borderIndices(w, h);
    int median = medianColour(rgb, border);
    int uniform = 0;
    for (int i : border) {
      if (Pixels.distance(rgb[i], median) <= BORDER_TOLERANCE) {
        uniform++;
      }
    }
    if (uniform < UNIFORM_SHARE * border.length || Pixels.luma(median) < MIN_LUMA) {
      return null;
    }
    return floodFill(rgb, w, h, border, median);
  }

  private static boolean[] floodFill(int[] rgb, int w, int h, int[] border, int median) {
    boolean[] seen = new boolean[rgb.length];
    int[] queue = new int[rgb.length];
    int head = 0, tail = 0;
    for (int i : border) {
      if (!seen[i] && Pixels.distance(rgb[i], median) <= FILL_TOLERANCE) {
        seen[i] = true;
        queue[tail++] = i;
      }
    }
    while (head < tail) {
      int i = queue[head++];
      int x = i % w, y = i / w;
      if (x > 0) {
        tail = visit(rgb, seen, queue, tail, i - 1, median);
      }
      if (x < w - 1) {
        tail = visit(rgb, seen, queue, tail, i + 1, median);
      }
      if (y > 0) {
        tail = visit(rgb, seen, queue, tail, i - w, median);
      }
      if (y < h - 1) {
        tail = visit(rgb, seen, queue, tail, i + w, median);
      }
    }
    return seen;
  }

  private static int visit(int[] rgb, boolean[] seen, int[] queue, int tail, int i, int median) {
    if (!seen[i] && Pixels.distance(rgb[i], median) <= FILL_TOLERANCE) {
      seen[i] = true;
      queue[tail++] = i;
    }
    return tail;
  }

  private static int[] borderIndices(int w, int h) {
    if (w == 1 || h == 1) {
      int[] all = new int[w * h];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] idx = new int[2 * w + 2 * (h - 2)];
    int n = 0;
    for (int x = 0; x < w; x++) {
      idx[n++] = x;
      idx[n++] = (h - 1) * w + x;
    }
    for (int y = 1; y < h - 1; y++) {
      idx[n++] = y * w;
      idx[n++] = y * w + w - 1;
    }
    return idx;
  }

  /** Per-channel median of the given pixels. */
  private static int medianColour(int[] rgb, int[] indices) {
    int[][] histogram = new int[3][256];
    for (int i : indices) {
      int p = rgb[i];
      histogram[0][p >> 16 & 0xff]++;
      histogram[1][p >> 8 & 0xff]++;
      histogram[2][p & 0xff]++;
    }
    int colour = 0;
    for (int c = 0; c < 3; c++) {
      int seen = 0, v = 0;
      while (seen + histogram[c][v] <= indices.length / 2) {
        seen += histogram[c][v++];
      }
      colour = colour << 8 | v;
    }
    return colour;
  }
}
