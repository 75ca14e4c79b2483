package dev.rayform.recon.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

  private static MeshMetricsResult metrics(double iou, double chamfer, double nc, double f) {
    return new MeshMetricsResult(iou, chamfer, nc, f, chamfer, chamfer, f, f);
  }

  private static EvaluationReport sample() {
    EvaluationReport r = new EvaluationReport();
    r.add("chair", metrics(0.5, 0.02, 0.8, 0.6));
    r.add("chair", metrics(0.7, 0.04, 0.9, 0.8));
    r.add("airplane", metrics(0.9, 0.01, 0.95, 0.9));
    r.add("chair", metrics(0.6, 0.03, 0.85, 0.7));
    return r;
  }

  @Test
  void categoryMeansAndTheMeanOverCategories() {
    EvaluationReport r = sample();
    EvaluationReport.Summary chair = r.categories().get("chair");
    assertThat(chair.shapes()).isEqualTo(3);
    assertThat(chair.iou()).isCloseTo(0.6, within(1e-12));
    assertThat(chair.chamferL1()).isCloseTo(0.03, within(1e-12));
    assertThat(chair.normalConsistency()).isCloseTo(0.85, within(1e-12));
    assertThat(chair.fscore()).isCloseTo(0.7, within(1e-12));
    // IoUs 0.5, 0.7, 0.6: sample deviation 0.1, standard error 0.1 / sqrt(3).
    assertThat(chair.iouStandardError()).isCloseTo(0.1 / Math.sqrt(3), within(1e-9));
    assertThat(chair.silhouetteIou()).isNaN();

    EvaluationReport.Summary mean = r.mean();
    assertThat(mean.shapes()).isEqualTo(4);
    assertThat(mean.iou()).isCloseTo(0.75, within(1e-12)); // (0.6 + 0.9) / 2, not 2.7 / 4
    assertThat(mean.chamferL1()).isCloseTo(0.02, within(1e-12));
    assertThat(mean.normalConsistency()).isCloseTo(0.9, within(1e-12));
    assertThat(mean.fscore()).isCloseTo(0.8, within(1e-12));
    assertThat(r.categories().keySet()).containsExactly("airplane", "chair");
  }

  @Test
  void emptyPredictionsCountWithTheirWorstValues() {
    EvaluationReport r = new EvaluationReport();
    r.add("lamp", MeshMetricsResult.emptyPrediction(MetricsOptions.defaults()));
    r.add("lamp", metrics(0.8, 0.01, 0.9, 0.9));
    assertThat(r.categories().get("lamp").iou()).isCloseTo(0.4, within(1e-12));
    assertThat(r.categories().get("lamp").chamferL1())
        .isCloseTo((MetricsOptions.defaults().worstDistance() + 0.01) / 2, within(1e-12));
  }

  @Test
  void jsonHasTheAgreedShape() throws Exception {
    JsonNode root = new ObjectMapper().readTree(sample().toJson());
    assertThat(root.fieldNames()).toIterable().containsExactly("categories", "mean");
    JsonNode chair = root.get("categories").get("chair");
    assertThat(chair.fieldNames()).toIterable()
        .containsExactlyInAnyOrder("iou", "chamfer_l1", "normal_consistency", "fscore", "iou_standard_error", "shapes");
    assertThat(chair.get("iou_standard_error").asDouble()).isCloseTo(0.1 / Math.sqrt(3), within(1e-9));
    assertThat(root.get("categories").get("airplane").get("iou_standard_error").isNull()).isTrue();
    // The one-shape airplane takes chair's variance (0.01): sqrt(0.01 / 3 + 0.01) / 2.
    assertThat(root.get("mean").get("iou_standard_error").asDouble()).isCloseTo(Math.sqrt(0.01 / 3 + 0.01) / 2, within(1e-9));
    assertThat(chair.get("shapes").asInt()).isEqualTo(3);
    assertThat(chair.get("iou").asDouble()).isCloseTo(0.6, within(1e-12));
    assertThat(root.get("mean").get("iou").asDouble()).isCloseTo(0.75, within(1e-12));
    assertThat(root.get("mean").get("shapes").asInt()).isEqualTo(4);
  }

  @Test
  void emptyReportHasNullMeans() throws Exception {
    EvaluationReport r = new EvaluationReport();
    JsonNode root = new ObjectMapper().readTree(r.toJson());
    assertThat(root.get("categories").size()).isZero();
    assertThat(root.get("mean").get("iou").isNull()).isTrue();
    assertThat(root.get("mean").get("shapes").asInt()).isZero();
    assertThat(r.toMarkdown()).contains("| **mean** | 0 |");
  }

  @Test
  void markdownTableListsCategoriesThenTheMean() {
    List<String> lines = sample().toMarkdown().lines().toList();
    assertThat(lines.get(0)).isEqualTo("| category | shapes | IoU | Chamfer-L1 | NC | F-score |");
    assertThat(lines.get(2)).isEqualTo("| airplane | 1 | 0.9000 | 0.01000 | 0.9500 | 0.9000 |");
    assertThat(lines.get(3)).isEqualTo("| chair | 3 | 0.6000 +-0.058 | 0.03000 | 0.8500 | 0.7000 |");
    assertThat(lines.get(4)).isEqualTo("| **mean** | 4 | 0.7500 +-0.058 | 0.02000 | 0.9000 | 0.8000 |");
    assertThat(sample().toMarkdown()).contains("not x10");
  }

  @Test
  void silhouetteUprightErrorAndSecondsAreAveragedAndShownWhenMeasured() throws Exception {
    EvaluationReport r = new EvaluationReport();
    r.add("car", metrics(0.5, 0.02, 0.8, 0.6), 0.9, 4.0, 1.0);
    r.add("car", metrics(0.7, 0.02, 0.8, 0.6), 0.7, 8.0, 2.0);
    r.add("sofa", metrics(0.4, 0.02, 0.8, 0.6), 0.6, 2.0, 4.0);
    r.add("sofa", metrics(0.4, 0.02, 0.8, 0.6), 0.6, 2.0, 4.0);
    assertThat(r.categories().get("car").silhouetteIou()).isCloseTo(0.8, within(1e-12));
    assertThat(r.mean().silhouetteIou()).isCloseTo(0.7, within(1e-12));
    assertThat(r.mean().secondsPerShape()).isCloseTo(2.75, within(1e-12));
    // Category means 6 and 2 degrees, each category weighing the same.
    assertThat(r.categories().get("car").uprightErrorDegrees()).isCloseTo(6, within(1e-12));
    assertThat(r.mean().uprightErrorDegrees()).isCloseTo(4, within(1e-12));
    // Category standard errors 0.1 and 0: the mean of two means has sqrt(0.1^2 + 0) / 2.
    assertThat(r.mean().iouStandardError()).isCloseTo(0.05, within(1e-9));
    List<String> lines = r.toMarkdown().lines().toList();
    assertThat(lines.get(0)).endsWith("| silhouette IoU | upright error (deg) | s/shape |");
    assertThat(lines.get(2)).isEqualTo("| car | 2 | 0.6000 +-0.100 | 0.02000 | 0.8000 | 0.6000 | 0.8000 | 6.0 | 1.50 |");
    JsonNode mean = new ObjectMapper().readTree(r.toJson()).get("mean");
    assertThat(mean.get("silhouette_iou").asDouble()).isCloseTo(0.7, within(1e-12));
    assertThat(mean.get("seconds_per_shape").asDouble()).isCloseTo(2.75, within(1e-12));
    assertThat(mean.get("upright_error_degrees").asDouble()).isCloseTo(4, within(1e-12));
  }

  @Test
  void concurrentAddsAreAllCounted() {
    EvaluationReport r = new EvaluationReport();
    IntStream.range(0, 4000).parallel().forEach(i -> r.add(i % 2 == 0 ? "car" : "sofa", metrics(0.5, 0.02, 0.8, 0.6)));
    assertThat(r.shapeCount()).isEqualTo(4000);
    assertThat(r.categories().get("car").shapes()).isEqualTo(2000);
    assertThat(r.mean().iou()).isCloseTo(0.5, within(1e-9));
  }
}
