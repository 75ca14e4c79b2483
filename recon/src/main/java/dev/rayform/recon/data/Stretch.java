package dev.rayform.recon.data;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Normalization;
import dev.rayform.recon.geometry.Occupancy;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A new training shape from a real one: the normalised shape scaled along its own axes by
 * {@code (x, y, z)} (y up) and normalised again. A catalogue holds a few hundred models; their
 * stretched copies are furniture of other proportions (a wider sofa, a taller cabinet, a deeper
 * seat), so the network sees more distinct real geometry than the catalogue has. The labels stay
 * exact: the copy's occupancy is the original's at the point mapped back. (The shell that gives
 * single-sheet parts their thickness, {@link RealMeshOccupancy}, scales with the axes, by at most
 * the stretch's ratios.)
 */
public record Stretch(double x, double y, double z) {
  /** Factors are drawn log-uniformly in [1 / {@code MAX_FACTOR}, {@code MAX_FACTOR}] on each axis. */
  public static final double MAX_FACTOR = 1.4;

  public Stretch {
    for (double f : new double[] {x, y, z}) {
      if (!(f > 0) || !Double.isFinite(f)) {
        throw new IllegalArgumentException("stretch factors must be positive and finite, got " + x + ", " + y + ", " + z);
      }
    }
  }

  /** Independent log-uniform factors per axis. */
  public static Stretch draw(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double span = Math.log(MAX_FACTOR);
    return new Stretch(Math.exp(random.nextDouble(-span, span)), Math.exp(random.nextDouble(-span, span)),
        Math.exp(random.nextDouble(-span, span)));
  }

  /** The copy {@code copy} names: the stretched, renormalised mesh and the occupancy that goes with it. */
  public SourceShape apply(SourceShape shape, ShapeRef copy) {
    Mesh stretched = shape.mesh().transformed(new double[] {x, 0, 0, 0, 0, y, 0, 0, 0, 0, z, 0});
    Normalization.Transform n = Normalization.transformTo(stretched, 1.0);
    Occupancy original = shape.occupancy();
    double back = 1 / n.scale();
    Occupancy occupancy = (px, py, pz) ->
        original.inside((px * back + n.cx()) / x, (py * back + n.cy()) / y, (pz * back + n.cz()) / z);
    String attribution = shape.attribution() == null ? null
        : shape.attribution() + String.format(Locale.ROOT, ", stretched by %.3f x %.3f x %.3f", x, y, z);
    return new SourceShape(copy, n.apply(stretched), occupancy, attribution);
  }
}
