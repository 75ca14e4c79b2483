package dev.rayform.recon.data;

import dev.rayform.recon.eval.KdTree;
import dev.rayform.recon.eval.SurfaceSampler;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Occupancy;
import dev.rayform.recon.geometry.inside.MeshInsideTest;

/**
 * Occupancy of a real catalogue mesh: inside by the inside test, or within {@code halfThickness}
 * of the surface. Furniture models often build thin parts (seats, shelves, lamp shades, table tops)
 * from single open sheets that enclose no volume; without the shell they would vanish from the
 * labels. The distance is to dense area samples of the surface (spacing well under the thickness).
 */
public final class RealMeshOccupancy implements Occupancy {
  /** Default shell: 0.5% of the normalised object's longest side on each side of a sheet. */
  public static final double DEFAULT_HALF_THICKNESS = 0.005;
  private static final int SAMPLES_PER_UNIT_AREA = 200_000;
  private static final int MAX_SAMPLES = 2_000_000;

  private final MeshInsideTest solid;
  private final KdTree surface;
  private final double halfThickness;

  private RealMeshOccupancy(MeshInsideTest solid, KdTree surface, double halfThickness) {
    this.solid = solid;
    this.surface = surface;
    this.halfThickness = halfThickness;
  }

  public static RealMeshOccupancy of(Mesh normalizedMesh, double halfThickness, long seed) {
    int samples = (int) Math.min(MAX_SAMPLES, Math.max(10_000, normalizedMesh.area() * SAMPLES_PER_UNIT_AREA));
    KdTree tree = KdTree.of(SurfaceSampler.sample(normalizedMesh, samples, seed).points());
    return new RealMeshOccupancy(MeshInsideTest.of(normalizedMesh), tree, halfThickness);
  }

  @Override
  public boolean inside(double x, double y, double z) {
    return surface.anyWithin(x, y, z, halfThickness) || solid.inside(x, y, z);
  }
}
