package dev.rayform.recon.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reconstruction metrics by the ONet protocol. Distances are in the meshes' units (raw, not the
 * papers' x10): {@code chamferL1 = (accuracy + completeness) / 2}, where accuracy is the mean
 * prediction-to-GT nearest distance and completeness GT-to-prediction. Precision and recall are
 * the fractions of samples within tau of the other surface; {@code fscore} their harmonic mean.
 */
public record MeshMetricsResult(
    double iou,
    double chamferL1,
    double normalConsistency,
    double fscore,
    double accuracy,
    double completeness,
    double precision,
    double recall) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fixed worst values given to an empty prediction. */
  public static MeshMetricsResult emptyPrediction(MetricsOptions options) {
    double worst = options.worstDistance();
    return new MeshMetricsResult(0, worst, 0, 0, worst, worst, 0, 0);
  }

  /** Snake-case keys as stored in {@code metrics.json}. */
  public Map<String, Double> toMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("iou", iou);
    m.put("chamfer_l1", chamferL1);
    m.put("normal_consistency", normalConsistency);
    m.put("fscore", fscore);
    m.put("accuracy", accuracy);
    m.put("completeness", completeness);
    m.put("precision", precision);
    m.put("recall", recall);
    return m;
  }

  /** {@code {"iou":..,"chamfer_l1":..,"normal_consistency":..,"fscore":..,"accuracy":..,...}}. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(toMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("metrics are plain numbers and always serialise", e);
    }
  }
}
