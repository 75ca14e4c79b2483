package dev.rayform.recon.data.procedural;

/**
 * A rigid motion of a solid: {@code world = R * local + t}. Chained rotations and translations fold
 * into one instance, so evaluation costs one matrix-vector product.
 */
final class Transformed implements Sdf {
  private final Sdf child;
  private final double[] r; // row-major 3x3, orthonormal
  private final double tx, ty, tz;

  private Transformed(Sdf child, double[] r, double tx, double ty, double tz) {
    this.child = child;
    this.r = r;
    this.tx = tx;
    this.ty = ty;
    this.tz = tz;
  }

  static Transformed of(Sdf sdf) {
    return sdf instanceof Transformed t ? t : new Transformed(sdf, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 0, 0, 0);
  }

  @Override
  public double distance(double x, double y, double z) {
    double px = x - tx, py = y - ty, pz = z - tz;
    return child.distance(
        r[0] * px + r[3] * py + r[6] * pz,
        r[1] * px + r[4] * py + r[7] * pz,
        r[2] * px + r[5] * py + r[8] * pz);
  }

  @Override
  public boolean contains(double x, double y, double z) {
    double px = x - tx, py = y - ty, pz = z - tz;
    return child.contains(
        r[0] * px + r[3] * py + r[6] * pz,
        r[1] * px + r[4] * py + r[7] * pz,
        r[2] * px + r[5] * py + r[8] * pz);
  }

  @Override
  public double support(double ux, double uy, double uz) {
    double s = child.support(
        r[0] * ux + r[3] * uy + r[6] * uz,
        r[1] * ux + r[4] * uy + r[7] * uz,
        r[2] * ux + r[5] * uy + r[8] * uz);
    return s + ux * tx + uy * ty + uz * tz;
  }

  @Override
  public Sdf translate(double dx, double dy, double dz) {
    return new Transformed(child, r, tx + dx, ty + dy, tz + dz);
  }

  @Override
  public Sdf rotateX(double a) {
    double c = Math.cos(a), s = Math.sin(a);
    return rotated(new double[] {1, 0, 0, 0, c, -s, 0, s, c});
  }

  @Override
  public Sdf rotateY(double a) {
    double c = Math.cos(a), s = Math.sin(a);
    return rotated(new double[] {c, 0, s, 0, 1, 0, -s, 0, c});
  }

  @Override
  public Sdf rotateZ(double a) {
    double c = Math.cos(a), s = Math.sin(a);
    return rotated(new double[] {c, -s, 0, s, c, 0, 0, 0, 1});
  }

  /** Applies {@code m} after this transform: {@code world' = m * world}. */
  Sdf rotated(double[] m) {
    double[] out = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        out[3 * i + j] = m[3 * i] * r[j] + m[3 * i + 1] * r[3 + j] + m[3 * i + 2] * r[6 + j];
      }
    }
    return new Transformed(child, out,
        m[0] * tx + m[1] * ty + m[2] * tz,
        m[3] * tx + m[4] * ty + m[5] * tz,
        m[6] * tx + m[7] * ty + m[8] * tz);
  }
}
