package dev.rayform.recon.data.procedural;

import dev.rayform.recon.geometry.Aabb;

/**
 * A solid given by a signed distance: negative inside, positive outside. The value is either the
 * exact Euclidean distance to the surface or a conservative bound (never larger in magnitude than
 * the true distance), so its sign is always exact and it can be used for sphere tracing and pruning.
 *
 * <p>Implementations are immutable, thread-safe and allocate nothing per evaluation.
 */
public interface Sdf {

  /** Signed distance (or a conservative bound of it) at a point. */
  double distance(double x, double y, double z);

  /**
   * An upper bound of the support function {@code max over the solid of (u . p)}; exact for convex
   * primitives. Positive infinity when unknown.
   */
  default double support(double ux, double uy, double uz) {
    return Double.POSITIVE_INFINITY;
  }

  /** Whether a point is inside; always equal to {@code distance(x, y, z) < 0}, often faster. */
  default boolean contains(double x, double y, double z) {
    return distance(x, y, z) < 0;
  }

  /** A box that surely contains the solid, from {@link #support}; tight for convex primitives. */
  default Aabb bounds() {
    return new Aabb(-support(-1, 0, 0), -support(0, -1, 0), -support(0, 0, -1),
        support(1, 0, 0), support(0, 1, 0), support(0, 0, 1));
  }

  default Sdf translate(double dx, double dy, double dz) {
    return Transformed.of(this).translate(dx, dy, dz);
  }

  /** Rotates about the world x axis through the origin (right-handed, radians). */
  default Sdf rotateX(double angle) {
    return Transformed.of(this).rotateX(angle);
  }

  default Sdf rotateY(double angle) {
    return Transformed.of(this).rotateY(angle);
  }

  default Sdf rotateZ(double angle) {
    return Transformed.of(this).rotateZ(angle);
  }

  /** Non-uniform scale about the origin; the sign stays exact, the distance becomes a bound. */
  default Sdf scale(double sx, double sy, double sz) {
    return new Scaled(this, sx, sy, sz);
  }

  /** Grows the solid by {@code r} (rounds its edges when it was shrunk by {@code r} first). */
  default Sdf offset(double r) {
    return new Offset(this, r);
  }

  default Sdf union(Sdf other) {
    return Union.of(this, other);
  }

  default Sdf subtract(Sdf other) {
    return new Subtraction(this, other);
  }

  default Sdf intersect(Sdf other) {
    return new Intersection(this, other);
  }
}
