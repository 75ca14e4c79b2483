package dev.rayform.recon.data.procedural;

import java.util.List;

/** The union of solids (minimum of distances), skipping children whose bounding box is farther. */
final class Union implements Sdf {
  private final Sdf[] children;
  private final double[] boxes;

  private Union(Sdf[] children) {
    this.children = children;
    this.boxes = new double[6 * children.length];
    for (int i = 0; i < children.length; i++) {
      BoxBound.pack(children[i].bounds(), boxes, 6 * i);
    }
  }

  static Sdf of(Sdf... children) {
    if (children.length == 0) {
      throw new IllegalArgumentException("a union needs at least one solid");
    }
    return children.length == 1 ? children[0] : new Union(children.clone());
  }

  static Sdf of(List<Sdf> children) {
    return of(children.toArray(new Sdf[0]));
  }

  @Override
  public double distance(double x, double y, double z) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < children.length; i++) {
      double b2 = BoxBound.squaredDistance(boxes, 6 * i, x, y, z);
      // The child's distance is at least the box distance, so it cannot beat the current best.
      if (b2 > 0 && (best <= 0 || b2 >= best * best)) {
        continue;
      }
      double d = children[i].distance(x, y, z);
      if (d < best) {
        best = d;
      }
    }
    return best;
  }

  @Override
  public boolean contains(double x, double y, double z) {
    for (int i = 0; i < children.length; i++) {
      if (!BoxBound.outside(boxes, 6 * i, x, y, z) && children[i].contains(x, y, z)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public double support(double ux, double uy, double uz) {
    double s = Double.NEGATIVE_INFINITY;
    for (Sdf c : children) {
      s = Math.max(s, c.support(ux, uy, uz));
    }
    return s;
  }
}
