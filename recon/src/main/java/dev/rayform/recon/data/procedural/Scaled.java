package dev.rayform.recon.data.procedural;

/** A non-uniform scale about the origin; distance becomes the bound {@code d(p / s) * min(s)}. */
final class Scaled implements Sdf {
  private final Sdf child;
  private final double sx, sy, sz, ix, iy, iz, minScale;

  Scaled(Sdf child, double sx, double sy, double sz) {
    if (!(sx > 0 && sy > 0 && sz > 0)) {
      throw new IllegalArgumentException("scale factors must be positive: " + sx + ", " + sy + ", " + sz);
    }
    this.child = child;
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.ix = 1 / sx;
    this.iy = 1 / sy;
    this.iz = 1 / sz;
    this.minScale = Math.min(sx, Math.min(sy, sz));
  }

  @Override
  public double distance(double x, double y, double z) {
    return child.distance(x * ix, y * iy, z * iz) * minScale;
  }

  @Override
  public boolean contains(double x, double y, double z) {
    return child.contains(x * ix, y * iy, z * iz);
  }

  @Override
  public double support(double ux, double uy, double uz) {
    return child.support(ux * sx, uy * sy, uz * sz);
  }
}
