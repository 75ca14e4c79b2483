package dev.rayform.recon.data.procedural;

/** A capsule (segment with radius) between two points (exact). */
final class Capsule implements Sdf {
  private final double ax, ay, az, bx, by, bz, ex, ey, ez, invLen2, radius;

  Capsule(double ax, double ay, double az, double bx, double by, double bz, double radius) {
    if (!(radius > 0)) {
      throw new IllegalArgumentException("capsule radius must be positive");
    }
    this.ax = ax;
    this.ay = ay;
    this.az = az;
    this.bx = bx;
    this.by = by;
    this.bz = bz;
    this.ex = bx - ax;
    this.ey = by - ay;
    this.ez = bz - az;
    double len2 = ex * ex + ey * ey + ez * ez;
    this.invLen2 = len2 > 0 ? 1 / len2 : 0;
    this.radius = radius;
  }

  @Override
  public double distance(double x, double y, double z) {
    double px = x - ax, py = y - ay, pz = z - az;
    double t = Math.min(Math.max((px * ex + py * ey + pz * ez) * invLen2, 0), 1);
    double qx = px - ex * t, qy = py - ey * t, qz = pz - ez * t;
    return Math.sqrt(qx * qx + qy * qy + qz * qz) - radius;
  }

  @Override
  public double support(double ux, double uy, double uz) {
    return Math.max(ux * ax + uy * ay + uz * az, ux * bx + uy * by + uz * bz)
        + radius * Math.sqrt(ux * ux + uy * uy + uz * uz);
  }
}
