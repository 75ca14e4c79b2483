package dev.rayform.recon.data.procedural;

/** A polygon in the (x, y) plane extruded along z over [-halfDepth, halfDepth] (exact). */
final class Extrusion implements Sdf {
  private final Polygon2 section;
  private final double halfDepth;

  Extrusion(Polygon2 section, double halfDepth) {
    if (!(halfDepth > 0)) {
      throw new IllegalArgumentException("extrusion depth must be positive");
    }
    this.section = section;
    this.halfDepth = halfDepth;
  }

  @Override
  public double distance(double x, double y, double z) {
    double d = section.distance(x, y), w = Math.abs(z) - halfDepth;
    double od = Math.max(d, 0), ow = Math.max(w, 0);
    return Math.min(Math.max(d, w), 0) + Math.sqrt(od * od + ow * ow);
  }

  @Override
  public double support(double ux, double uy, double uz) {
    return section.support(ux, uy) + halfDepth * Math.abs(uz);
  }
}
