package dev.rayform.recon.geometry.inside;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Occupancy;
import java.util.stream.IntStream;

/**
 * Inside test for real-world triangle meshes: open, multi-part, self-overlapping soups. The answer
 * is the generalised winding number thresholded at 0.5 (Jacobson et al. 2013), computed in two
 * tiers:
 *
 * <ol>
 *   <li>Six axis-aligned rays (+-x, +-y, +-z) count signed crossings on per-axis 2D grids. The
 *       winding number is the average over all ray directions of the signed crossing count, and on
 *       a closed (possibly overlapping, unwelded) surface every direction gives the same integer,
 *       so when all six agree that integer is the answer. This costs a few hundred nanoseconds.
 *   <li>When the six disagree (the point sees a hole or an open sheet), the winding number itself
 *       is evaluated over a BVH with far-field multipole expansions.
 * </ol>
 *
 * <p>Points outside the mesh bounding box are outside. Closed components with inverted winding
 * (negative volume) are flipped when built, so mirrored parts do not punch holes. Built once by
 * {@link #of(Mesh)}; queries are thread-safe.
 */
public final class MeshInsideTest implements Occupancy {
  /** Opening ratio of the winding-number tree: clusters farther than this many radii use expansions. */
  static final double BETA = 2.0;
  private static final double CELLS_PER_TRIANGLE = 2.0;
  private static final int BATCH_CHUNK = 2048;

  private final Aabb bounds;
  private final AxisRayGrid[] grids;
  private final WindingNumberTree tree;

  private MeshInsideTest(TriangleSet triangles, Aabb bounds) {
    this.bounds = bounds;
    this.grids = new AxisRayGrid[3];
    for (int axis = 0; axis < 3; axis++) {
      grids[axis] = new AxisRayGrid(triangles, axis, CELLS_PER_TRIANGLE);
    }
    this.tree = new WindingNumberTree(triangles, BETA);
  }

  /** Builds the acceleration structures for {@code mesh}; an empty mesh has nothing inside. */
  public static MeshInsideTest of(Mesh mesh) {
    TriangleSet triangles = OrientationRepair.flipInvertedClosedComponents(TriangleSet.of(mesh));
    return new MeshInsideTest(triangles, mesh.bounds());
  }

  @Override
  public boolean inside(double x, double y, double z) {
    if (bounds.isEmpty() || !bounds.contains(x, y, z)) {
      return false;
    }
    long cx = grids[0].crossings(x, y, z);
    long cy = grids[1].crossings(x, y, z);
    long cz = grids[2].crossings(x, y, z);
    int value = (int) cx;
    if (cx >> 32 == value && cy >> 32 == value && (int) cy == value && cz >> 32 == value && (int) cz == value) {
      return value >= 1;
    }
    return tree.windingNumber(x, y, z) >= 0.5;
  }

  /** Occupancy of packed x,y,z points on every core. */
  @Override
  public boolean[] inside(float[] xyz) {
    int n = xyz.length / 3;
    boolean[] out = new boolean[n];
    IntStream.range(0, (n + BATCH_CHUNK - 1) / BATCH_CHUNK).parallel().forEach(c -> {
      int end = Math.min(n, (c + 1) * BATCH_CHUNK);
      for (int i = c * BATCH_CHUNK; i < end; i++) {
        out[i] = inside(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
      }
    });
    return out;
  }

  /**
   * The generalised winding number at (x, y, z): 1 inside and 0 outside a closed outward-oriented
   * surface, fractional near holes. Far clusters use second-order expansions (opening ratio
   * {@value #BETA}): absolute error typically 1e-3, at most about 5e-3 in our tests.
   */
  public double windingNumber(double x, double y, double z) {
    return tree.windingNumber(x, y, z);
  }

  /**
   * True when the six axis rays disagree at this point, so {@link #inside(double, double, double)}
   * falls back to the winding number; for diagnostics and benchmarks.
   */
  boolean needsWindingNumber(double x, double y, double z) {
    long cx = grids[0].crossings(x, y, z);
    long cy = grids[1].crossings(x, y, z);
    long cz = grids[2].crossings(x, y, z);
    int value = (int) cx;
    return !(cx >> 32 == value && cy >> 32 == value && (int) cy == value && cz >> 32 == value && (int) cz == value);
  }
}
