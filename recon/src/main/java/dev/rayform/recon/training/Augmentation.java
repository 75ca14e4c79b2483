package dev.rayform.recon.training;

import dev.rayform.recon.image.ImagePreprocessor;
import java.util.SplittableRandom;

/**
 * Photometric and mirror augmentation of a training view, drawn per item at load time. Every change
 * keeps the labels exact: the horizontal flip mirrors the scene in the camera's y-z plane (the
 * principal point is centred), so the ray through {@code (1 - x, y)} of the flipped image has the
 * labels of the ray through {@code (x, y)}; the colour changes (hue rotation about the grey axis,
 * saturation, contrast towards white, gamma) leave the white background white, as the inference
 * pipeline composites every photo on white.
 */
public record Augmentation(boolean flip, double hue, double saturation, double contrast, double gamma) {
  public static final Augmentation NONE = new Augmentation(false, 0, 1, 1, 1);

  public static Augmentation draw(SplittableRandom random) {
    boolean flip = random.nextBoolean();
    double hue = (random.nextDouble() - 0.5) * 0.2; // +-0.1 turn
    double saturation = 0.6 + 0.8 * random.nextDouble();
    double contrast = 0.75 + 0.5 * random.nextDouble();
    double gamma = Math.exp((random.nextDouble() - 0.5) * 0.7); // about 0.7 to 1.4
    return new Augmentation(flip, hue, saturation, contrast, gamma);
  }

  public boolean isIdentity() {
    return equals(NONE);
  }

  /** The x coordinate of a position in [0,1] after the flip. */
  public float x(float x) {
    return flip ? 1 - x : x;
  }

  /**
   * Writes the augmented, normalised CHW floats of {@code rgb} (interleaved 8-bit RGB, {@code size}
   * square) into {@code out} from {@code offset}.
   */
  public void apply(byte[] rgb, int size, float[] out, int offset) {
    int plane = size * size;
    double[] rot = hueRotation(2 * Math.PI * hue);
    boolean colour = !(hue == 0 && saturation == 1 && contrast == 1 && gamma == 1);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int src = 3 * (y * size + (flip ? size - 1 - x : x));
        float r = (rgb[src] & 0xff) / 255f, g = (rgb[src + 1] & 0xff) / 255f, b = (rgb[src + 2] & 0xff) / 255f;
        if (colour) {
          double rr = rot[0] * r + rot[1] * g + rot[2] * b;
          double gg = rot[3] * r + rot[4] * g + rot[5] * b;
          double bb = rot[6] * r + rot[7] * g + rot[8] * b;
          double l = 0.299 * rr + 0.587 * gg + 0.114 * bb;
          r = adjust(l + saturation * (rr - l));
          g = adjust(l + saturation * (gg - l));
          b = adjust(l + saturation * (bb - l));
        }
        int o = offset + y * size + x;
        out[o] = ImagePreprocessor.normalise(r, 0);
        out[o + plane] = ImagePreprocessor.normalise(g, 1);
        out[o + 2 * plane] = ImagePreprocessor.normalise(b, 2);
      }
    }
  }

  /** Contrast towards white, then gamma; white stays white. */
  private float adjust(double c) {
    double v = 1 - (1 - Math.min(1, Math.max(0, c))) * contrast;
    return (float) Math.pow(Math.min(1, Math.max(0, v)), gamma);
  }

  /** Rotation by {@code angle} about the grey axis (1, 1, 1) / sqrt(3), row-major. */
  static double[] hueRotation(double angle) {
    double c = Math.cos(angle), s = Math.sin(angle), t = (1 - c) / 3, q = s / Math.sqrt(3);
    return new double[] {
        c + t, t - q, t + q,
        t + q, c + t, t - q,
        t - q, t + q, c + t};
  }
}
