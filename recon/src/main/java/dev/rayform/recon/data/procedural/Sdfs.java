package dev.rayform.recon.data.procedural;

import java.util.List;

/** Factories of primitives and combinations; every primitive is centred or anchored as documented. */
public final class Sdfs {
  private Sdfs() {}

  /** A box with the given full sizes, centred at the origin, edges rounded by {@code rounding}. */
  public static Sdf box(double sizeX, double sizeY, double sizeZ, double rounding) {
    double r = Math.min(rounding, 0.5 * Math.min(sizeX, Math.min(sizeY, sizeZ)));
    return new RoundedBox(sizeX / 2, sizeY / 2, sizeZ / 2, Math.max(r, 0));
  }

  /** A box spanning the given corner coordinates. */
  public static Sdf boxBetween(double x0, double y0, double z0, double x1, double y1, double z1, double rounding) {
    return box(Math.abs(x1 - x0), Math.abs(y1 - y0), Math.abs(z1 - z0), rounding)
        .translate((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
  }

  public static Sdf sphere(double radius) {
    return new Superquadric(radius, radius, radius, 2);
  }

  public static Sdf cylinder(double ax, double ay, double az, double bx, double by, double bz, double radius) {
    return new Cylinder(ax, ay, az, bx, by, bz, radius);
  }

  /** A vertical cylinder standing on y = y0 up to y = y1 with its axis at (x, z). */
  public static Sdf post(double x, double z, double y0, double y1, double radius) {
    return new Cylinder(x, y0, z, x, y1, z, radius);
  }

  public static Sdf capsule(double ax, double ay, double az, double bx, double by, double bz, double radius) {
    return new Capsule(ax, ay, az, bx, by, bz, radius);
  }

  /** A cone frustum around the y axis from y0 (radius r0) to y1 (radius r1). */
  public static Sdf frustum(double y0, double r0, double y1, double r1) {
    return lathe(0, y0, r0, y0, r1, y1, 0, y1);
  }

  /** A torus around the y axis. */
  public static Sdf torus(double major, double minor) {
    return new Torus(major, minor);
  }

  /** A superellipsoid with semi-axes a, b, c and exponent in [1.2, 12] (2 = ellipsoid). */
  public static Sdf superquadric(double a, double b, double c, double exponent) {
    return new Superquadric(a, b, c, exponent);
  }

  /** A solid of revolution around y from a closed (r, y) profile given as r0, y0, r1, y1, ... */
  public static Sdf lathe(double... ry) {
    return new Lathe(new Polygon2(ry));
  }

  /** A closed (x, y) polygon extruded along z over [-depth/2, depth/2]. */
  public static Sdf extrude(double depth, double... xy) {
    return new Extrusion(new Polygon2(xy), depth / 2);
  }

  /** A closed (x, y) polygon lofted along z over [-depth/2, depth/2], see {@link Loft}. */
  public static Sdf loft(double depth, double s0, double s1, double ox0, double oy0, double ox1, double oy1,
      double... xy) {
    return new Loft(new Polygon2(xy), depth / 2, s0, s1, ox0, oy0, ox1, oy1);
  }

  public static Sdf union(Sdf... solids) {
    return Union.of(solids);
  }

  public static Sdf union(List<Sdf> solids) {
    return Union.of(solids);
  }
}
