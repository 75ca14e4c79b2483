package dev.rayform.recon.data.procedural;

/** Solid {@code a} with solid {@code b} carved out: {@code max(da, -db)}. */
final class Subtraction implements Sdf {
  private final Sdf a, b;
  private final double[] boxB = new double[6];

  Subtraction(Sdf a, Sdf b) {
    this.a = a;
    this.b = b;
    BoxBound.pack(b.bounds(), boxB, 0);
  }

  @Override
  public double distance(double x, double y, double z) {
    double da = a.distance(x, y, z);
    if (da >= 0 && BoxBound.outside(boxB, 0, x, y, z)) {
      return da; // outside b, so -db < 0 <= da
    }
    return Math.max(da, -b.distance(x, y, z));
  }

  @Override
  public boolean contains(double x, double y, double z) {
    return a.contains(x, y, z) && (BoxBound.outside(boxB, 0, x, y, z) || b.distance(x, y, z) > 0);
  }

  @Override
  public double support(double ux, double uy, double uz) {
    return a.support(ux, uy, uz);
  }
}
