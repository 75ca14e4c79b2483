package dev.rayform.recon.image;

import java.awt.image.BufferedImage;

/**
 * Turns an input image into the network's input, framed like our training renders: background to
 * white, crop to the object, pad to a square in which the object's longest side takes
 * {@link #TRAINING_OBJECT_FRACTION} of the side, resize, ImageNet-normalise to CHW floats.
 */
public final class ImagePreprocessor {
  /**
   * Median over training renders of the object's longest bounding-box side over the image side.
   * Measured with the {@code Renderer} and {@code ViewSampler.defaults(224)} on procedural shapes of
   * all 13 categories (object = pixels more than {@link #FOREGROUND_THRESHOLD} from white): median
   * 0.6875 over 312 renders (4 shapes x 6 views per category; range 0.24-1.0, the spread coming
   * from the view direction). {@code ImageTrainingFramingTest} re-checks it on 39 renders.
   */
  public static final double TRAINING_OBJECT_FRACTION = 0.69;

  /** ImageNet channel means and standard deviations (RGB), as the ResNet encoder expects. */
  static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  static final float[] STD = {0.229f, 0.224f, 0.225f};

  /** A pixel is object when some channel is darker than white by more than this (0-255). */
  static final int FOREGROUND_THRESHOLD = 12;

  private ImagePreprocessor() {}

  /** Prepares a photo with the training framing fraction. */
  public static PreparedImage prepare(BufferedImage image, int size) {
    return prepare(image, size, TRAINING_OBJECT_FRACTION);
  }

  /**
   * Prepares a photo: (a) the product separated from its background ({@link ProductMask}: alpha,
   * a plain light background, or GrabCut) and the background made white; (b) cropped to the object; (c) padded to a square where the object's longest side is
   * {@code objectFraction} of the side; (d) resized to {@code size x size}; (e) normalised.
   */
  public static PreparedImage prepare(BufferedImage image, int size, double objectFraction) {
    requireSize(size);
    if (!(objectFraction > 0 && objectFraction <= 1)) {
      throw new IllegalArgumentException("object fraction must be in (0, 1], got " + objectFraction);
    }
    int w = image.getWidth(), h = image.getHeight();
    ProductPhoto photo = ProductMask.separate(image);
    int[] rgb = photo.onWhite();
    Crop crop = frame(rgb, w, h, objectFraction);
    return finish(SquareResampler.resample(rgb, w, h, crop.regionX(), crop.regionY(), crop.regionSide(), size), size,
        crop, photo);
  }

  /**
   * Prepares an image that already has the training framing (a dataset render): composite on white,
   * pad to a square if needed, resize and normalise, without cropping. The training input pipeline
   * should read its views through this same method so that both sides see identical pixels.
   */
  public static PreparedImage prepareFramed(BufferedImage image, int size) {
    requireSize(size);
    int w = image.getWidth(), h = image.getHeight();
    int[] argb = Pixels.argb(image);
    int[] rgb = Pixels.compositeOnWhite(argb);
    boolean alpha = Pixels.hasTransparency(argb);
    boolean[] mask = new boolean[rgb.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = alpha ? argb[i] >>> 24 >= 128 : Pixels.distance(rgb[i], Pixels.WHITE) > FOREGROUND_THRESHOLD;
    }
    double side = Math.max(w, h);
    double x0 = 0.5 * (w - side), y0 = 0.5 * (h - side);
    Crop crop = new Crop(w, h, 0, 0, w, h, x0, y0, side, true);
    return finish(SquareResampler.resample(rgb, w, h, x0, y0, side, size), size, crop,
        new ProductPhoto(w, h, rgb, mask, alpha ? "alpha" : "plain", alpha ? -1 : Pixels.WHITE));
  }

  /**
   * An already prepared image as ImageNet-normalised CHW floats, {@code chw[(c * h + y) * w + x]};
   * alpha is ignored.
   */
  public static float[] toChw(BufferedImage image) {
    int w = image.getWidth(), h = image.getHeight(), plane = w * h;
    int[] argb = Pixels.argb(image);
    float[] chw = new float[3 * plane];
    for (int i = 0; i < plane; i++) {
      int p = argb[i];
      chw[i] = normalise(p >> 16 & 0xff, 0);
      chw[plane + i] = normalise(p >> 8 & 0xff, 1);
      chw[2 * plane + i] = normalise(p & 0xff, 2);
    }
    return chw;
  }

  private static float normalise(int value, int channel) {
    return normalise(value / 255f, channel);
  }

  /** The network's input value of a channel value in [0,1] (ImageNet mean and deviation). */
  public static float normalise(float unit, int channel) {
    return (unit - MEAN[channel]) / STD[channel];
  }

  /** The object's box and the square region around it with the object at {@code fraction}. */
  static Crop frame(int[] rgb, int w, int h, double fraction) {
    int minX = w, minY = h, maxX = -1, maxY = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (Pixels.distance(rgb[y * w + x], Pixels.WHITE) > FOREGROUND_THRESHOLD) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    boolean found = maxX >= 0;
    if (!found) {
      minX = 0;
      minY = 0;
      maxX = w - 1;
      maxY = h - 1;
    }
    int bw = maxX - minX + 1, bh = maxY - minY + 1;
    double side = Math.max(bw, bh) / fraction;
    double cx = minX + 0.5 * bw, cy = minY + 0.5 * bh;
    return new Crop(w, h, minX, minY, bw, bh, cx - 0.5 * side, cy - 0.5 * side, side, found);
  }

  private static PreparedImage finish(int[] rgb, int size, Crop crop, ProductPhoto photo) {
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, size, size, rgb, 0, size);
    return new PreparedImage(out, toChw(out), crop, photo);
  }

  private static void requireSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("output size must be positive, got " + size);
    }
  }
}
