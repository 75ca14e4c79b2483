package dev.rayform.recon.geometry;

/**
 * The ONet convention: centre a mesh on its bounding-box centre and scale its longest side to 1, so
 * it lies in [-0.5, 0.5]^3.
 */
public final class Normalization {
  private Normalization() {}

  /** The similarity that normalises a mesh: {@code p' = scale * (p - centre)}. */
  public record Transform(double cx, double cy, double cz, double scale) {
    public Mesh apply(Mesh mesh) {
      return mesh.translatedScaled(cx, cy, cz, scale);
    }
  }

  /** The normalised mesh. */
  public static Mesh normalize(Mesh mesh) {
    return normalizeTo(mesh, 1.0);
  }

  /** Centres on the bounding-box centre and scales the longest side to {@code longestSide}. */
  public static Mesh normalizeTo(Mesh mesh, double longestSide) {
    return transformTo(mesh, longestSide).apply(mesh);
  }

  /** The transform {@link #normalizeTo} applies to {@code mesh}. */
  public static Transform transformTo(Mesh mesh, double longestSide) {
    Aabb box = mesh.bounds();
    if (box.isEmpty() || !(box.longestSide() > 0)) {
      throw new InvalidMeshException("cannot normalise a mesh with an empty or flat-to-a-point bounding box: " + box);
    }
    return new Transform(box.centerX(), box.centerY(), box.centerZ(), longestSide / box.longestSide());
  }
}
