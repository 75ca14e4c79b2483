package dev.rayform.recon.data.procedural;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.mc.MarchingCubes;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import java.util.stream.IntStream;

/** Surface meshes of procedural shapes: the distance field on a grid, then marching cubes. */
final class ProceduralMeshing {
  private ProceduralMeshing() {}

  /**
   * The surface at {@code resolution} grid cells along the longest side of the shape's box, with
   * each face assigned to the part nearest to its centroid.
   */
  static Mesh mesh(ProceduralShape shape, int resolution) {
    if (resolution < 4 || resolution > 1024) {
      throw new IllegalArgumentException("mesh resolution must be in [4, 1024], got " + resolution);
    }
    Aabb b = shape.bounds();
    double spacing = b.longestSide() / resolution;
    int nx = (int) Math.ceil(b.sizeX() / spacing) + 3;
    int ny = (int) Math.ceil(b.sizeY() / spacing) + 3;
    int nz = (int) Math.ceil(b.sizeZ() / spacing) + 3;
    // centre the grid on the box so the padding is equal on both sides
    double ox = b.centerX() - 0.5 * (nx - 1) * spacing;
    double oy = b.centerY() - 0.5 * (ny - 1) * spacing;
    double oz = b.centerZ() - 0.5 * (nz - 1) * spacing;
    ShapeSdf sdf = shape.sdf();
    ScalarGrid grid = ScalarGrid.sample(nx, ny, nz, ox, oy, oz, spacing, sdf::distance);
    Mesh surface = MarchingCubes.extract(grid, 0f, false);
    int faces = surface.faceCount();
    int[] faceParts = new int[faces];
    int[] tri = surface.triangles();
    float[] p = surface.positions();
    IntStream.range(0, faces).parallel().forEach(f -> {
      int a = 3 * tri[3 * f], c = 3 * tri[3 * f + 1], d = 3 * tri[3 * f + 2];
      faceParts[f] = sdf.partAt((p[a] + p[c] + p[d]) / 3.0, (p[a + 1] + p[c + 1] + p[d + 1]) / 3.0,
          (p[a + 2] + p[c + 2] + p[d + 2]) / 3.0);
    });
    return Mesh.of(p, tri, surface.normals(), faceParts, shape.parts());
  }
}
