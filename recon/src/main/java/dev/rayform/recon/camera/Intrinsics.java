package dev.rayform.recon.camera;

/**
 * Pinhole intrinsics in pixels for a {@code width x height} image: focal lengths {@code fx, fy} and
 * principal point {@code (cx, cy)}. Pixel {@code (i, j)} covers {@code [i, i+1) x [j, j+1)}, so its
 * centre is at {@code (i + 0.5, j + 0.5)}.
 */
public record Intrinsics(int width, int height, double fx, double fy, double cx, double cy) {
  public Intrinsics {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    if (!(fx > 0) || !(fy > 0)) {
      throw new IllegalArgumentException("focal lengths must be positive: " + fx + ", " + fy);
    }
  }

  /**
   * Square pixels, principal point at the image centre, focal given in units of the image width
   * (the normalised focal: 1.0 means a horizontal field of view of about 53 degrees).
   */
  public static Intrinsics centered(int width, int height, double normalizedFocal) {
    double f = normalizedFocal * width;
    return new Intrinsics(width, height, f, f, 0.5 * width, 0.5 * height);
  }

  /** The focal length in units of the image width. */
  public double normalizedFocal() {
    return fx / width;
  }

  /** Scales the image size (and so the focal length and principal point) by {@code factor}. */
  public Intrinsics scaled(int factor) {
    return new Intrinsics(width * factor, height * factor, fx * factor, fy * factor, cx * factor, cy * factor);
  }

  /** Resized to {@code newWidth x newHeight}, keeping the same field of view. */
  public Intrinsics resized(int newWidth, int newHeight) {
    double sx = (double) newWidth / width, sy = (double) newHeight / height;
    return new Intrinsics(newWidth, newHeight, fx * sx, fy * sy, cx * sx, cy * sy);
  }
}
