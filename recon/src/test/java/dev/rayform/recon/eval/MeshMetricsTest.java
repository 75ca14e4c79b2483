package dev.rayform.recon.eval;

import static dev.rayform.recon.geometry.TestMeshes.icosphere;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.recon.geometry.Mesh;
import org.junit.jupiter.api.Test;

class MeshMetricsTest {
  private static final double R = 0.3;
  private static final Mesh SPHERE = icosphere(4, R);

  @Test
  void meshAgainstItselfIsPerfect() {
    MeshMetricsResult m = MeshMetrics.compute(SPHERE, SPHERE);
    assertThat(m.iou()).isCloseTo(1, within(0.003));
    assertThat(m.chamferL1()).isLessThan(0.003);
    assertThat(m.normalConsistency()).isGreaterThan(0.99);
    assertThat(m.fscore()).isCloseTo(1, within(1e-4));
  }

  @Test
  void shiftedSphereIouMatchesTheLensVolume() {
    double d = 0.2;
    Mesh shifted = icosphere(4, R, d, 0, 0);
    double lens = Math.PI * (4 * R + d) * (2 * R - d) * (2 * R - d) / 12;
    double ball = 4.0 / 3 * Math.PI * R * R * R;
    double expected = lens / (2 * ball - lens);
    assertThat(expected).isCloseTo(0.35, within(0.001));
    assertThat(MeshMetrics.compute(shifted, SPHERE).iou()).isCloseTo(expected, within(0.015));
  }

  @Test
  void concentricSpheresAreTheirRadiusDifferenceApart() {
    MeshMetricsResult m = MeshMetrics.compute(icosphere(4, 0.35), SPHERE);
    assertThat(m.accuracy()).isCloseTo(0.05, within(0.002));
    assertThat(m.completeness()).isCloseTo(0.05, within(0.002));
    assertThat(m.chamferL1()).isCloseTo(0.05, within(0.002));
    assertThat(m.fscore()).isZero();
    assertThat(m.normalConsistency()).isGreaterThan(0.99);
    double ratio = Math.pow(R / 0.35, 3);
    assertThat(m.iou()).isCloseTo(ratio, within(0.015));
  }

  @Test
  void exactGroundTruthOccupancyIsUsedForIou() {
    MetricsOptions options = MetricsOptions.defaults();
    MeshMetricsResult m = MeshMetrics.compute(SPHERE, SPHERE, (x, y, z) -> x * x + y * y + z * z < R * R, options);
    assertThat(m.iou()).isCloseTo(1, within(0.01));
    assertThat(m.iou()).isLessThan(1); // the icosphere sits just inside the true sphere
  }

  @Test
  void emptyPredictionGetsTheWorstValues() {
    MeshMetricsResult m = MeshMetrics.compute(Mesh.empty(), SPHERE);
    assertThat(m.iou()).isZero();
    assertThat(m.fscore()).isZero();
    assertThat(m.normalConsistency()).isZero();
    assertThat(m.chamferL1()).isCloseTo(Math.sqrt(3) * 1.1, within(1e-12));
    assertThat(m.accuracy()).isEqualTo(m.chamferL1());
    assertThat(m.completeness()).isEqualTo(m.chamferL1());
    Mesh flat = Mesh.of(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0}, new int[] {0, 1, 2});
    assertThat(MeshMetrics.compute(flat, SPHERE)).isEqualTo(m);
  }

  @Test
  void emptyGroundTruthIsATypedError() {
    assertThatThrownBy(() -> MeshMetrics.compute(SPHERE, Mesh.empty()))
        .isInstanceOf(EmptyGroundTruthException.class)
        .hasMessageContaining("ground-truth")
        .extracting(e -> ((EmptyGroundTruthException) e).code())
        .isEqualTo("empty_ground_truth");
  }

  @Test
  void reproducibleAndSerialisedAsJson() throws Exception {
    MetricsOptions options = MetricsOptions.defaults().withIouPoints(20_000).withSurfacePoints(20_000).withSeed(7);
    Mesh shifted = icosphere(3, R, 0.05, 0, 0);
    MeshMetricsResult a = MeshMetrics.compute(shifted, SPHERE, options);
    assertThat(MeshMetrics.compute(shifted, SPHERE, options)).isEqualTo(a);
    JsonNode json = new ObjectMapper().readTree(a.toJson());
    assertThat(json.get("iou").asDouble()).isEqualTo(a.iou());
    assertThat(json.get("chamfer_l1").asDouble()).isEqualTo(a.chamferL1());
    assertThat(json.get("normal_consistency").asDouble()).isEqualTo(a.normalConsistency());
    assertThat(json.get("fscore").asDouble()).isEqualTo(a.fscore());
    assertThat(json.has("precision") && json.has("recall") && json.has("accuracy") && json.has("completeness")).isTrue();
  }

  @Test
  void fscoreTauIsConfigurable() {
    Mesh bigger = icosphere(4, 0.303);
    MetricsOptions options = MetricsOptions.defaults().withIouPoints(10_000).withSurfacePoints(20_000);
    assertThat(MeshMetrics.compute(bigger, SPHERE, options).fscore()).isGreaterThan(0.97);
    // the surfaces are 0.003 apart, so nothing is within 0.002
    assertThat(MeshMetrics.compute(bigger, SPHERE, options.withFscoreTau(0.002)).fscore()).isZero();
  }

  @Test
  void printsTheTimeOfFullMetrics() {
    Mesh gt = icosphere(5, R);
    Mesh pred = icosphere(5, 0.31, 0.02, 0, 0);
    MeshMetrics.compute(pred, gt); // warm-up
    long start = System.nanoTime();
    MeshMetricsResult m = MeshMetrics.compute(pred, gt);
    System.out.printf("full metrics, 100k IoU points + 100k/100k surface samples, %d-face meshes: %.0f ms -> %s%n",
        gt.faceCount(), (System.nanoTime() - start) / 1e6, m.toJson());
    assertThat(m.iou()).isBetween(0.0, 1.0);
  }
}
