package dev.rayform.recon.data.procedural;

/** A capped cylinder between two points (exact). */
final class Cylinder implements Sdf {
  private final double ax, ay, az, bx, by, bz, dx, dy, dz, halfLength, radius;

  Cylinder(double ax, double ay, double az, double bx, double by, double bz, double radius) {
    double len = Math.sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay) + (bz - az) * (bz - az));
    if (!(len > 0) || !(radius > 0)) {
      throw new IllegalArgumentException("cylinder needs distinct end points and a positive radius");
    }
    this.ax = ax;
    this.ay = ay;
    this.az = az;
    this.bx = bx;
    this.by = by;
    this.bz = bz;
    this.dx = (bx - ax) / len;
    this.dy = (by - ay) / len;
    this.dz = (bz - az) / len;
    this.halfLength = len / 2;
    this.radius = radius;
  }

  @Override
  public double distance(double x, double y, double z) {
    double px = x - ax, py = y - ay, pz = z - az;
    double t = px * dx + py * dy + pz * dz;
    double radial = Math.sqrt(Math.max(px * px + py * py + pz * pz - t * t, 0));
    double qr = radial - radius, qa = Math.abs(t - halfLength) - halfLength;
    double or = Math.max(qr, 0), oa = Math.max(qa, 0);
    return Math.min(Math.max(qr, qa), 0) + Math.sqrt(or * or + oa * oa);
  }

  @Override
  public double support(double ux, double uy, double uz) {
    double ua = ux * dx + uy * dy + uz * dz;
    double disc = radius * Math.sqrt(Math.max(ux * ux + uy * uy + uz * uz - ua * ua, 0));
    return Math.max(ux * ax + uy * ay + uz * az, ux * bx + uy * by + uz * bz) + disc;
  }
}
