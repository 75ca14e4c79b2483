package dev.rayform.recon.data.procedural;

/**
 * A polygon section in the (x, y) plane swept along z over [-halfDepth, halfDepth] while it scales
 * linearly from {@code s0} to {@code s1} and shifts from {@code (ox0, oy0)} to {@code (ox1, oy1)}
 * (a tapered, swept wing or a hull narrowing to the bow). Exact sign; the distance is the section
 * distance divided by a Lipschitz factor of the sweep, a conservative bound.
 */
final class Loft implements Sdf {
  private final Polygon2 section;
  private final double halfDepth, s0, s1, ox0, oy0, ox1, oy1, invLipschitz;

  Loft(Polygon2 section, double halfDepth, double s0, double s1, double ox0, double oy0, double ox1, double oy1) {
    if (!(halfDepth > 0 && s0 > 0 && s1 > 0)) {
      throw new IllegalArgumentException("loft needs a positive depth and positive scales");
    }
    this.section = section;
    this.halfDepth = halfDepth;
    this.s0 = s0;
    this.s1 = s1;
    this.ox0 = ox0;
    this.oy0 = oy0;
    this.ox1 = ox1;
    this.oy1 = oy1;
    double len = 2 * halfDepth;
    double slope = Math.abs(s1 - s0) / len * section.radius() + Math.hypot(ox1 - ox0, oy1 - oy0) / len;
    this.invLipschitz = 1 / Math.sqrt(1 + slope * slope);
  }

  @Override
  public double distance(double x, double y, double z) {
    double t = Math.min(Math.max((z + halfDepth) / (2 * halfDepth), 0), 1);
    double s = s0 + (s1 - s0) * t;
    double ox = ox0 + (ox1 - ox0) * t, oy = oy0 + (oy1 - oy0) * t;
    double d = section.distance((x - ox) / s, (y - oy) / s) * s * invLipschitz;
    double w = Math.abs(z) - halfDepth;
    double od = Math.max(d, 0), ow = Math.max(w, 0);
    return Math.min(Math.max(d, w), 0) + Math.sqrt(od * od + ow * ow);
  }

  @Override
  public double support(double ux, double uy, double uz) {
    // The solid is the convex-hull-wise sweep of its two end sections.
    double end0 = s0 * section.support(ux, uy) + ux * ox0 + uy * oy0 - uz * halfDepth;
    double end1 = s1 * section.support(ux, uy) + ux * ox1 + uy * oy1 + uz * halfDepth;
    return Math.max(end0, end1);
  }
}
