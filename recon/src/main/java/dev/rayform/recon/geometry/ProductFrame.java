package dev.rayform.recon.geometry;

import dev.rayform.recon.ReconException;

/**
 * Puts a product mesh in the frame shops and AR viewers expect: y up, the origin at the centre of
 * its base (min y = 0, x and z centred on the bounding box). With real dimensions the mesh is in
 * metres and its bounding box takes them: every given dimension exactly (width along x, height
 * along y, depth along z); an axis without one is scaled by the geometric mean of the given axes'
 * factors, so one dimension scales uniformly and three fit each axis. Without dimensions the mesh
 * keeps its proportions in normalised units (longest side 1).
 */
public final class ProductFrame {
  public static final String METRES = "m";
  public static final String NORMALIZED = "normalized";
  /** A dimension given for an axis along which the mesh has no extent. */
  public static final String FLAT_MESH = "mesh_flat";

  private ProductFrame() {}

  /** The placed mesh, its units ({@link #METRES} or {@link #NORMALIZED}) and the scale applied per axis. */
  public record Placed(Mesh mesh, String units, double[] scale) {}

  /** {@code dimensions} may be null: normalised units. The input must be y up already. */
  public static Placed place(Mesh mesh, RealDimensions dimensions) {
    if (mesh.vertexCount() == 0) {
      return new Placed(mesh, dimensions == null ? NORMALIZED : METRES, new double[] {1, 1, 1});
    }
    Aabb b = mesh.bounds();
    double[] scale = dimensions == null ? normalizing(b) : fitting(b, dimensions);
    double[] m = {
      scale[0], 0, 0, -scale[0] * b.centerX(),
      0, scale[1], 0, -scale[1] * b.minY(),
      0, 0, scale[2], -scale[2] * b.centerZ()};
    return new Placed(mesh.transformed(m), dimensions == null ? NORMALIZED : METRES, scale);
  }

  private static double[] normalizing(Aabb b) {
    double longest = b.longestSide();
    double s = longest > 0 ? 1 / longest : 1;
    return new double[] {s, s, s};
  }

  private static double[] fitting(Aabb b, RealDimensions d) {
    Double[] target = {d.width(), d.height(), d.depth()};
    double[] size = {b.sizeX(), b.sizeY(), b.sizeZ()};
    String[] names = {"width (x)", "height (y)", "depth (z)"};
    double[] scale = new double[3];
    double logSum = 0;
    int given = 0;
    for (int a = 0; a < 3; a++) {
      if (target[a] != null) {
        if (!(size[a] > 0)) {
          throw new ReconException(FLAT_MESH, "the mesh has no extent along its " + names[a] + " axis, so it cannot take that dimension");
        }
        scale[a] = target[a] / size[a];
        logSum += Math.log(scale[a]);
        given++;
      }
    }
    double mean = Math.exp(logSum / given);
    for (int a = 0; a < 3; a++) {
      if (target[a] == null) {
        scale[a] = mean;
      }
    }
    return scale;
  }
}
