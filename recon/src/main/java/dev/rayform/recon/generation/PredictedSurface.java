package dev.rayform.recon.generation;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.mc.MarchingCubes;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The surface of a predicted occupancy grid (solid above the threshold), within a face budget. A
 * product's surface at 128^3 has tens of thousands of faces; a half-trained network's noise can
 * have millions, which no later stage (metrics, simplification, previews, exports) should have to
 * hold. Such a grid is halved (2x2x2 means) until its surface fits, so every stage works in bounded
 * memory and the bad prediction still gets a mesh, and its bad figures.
 */
public final class PredictedSurface {
  /** Faces a predicted surface may have: about 16 times a typical product's at 128^3. */
  public static final long MAX_FACES = 1_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(PredictedSurface.class);

  private PredictedSurface() {}

  public static Mesh extract(ScalarGrid grid, float threshold) {
    return extract(grid, threshold, MAX_FACES);
  }

  static Mesh extract(ScalarGrid grid, float threshold, long maxFaces) {
    ScalarGrid g = grid;
    long faces = MarchingCubes.faceCount(g, threshold, true);
    while (faces > maxFaces && Math.min(g.nx(), Math.min(g.ny(), g.nz())) > 2) {
      ScalarGrid coarser = g.halved();
      long coarserFaces = MarchingCubes.faceCount(coarser, threshold, true);
      LOG.warn("predicted surface of {} faces on a {}x{}x{} grid exceeds {}; extracting it at half the resolution ({} faces)",
          faces, g.nx(), g.ny(), g.nz(), maxFaces, coarserFaces);
      g = coarser;
      faces = coarserFaces;
    }
    return MarchingCubes.extract(g, threshold, true);
  }
}
