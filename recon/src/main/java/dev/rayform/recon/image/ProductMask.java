package dev.rayform.recon.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.setRNGSeed;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_FGD;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_INIT_WITH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.GC_PR_FGD;

import dev.rayform.recon.ReconException;
import java.awt.image.BufferedImage;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Separates the product from its background. In order: the alpha channel when the photo has one;
 * a plain light background (everything connected to the border within a tolerance of its colour);
 * otherwise OpenCV's GrabCut, seeded with a rectangle inset from the frame's edges (the product in
 * the middle of the picture), kept only when the result looks like one object: its largest piece
 * with holes filled, covering a sensible share of the frame, not running along the seed rectangle.
 * When none of them separates the product, {@link #NOT_SEPARABLE}.
 */
public final class ProductMask {
  /** The stable error code of a photo whose product cannot be separated from its background. */
  public static final String NOT_SEPARABLE = "background_not_separable";
  /** GrabCut works on the photo scaled so that its longest side is at most this. */
  static final int GRABCUT_SIDE = 256;
  /** The seed rectangle leaves this share of each side outside (background for certain). */
  static final double INSET = 0.04;
  /**
   * A second cut from a tighter rectangle must agree with the first (IoU at least {@link
   * #MIN_AGREEMENT}): an object that stands out from its background is found from either seed, while
   * clutter joins or leaves the mask with the seed.
   */
  static final double CHECK_INSET = 0.1;
  static final double MIN_AGREEMENT = 0.9;
  static final int ITERATIONS = 5;
  /** A separated product covers between these shares of the frame. */
  static final double MIN_COVERAGE = 0.02;
  static final double MAX_COVERAGE = 0.7;
  /** At most this share of the seed rectangle's edge may be product (more: the frame was cut, not an object). */
  static final double MAX_EDGE_SHARE = 0.25;
  private static final int SEED = 0x5eed;

  private ProductMask() {}

  /**
   * The photo with its product's mask.
   *
   * @throws ReconException {@link #NOT_SEPARABLE} when the product cannot be told from its background
   */
  public static ProductPhoto separate(BufferedImage image) {
    int w = image.getWidth(), h = image.getHeight();
    int[] argb = Pixels.argb(image);
    if (Pixels.hasTransparency(argb)) {
      boolean[] mask = new boolean[argb.length];
      for (int i = 0; i < argb.length; i++) {
        mask[i] = argb[i] >>> 24 >= 128;
      }
      return new ProductPhoto(w, h, Pixels.compositeOnWhite(argb), mask, "alpha", -1);
    }
    int[] rgb = Pixels.opaque(argb);
    boolean[] background = BackgroundRemover.background(rgb, w, h);
    if (background != null) {
      boolean[] mask = new boolean[rgb.length];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = !background[i];
      }
      return new ProductPhoto(w, h, rgb, mask, "plain", BackgroundRemover.borderMedian(rgb, w, h));
    }
    boolean[] mask = grabCut(rgb, w, h);
    if (mask == null) {
      throw new ReconException(NOT_SEPARABLE, "the product could not be separated from the background of this "
          + w + "x" + h + " photo: use a plain light background or a PNG with transparency");
    }
    return new ProductPhoto(w, h, rgb, mask, "grabcut", -1);
  }

  /** GrabCut's product mask at full size, or null when the result does not look like one object. */
  static boolean[] grabCut(int[] rgb, int w, int h) {
    if (w < 8 || h < 8) {
      return null;
    }
    double scale = Math.min(1, GRABCUT_SIDE / (double) Math.max(w, h));
    int sw = Math.max(8, (int) Math.round(w * scale)), sh = Math.max(8, (int) Math.round(h * scale));
    byte[] bgr = downscaledBgr(rgb, w, h, sw, sh);
    boolean[] small = cut(bgr, sw, sh, INSET);
    if (small == null || iou(small, cut(bgr, sw, sh, CHECK_INSET)) < MIN_AGREEMENT) {
      return null;
    }
    boolean[] full = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      int sy = Math.min(sh - 1, (int) ((y + 0.5) * sh / h));
      for (int x = 0; x < w; x++) {
        full[y * w + x] = small[sy * sw + Math.min(sw - 1, (int) ((x + 0.5) * sw / w))];
      }
    }
    return full;
  }

  /** GrabCut's mask from a rectangle inset by {@code inset}: its largest piece, holes filled; null when it does not look like one object. */
  private static boolean[] cut(byte[] bgr, int sw, int sh, double inset) {
    int mx = Math.max(1, (int) Math.round(inset * sw)), my = Math.max(1, (int) Math.round(inset * sh));
    byte[] labels = new byte[sw * sh];
    synchronized (ProductMask.class) { // OpenCV's random state (k-means seeding) is per thread; one seed per call
      setRNGSeed(SEED);
      try (Mat img = new Mat(sh, sw, CV_8UC3); Mat mask = new Mat(); Mat bgd = new Mat(); Mat fgd = new Mat();
          Rect rect = new Rect(mx, my, sw - 2 * mx, sh - 2 * my)) {
        img.data().put(bgr);
        opencv_imgproc.grabCut(img, mask, rect, bgd, fgd, ITERATIONS, GC_INIT_WITH_RECT);
        mask.data().get(labels);
      }
    }
    boolean[] small = new boolean[sw * sh];
    for (int i = 0; i < small.length; i++) {
      small[i] = labels[i] == GC_FGD || labels[i] == GC_PR_FGD;
    }
    small = fillHoles(largestPiece(small, sw, sh), sw, sh);
    return looksLikeOneObject(small, sw, sh, mx, my) ? small : null;
  }

  static double iou(boolean[] a, boolean[] b) {
    if (b == null) {
      return 0;
    }
    int both = 0, either = 0;
    for (int i = 0; i < a.length; i++) {
      both += a[i] && b[i] ? 1 : 0;
      either += a[i] || b[i] ? 1 : 0;
    }
    return either == 0 ? 0 : both / (double) either;
  }

  static boolean looksLikeOneObject(boolean[] mask, int w, int h, int mx, int my) {
    int n = 0;
    for (boolean m : mask) {
      n += m ? 1 : 0;
    }
    double coverage = n / (double) mask.length;
    if (coverage < MIN_COVERAGE || coverage > MAX_COVERAGE) {
      return false;
    }
    int edge = 0, onEdge = 0;
    for (int x = mx; x < w - mx; x++) {
      for (int y : new int[] {my, h - my - 1}) {
        edge++;
        onEdge += mask[y * w + x] ? 1 : 0;
      }
    }
    for (int y = my; y < h - my; y++) {
      for (int x : new int[] {mx, w - mx - 1}) {
        edge++;
        onEdge += mask[y * w + x] ? 1 : 0;
      }
    }
    return onEdge <= MAX_EDGE_SHARE * edge;
  }

  /** Box-filtered BGR bytes of the photo at {@code sw x sh}. */
  private static byte[] downscaledBgr(int[] rgb, int w, int h, int sw, int sh) {
    byte[] out = new byte[3 * sw * sh];
    for (int y = 0; y < sh; y++) {
      int y0 = y * h / sh, y1 = Math.max(y0 + 1, (y + 1) * h / sh);
      for (int x = 0; x < sw; x++) {
        int x0 = x * w / sw, x1 = Math.max(x0 + 1, (x + 1) * w / sw);
        long r = 0, g = 0, b = 0, n = 0;
        for (int yy = y0; yy < y1; yy++) {
          for (int xx = x0; xx < x1; xx++) {
            int p = rgb[yy * w + xx];
            r += p >> 16 & 0xff;
            g += p >> 8 & 0xff;
            b += p & 0xff;
            n++;
          }
        }
        int o = 3 * (y * sw + x);
        out[o] = (byte) (b / n);
        out[o + 1] = (byte) (g / n);
        out[o + 2] = (byte) (r / n);
      }
    }
    return out;
  }

  /** The largest 4-connected piece of the mask. */
  static boolean[] largestPiece(boolean[] mask, int w, int h) {
    int[] label = new int[mask.length];
    int[] queue = new int[mask.length];
    int best = 0, bestSize = 0, next = 0;
    for (int start = 0; start < mask.length; start++) {
      if (!mask[start] || label[start] != 0) {
        continue;
      }
      int id = ++next, head = 0, tail = 0;
      label[start] = id;
      queue[tail++] = start;
      while (head < tail) {
        int p = queue[head++], x = p % w, y = p / w;
        int[] around = {x > 0 ? p - 1 : -1, x + 1 < w ? p + 1 : -1, y > 0 ? p - w : -1, y + 1 < h ? p + w : -1};
        for (int q : around) {
          if (q >= 0 && mask[q] && label[q] == 0) {
            label[q] = id;
            queue[tail++] = q;
          }
        }
      }
      if (tail > bestSize) {
        bestSize = tail;
        best = id;
      }
    }
    boolean[] out = new boolean[mask.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = best != 0 && label[i] == best;
    }
    return out;
  }

  /** The mask with every background region that does not reach the border filled. */
  static boolean[] fillHoles(boolean[] mask, int w, int h) {
    boolean[] outside = new boolean[mask.length];
    int[] queue = new int[mask.length];
    int tail = 0;
    for (int x = 0; x < w; x++) {
      for (int p : new int[] {x, (h - 1) * w + x}) {
        if (!mask[p] && !outside[p]) {
          outside[p] = true;
          queue[tail++] = p;
        }
      }
    }
    for (int y = 0; y < h; y++) {
      for (int p : new int[] {y * w, y * w + w - 1}) {
        if (!mask[p] && !outside[p]) {
          outside[p] = true;
          queue[tail++] = p;
        }
      }
    }
    for (int head = 0; head < tail; head++) {
      int p = queue[head], x = p % w, y = p / w;
      int[] around = {x > 0 ? p - 1 : -1, x + 1 < w ? p + 1 : -1, y > 0 ? p - w : -1, y + 1 < h ? p + w : -1};
      for (int q : around) {
        if (q >= 0 && !mask[q] && !outside[q]) {
          outside[q] = true;
          queue[tail++] = q;
        }
      }
    }
    boolean[] out = new boolean[mask.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = !outside[i];
    }
    return out;
  }
}
