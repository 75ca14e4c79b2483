package dev.rayform.recon.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-shape metrics gathered by category, summarised like the papers' tables: the mean of each
 * category's shapes, and an overall mean over categories (each category weighs the same, however
 * many shapes it has). Chamfer-L1 is raw, in units of the normalised shape, not the papers' x10.
 * Thread-safe: shapes may be added from several workers.
 */
public final class EvaluationReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Means of one group of shapes; {@code NaN} where there are none. {@code iouStandardError} is the
   * standard error of the IoU mean; {@code silhouetteIou} (the prediction's and the ground truth's
   * silhouettes from the input camera), {@code uprightErrorDegrees} ({@link UprightError}) and
   * {@code secondsPerShape} are NaN when not measured.
   */
  public record Summary(int shapes, double iou, double chamferL1, double normalConsistency, double fscore,
      double iouStandardError, double silhouetteIou, double uprightErrorDegrees, double secondsPerShape) {}

  private final Map<String, Sums> byCategory = new TreeMap<>();

  public synchronized void add(String category, MeshMetricsResult metrics) {
    add(category, metrics, Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * A shape's metrics with its silhouette IoU from the input camera, its upright error in degrees
   * and the seconds it took (NaN: not measured).
   */
  public synchronized void add(String category, MeshMetricsResult metrics, double silhouetteIou, double uprightErrorDegrees,
      double seconds) {
    if (category == null || category.isBlank()) {
      throw new IllegalArgumentException("a shape's category must be named");
    }
    byCategory.computeIfAbsent(category, c -> new Sums()).add(metrics, silhouetteIou, uprightErrorDegrees, seconds);
  }

  /** Shapes added so far. */
  public synchronized int shapeCount() {
    return byCategory.values().stream().mapToInt(s -> s.count).sum();
  }

  /** Per-category means, by category name. */
  public synchronized Map<String, Summary> categories() {
    Map<String, Summary> out = new TreeMap<>();
    byCategory.forEach((name, sums) -> out.put(name, sums.summary()));
    return out;
  }

  /** The mean over categories of the category means; {@code shapes} counts every shape. */
  public synchronized Summary mean() {
    Map<String, Summary> categories = categories();
    int n = categories.size();
    // A category of one shape has no spread of its own: it takes the pooled within-category variance.
    double pooledSum = 0, pooledDf = 0;
    for (Summary s : categories.values()) {
      if (s.shapes() > 1) {
        pooledSum += (s.shapes() - 1) * s.iouStandardError() * s.iouStandardError() * s.shapes();
        pooledDf += s.shapes() - 1;
      }
    }
    double pooled = pooledDf > 0 ? pooledSum / pooledDf : Double.NaN;
    double iou = 0, chamfer = 0, nc = 0, f = 0, variance = 0, silhouette = 0, upright = 0, seconds = 0;
    for (Summary s : categories.values()) {
      iou += s.iou();
      chamfer += s.chamferL1();
      nc += s.normalConsistency();
      f += s.fscore();
      variance += s.shapes() > 1 ? s.iouStandardError() * s.iouStandardError() : pooled;
      silhouette += s.silhouetteIou();
      upright += s.uprightErrorDegrees();
      seconds += s.secondsPerShape();
    }
    // The mean of independent category means: its variance is the sum of theirs over n^2.
    return n == 0 ? new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
        : new Summary(shapeCount(), iou / n, chamfer / n, nc / n, f / n, Math.sqrt(variance) / n, silhouette / n, upright / n,
            seconds / n);
  }

  /** A Markdown table: one row per category, then the mean row. */
  public synchronized String toMarkdown() {
    StringBuilder md = new StringBuilder();
    boolean extras = Double.isFinite(mean().silhouetteIou());
    md.append("| category | shapes | IoU | Chamfer-L1 | NC | F-score |").append(extras ? " silhouette IoU | upright error (deg) | s/shape |\n" : "\n");
    md.append("|---|---:|---:|---:|---:|---:|").append(extras ? "---:|---:|---:|\n" : "\n");
    categories().forEach((name, s) -> row(md, name, s, extras));
    row(md, "**mean**", mean(), extras);
    md.append("\nIoU is given with its standard error where a category has two shapes or more. Chamfer-L1 is raw (not x10), "
        + "in units of the normalised shape (longest side 1); the mean row averages the categories, each weighing the same."
        + (extras ? " Upright error: the mean angle between the up read from the prediction as the input camera sees it "
            + "(how the delivered product stands) and the true up.\n" : "\n"));
    return md.toString();
  }

  /**
   * {@code {"categories": {NAME: {"iou", "chamfer_l1", "normal_consistency", "fscore", "shapes"}},
   * "mean": {...}}}; a mean with no shapes behind it is {@code null}.
   */
  public synchronized String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode categories = root.putObject("categories");
    categories().forEach((name, s) -> fill(categories.putObject(name), s));
    fill(root.putObject("mean"), mean());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of numbers always serialises", e);
    }
  }

  private static void fill(ObjectNode node, Summary s) {
    put(node, "iou", s.iou());
    put(node, "chamfer_l1", s.chamferL1());
    put(node, "normal_consistency", s.normalConsistency());
    put(node, "fscore", s.fscore());
    put(node, "iou_standard_error", s.iouStandardError());
    if (Double.isFinite(s.silhouetteIou())) {
      put(node, "silhouette_iou", s.silhouetteIou());
    }
    if (Double.isFinite(s.uprightErrorDegrees())) {
      put(node, "upright_error_degrees", s.uprightErrorDegrees());
    }
    if (Double.isFinite(s.secondsPerShape())) {
      put(node, "seconds_per_shape", s.secondsPerShape());
    }
    node.put("shapes", s.shapes());
  }

  private static void put(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  private static void row(StringBuilder md, String name, Summary s, boolean extras) {
    String se = Double.isFinite(s.iouStandardError()) ? String.format(Locale.ROOT, " +-%.3f", s.iouStandardError()) : "";
    md.append(String.format(Locale.ROOT, "| %s | %d | %.4f%s | %.5f | %.4f | %.4f |", name, s.shapes(), s.iou(), se,
        s.chamferL1(), s.normalConsistency(), s.fscore()));
    md.append(extras ? String.format(Locale.ROOT, " %.4f | %.1f | %.2f |%n", s.silhouetteIou(), s.uprightErrorDegrees(),
        s.secondsPerShape()) : "\n");
  }

  /** Running sums of one category. */
  private static final class Sums {
    int count;
    double iou, iouSquares, chamfer, nc, fscore, silhouette, upright, seconds;

    void add(MeshMetricsResult m, double silhouetteIou, double uprightErrorDegrees, double shapeSeconds) {
      count++;
      iou += m.iou();
      iouSquares += m.iou() * m.iou();
      chamfer += m.chamferL1();
      nc += m.normalConsistency();
      fscore += m.fscore();
      silhouette += silhouetteIou;
      upright += uprightErrorDegrees;
      seconds += shapeSeconds;
    }

    Summary summary() {
      double mean = iou / count;
      // Sample standard deviation over sqrt(n); NaN for a single shape, where it is unknown.
      double se = count > 1 ? Math.sqrt(Math.max(0, (iouSquares - count * mean * mean) / (count - 1)) / count) : Double.NaN;
      return new Summary(count, mean, chamfer / count, nc / count, fscore / count, se, silhouette / count, upright / count, seconds / count);
    }
  }
}
