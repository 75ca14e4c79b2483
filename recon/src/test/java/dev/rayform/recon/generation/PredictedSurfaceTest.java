package dev.rayform.recon.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.eval.MeshMetrics;
import dev.rayform.recon.eval.MeshMetricsResult;
import dev.rayform.recon.eval.MetricsOptions;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import dev.rayform.recon.geometry.mc.MarchingCubes;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A predicted surface stays within its face budget whatever the prediction, and is untouched when it fits. */
class PredictedSurfaceTest {
  private static ScalarGrid noise(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[n * n * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextDouble();
    }
    double spacing = 1.1 / (n - 1);
    return new ScalarGrid(n, n, n, v, -0.55, -0.55, -0.55, spacing);
  }

  @Test
  void aSurfaceWithinTheBudgetIsExtractedAsItIs() {
    ScalarGrid ball = ScalarGrid.sampleCube(65, -0.55, 0.55, (x, y, z) -> x * x + y * y + z * z < 0.16 ? 1 : 0);
    Mesh plain = MarchingCubes.extract(ball, 0.2f, true);
    assertThat(PredictedSurface.extract(ball, 0.2f).faceCount()).isEqualTo(plain.faceCount());
  }

  @Test
  void noiseIsExtractedAtACoarserGridWithinTheBudget() {
    ScalarGrid grid = noise(65, 1);
    long full = MarchingCubes.faceCount(grid, 0.5f, true);
    Mesh mesh = PredictedSurface.extract(grid, 0.5f, 20_000);
    assertThat(full).isGreaterThan(200_000);
    assertThat(mesh.faceCount()).isPositive().isLessThanOrEqualTo(20_000);
    assertThat(GenerationTestSupport.isClosed(mesh)).isTrue();
  }

  @Test
  void theWorstPredictionAt128CubedGetsItsBadFiguresInBoundedMemory() {
    // Noise at the default resolution: about 5 million faces before the budget, whose inside test
    // alone would need more than the test JVM's 3 GB heap.
    Mesh pred = PredictedSurface.extract(noise(129, 2), 0.5f);
    assertThat((long) pred.faceCount()).isLessThanOrEqualTo(PredictedSurface.MAX_FACES);
    MeshMetricsResult m = MeshMetrics.compute(pred, MeshPrimitives.icosphere(0.4, 4), MetricsOptions.defaults().withSurfacePoints(20_000));
    assertThat(m.iou()).isBetween(0.0, 0.6);
    assertThat(m.chamferL1()).isFinite().isPositive();
    assertThat(m.fscore()).isBetween(0.0, 1.0);
  }
}
