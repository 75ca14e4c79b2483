package dev.rayform.recon.data.procedural;

/** The intersection of two solids (maximum of distances, a conservative bound). */
final class Intersection implements Sdf {
  private final Sdf a, b;

  Intersection(Sdf a, Sdf b) {
    this.a = a;
    this.b = b;
  }

  @Override
  public double distance(double x, double y, double z) {
    return Math.max(a.distance(x, y, z), b.distance(x, y, z));
  }

  @Override
  public boolean contains(double x, double y, double z) {
    return a.contains(x, y, z) && b.contains(x, y, z);
  }

  @Override
  public double support(double ux, double uy, double uz) {
    return Math.min(a.support(ux, uy, uz), b.support(ux, uy, uz));
  }
}
