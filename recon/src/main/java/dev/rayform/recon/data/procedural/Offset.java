package dev.rayform.recon.data.procedural;

/** The solid grown by a radius: {@code d - r}. */
final class Offset implements Sdf {
  private final Sdf child;
  private final double r;

  Offset(Sdf child, double r) {
    this.child = child;
    this.r = r;
  }

  @Override
  public double distance(double x, double y, double z) {
    return child.distance(x, y, z) - r;
  }

  @Override
  public double support(double ux, double uy, double uz) {
    return child.support(ux, uy, uz) + r * Math.sqrt(ux * ux + uy * uy + uz * uz);
  }
}
