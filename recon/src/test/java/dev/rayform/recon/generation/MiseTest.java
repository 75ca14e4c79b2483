package dev.rayform.recon.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.eval.MeshMetrics;
import dev.rayform.recon.eval.MetricsOptions;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.inside.MeshInsideTest;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MiseTest {
  private static final Aabb BOX = Aabb.cube(0.55);
  private static final float THRESHOLD = 0.2f;

  /** Occupancy probability of a union of spheres {x, y, z, r}: a logistic of the signed distance. */
  private static ScalarGrid.Field spheres(double[]... spheres) {
    return (x, y, z) -> {
      double d = Double.POSITIVE_INFINITY;
      for (double[] s : spheres) {
        double dx = x - s[0], dy = y - s[1], dz = z - s[2];
        d = Math.min(d, Math.sqrt(dx * dx + dy * dy + dz * dz) - s[3]);
      }
      return 1 / (1 + Math.exp(d / 0.01));
    };
  }

  private static PointEvaluator evaluator(ScalarGrid.Field field, AtomicInteger calls, Set<Long> seen) {
    return xyz -> {
      calls.incrementAndGet();
      assertThat(xyz.length).isLessThanOrEqualTo(3 * Mise.DEFAULT_BATCH);
      float[] out = new float[xyz.length / 3];
      for (int i = 0; i < out.length; i++) {
        long key = Math.round((xyz[3 * i] + 1) * 1e4) * 100_000_000L + Math.round((xyz[3 * i + 1] + 1) * 1e4) * 10_000L
            + Math.round((xyz[3 * i + 2] + 1) * 1e4);
        assertThat(seen.add(key)).as("point queried twice").isTrue();
        out[i] = (float) field.value(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
      }
      return out;
    };
  }

  @Test
  void sphereMatchesTheDenseGridWithFarFewerPoints() {
    compareWithDense("sphere", spheres(new double[] {0.05, -0.02, 0.03, 0.3}));
  }

  @Test
  void twoSpheresMatchTheDenseGrid() {
    compareWithDense("two spheres", spheres(new double[] {-0.25, 0, 0, 0.2}, new double[] {0.25, 0.1, 0.05, 0.12}));
  }

  private static void compareWithDense(String name, ScalarGrid.Field field) {
    AtomicInteger calls = new AtomicInteger();
    Set<Long> seen = new HashSet<>();
    long start = System.nanoTime();
    MiseResult mise = Mise.extract(BOX, 32, 2, THRESHOLD, evaluator(field, calls, seen));
    double seconds = (System.nanoTime() - start) / 1e9;
    ScalarGrid dense = ScalarGrid.sampleCube(129, -0.55, 0.55, field);
    assertThat(mise.grid().nx()).isEqualTo(129);
    assertThat(mise.grid().spacing()).isCloseTo(dense.spacing(), within(1e-12));
    assertThat(mise.grid().originX()).isCloseTo(-0.55, within(1e-12));

    Mesh fromMise = mise.mesh(THRESHOLD), fromDense = FrustumGrid.extractMesh(dense, THRESHOLD);
    double iou = MeshMetrics.iou(MeshInsideTest.of(fromMise), MeshInsideTest.of(fromDense), MetricsOptions.defaults());
    double ratio = mise.pointsEvaluated() / (double) mise.densePoints();
    System.out.printf("MISE %s: %d of %d points (%.1f%%, %.1fx fewer), %d calls, IoU vs dense %.4f, %.2f s%n", name,
        mise.pointsEvaluated(), mise.densePoints(), 100 * ratio, 1 / ratio, calls.get(), iou, seconds);
    assertThat(iou).isGreaterThanOrEqualTo(0.99);
    assertThat(ratio).isLessThan(0.25);
    assertThat(seen).hasSize((int) mise.pointsEvaluated());
    assertThat(GenerationTestSupport.volume(fromMise)).isCloseTo(GenerationTestSupport.volume(fromDense),
        within(0.01 * GenerationTestSupport.volume(fromDense)));
  }

  @Test
  void queriedPointsKeepTheirValuesAndOthersAreInterpolated() {
    ScalarGrid.Field linear = (x, y, z) -> 0.5 + x;
    MiseResult r = Mise.extract(BOX, 4, 2, 0.5f, evaluator(linear, new AtomicInteger(), new HashSet<>()));
    ScalarGrid g = r.grid();
    for (int i = 0; i < g.values().length; i++) {
      int x = i % g.nx();
      assertThat((double) g.values()[i]).isCloseTo(0.5 + g.originX() + x * g.spacing(), within(1e-5));
    }
    assertThat(r.pointsEvaluated()).isLessThan(r.densePoints());
  }

  @Test
  void smallBatchesGiveTheSameGrid() {
    ScalarGrid.Field field = spheres(new double[] {0, 0, 0, 0.3});
    AtomicInteger calls = new AtomicInteger();
    MiseResult small = Mise.extract(BOX, 8, 2, THRESHOLD, evaluator(field, calls, new HashSet<>()), 500);
    MiseResult large = Mise.extract(BOX, 8, 2, THRESHOLD, evaluator(field, new AtomicInteger(), new HashSet<>()));
    assertThat(small.grid().values()).isEqualTo(large.grid().values());
    assertThat(calls.get()).isGreaterThan((int) (small.pointsEvaluated() / 500));
  }

  @Test
  void noUpsamplingIsTheCoarseGrid() {
    MiseResult r = Mise.extract(BOX, 16, 0, THRESHOLD, xyz -> new float[xyz.length / 3]);
    assertThat(r.pointsEvaluated()).isEqualTo(17 * 17 * 17);
    assertThat(r.mesh(THRESHOLD).isEmpty()).isTrue();
  }

  @Test
  void evaluatorReturningTheWrongCountIsReported() {
    assertThatThrownBy(() -> Mise.extract(BOX, 4, 1, THRESHOLD, xyz -> new float[1]))
        .isInstanceOf(IllegalStateException.class);
  }
}
