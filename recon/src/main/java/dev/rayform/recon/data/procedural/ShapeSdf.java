package dev.rayform.recon.data.procedural;

import dev.rayform.recon.geometry.Aabb;
import java.util.List;

/**
 * A shape as a union of named parts, optionally seen through a uniform normalising transform
 * ({@code raw = p / scale + centre}). {@link #partAt} tells which part is nearest to a point.
 */
public final class ShapeSdf implements Sdf {
  private final Sdf[] parts;
  private final List<String> names;
  private final double[] boxes;
  private final double cx, cy, cz, scale, invScale;

  private ShapeSdf(Sdf[] parts, List<String> names, double[] boxes, double cx, double cy, double cz, double scale) {
    this.parts = parts;
    this.names = names;
    this.boxes = boxes;
    this.cx = cx;
    this.cy = cy;
    this.cz = cz;
    this.scale = scale;
    this.invScale = 1 / scale;
  }

  /** Parts in raw coordinates, one name per part. */
  public static ShapeSdf of(List<String> names, List<Sdf> parts) {
    if (names.size() != parts.size() || parts.isEmpty()) {
      throw new IllegalArgumentException("need one name per part and at least one part");
    }
    Sdf[] p = parts.toArray(new Sdf[0]);
    double[] boxes = new double[6 * p.length];
    for (int i = 0; i < p.length; i++) {
      BoxBound.pack(p[i].bounds(), boxes, 6 * i);
    }
    return new ShapeSdf(p, List.copyOf(names), boxes, 0, 0, 0, 1);
  }

  /** This shape moved so that {@code centre} lands on the origin and then scaled by {@code s}. */
  public ShapeSdf normalized(double centreX, double centreY, double centreZ, double s) {
    if (!(s > 0)) {
      throw new IllegalArgumentException("scale must be positive");
    }
    // compose with the current transform: raw = (p / s + centre) / scale + c
    return new ShapeSdf(parts, names, boxes,
        cx + centreX * invScale, cy + centreY * invScale, cz + centreZ * invScale, scale * s);
  }

  public int partCount() {
    return parts.length;
  }

  public List<String> partNames() {
    return names;
  }

  /** Signed distance to part {@code i} alone, in this shape's (normalised) coordinates. */
  public double partDistance(int i, double x, double y, double z) {
    return parts[i].distance(x * invScale + cx, y * invScale + cy, z * invScale + cz) * scale;
  }

  @Override
  public double distance(double x, double y, double z) {
    return nearest(x * invScale + cx, y * invScale + cy, z * invScale + cz, null) * scale;
  }

  @Override
  public boolean contains(double x, double y, double z) {
    double rx = x * invScale + cx, ry = y * invScale + cy, rz = z * invScale + cz;
    for (int i = 0; i < parts.length; i++) {
      if (!BoxBound.outside(boxes, 6 * i, rx, ry, rz) && parts[i].contains(rx, ry, rz)) {
        return true;
      }
    }
    return false;
  }

  /** Index of the part with the smallest distance at a point (for colouring surface points). */
  public int partAt(double x, double y, double z) {
    int[] part = new int[1];
    nearest(x * invScale + cx, y * invScale + cy, z * invScale + cz, part);
    return part[0];
  }

  /** The smallest part distance at a raw point; its part index goes to {@code partOut[0]} when given. */
  private double nearest(double rx, double ry, double rz, int[] partOut) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < parts.length; i++) {
      double b2 = BoxBound.squaredDistance(boxes, 6 * i, rx, ry, rz);
      double d;
      if (b2 > 0) { // as in Union: the box distance is a bound too, and skipping keeps the result
        if (best <= 0 || b2 >= best * best) {
          continue;
        }
        d = Math.max(parts[i].distance(rx, ry, rz), Math.sqrt(b2));
      } else {
        d = parts[i].distance(rx, ry, rz);
      }
      if (d < best) {
        best = d;
        if (partOut != null) {
          partOut[0] = i;
        }
      }
    }
    return best;
  }

  @Override
  public double support(double ux, double uy, double uz) {
    double s = Double.NEGATIVE_INFINITY;
    for (Sdf p : parts) {
      s = Math.max(s, p.support(ux, uy, uz));
    }
    return scale * (s - (ux * cx + uy * cy + uz * cz));
  }

  /** The tight box of the solid, found numerically (see {@link TightBounds}). */
  public Aabb tightBounds() {
    return TightBounds.of(this);
  }
}
