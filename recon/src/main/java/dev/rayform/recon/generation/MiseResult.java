package dev.rayform.recon.generation;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.mc.ScalarGrid;

/** The dense fine grid MISE produced and how many points the network was asked about. */
public record MiseResult(ScalarGrid grid, long pointsEvaluated) {

  /** Points on the dense grid; {@link #pointsEvaluated()} over this is MISE's saving. */
  public long densePoints() {
    return (long) grid.nx() * grid.ny() * grid.nz();
  }

  /** The iso-surface of occupancy probabilities at {@code threshold} (solid above it). */
  public Mesh mesh(float threshold) {
    return PredictedSurface.extract(grid, threshold);
  }
}
