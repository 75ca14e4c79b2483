package dev.rayform.recon.data.procedural;

/**
 * A solid of revolution around the y axis: a closed profile polygon in the (r, y) half plane
 * (r >= 0) swept around the axis. Exact distance.
 */
final class Lathe implements Sdf {
  private final Polygon2 profile;

  Lathe(Polygon2 profile) {
    for (double r : profile.xs) {
      if (r < 0) {
        throw new IllegalArgumentException("lathe profile must lie at r >= 0, got r = " + r);
      }
    }
    this.profile = profile;
  }

  @Override
  public double distance(double x, double y, double z) {
    return profile.distance(Math.sqrt(x * x + z * z), y);
  }

  @Override
  public double support(double ux, double uy, double uz) {
    return profile.support(Math.sqrt(ux * ux + uz * uz), uy);
  }
}
