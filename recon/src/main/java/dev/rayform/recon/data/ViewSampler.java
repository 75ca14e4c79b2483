package dev.rayform.recon.data;

import java.util.SplittableRandom;

/**
 * Draws 3D-R2N2-like views: random azimuth, elevation 20-40 degrees (or a range of one's own), varied distance and object
 * scale. The ratio of object size to distance (the apparent size) is drawn separately from the
 * distance, so the same image size arises from different scales and s carries real information.
 *
 * <p>The defaults keep every point of the normalised object (radius at most sqrt(3)/2 times its
 * scale) between Ray-ONet's depths 0.63 and 2.16: at the largest apparent size 0.55 and the nearest
 * distance 1.2 the nearest point is at depth 1.2 * (1 - 0.476) = 0.63.
 */
public record ViewSampler(
    int imageSize,
    double normalizedFocal,
    double minElevation,
    double maxElevation,
    double minDistance,
    double maxDistance,
    double minApparentSize,
    double maxApparentSize) {

  /** The elevations of the default views, degrees: 3D-R2N2's range, and what the shipped models learnt from. */
  public static final double DEFAULT_MIN_ELEVATION = 20, DEFAULT_MAX_ELEVATION = 40;

  public static ViewSampler defaults(int imageSize) {
    return new ViewSampler(imageSize, 1.45, DEFAULT_MIN_ELEVATION, DEFAULT_MAX_ELEVATION, 1.2, 1.45, 0.40, 0.55);
  }

  /** The same views drawn at elevations from {@code min} to {@code max} degrees. */
  public ViewSampler withElevations(double min, double max) {
    return new ViewSampler(imageSize, normalizedFocal, min, max, minDistance, maxDistance, minApparentSize, maxApparentSize);
  }

  public ViewSpec draw(SplittableRandom random) {
    double azimuth = 360 * random.nextDouble();
    double elevation = minElevation + (maxElevation - minElevation) * random.nextDouble();
    double distance = minDistance + (maxDistance - minDistance) * random.nextDouble();
    double apparent = minApparentSize + (maxApparentSize - minApparentSize) * random.nextDouble();
    return new ViewSpec(azimuth, elevation, distance, apparent * distance, imageSize, normalizedFocal);
  }

  /** The same view with the object made smaller, for a retry when it does not fit the frame. */
  public static ViewSpec shrunk(ViewSpec view, double factor) {
    return new ViewSpec(view.azimuth(), view.elevation(), view.distance(), view.objectScale() * factor,
        view.imageSize(), view.normalizedFocal());
  }
}
