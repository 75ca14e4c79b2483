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

  /** Means of one group of shapes; {@code NaN} where there are none. */
  public record Summary(int shapes, double iou, double chamferL1, double normalConsistency, double fscore) {}

  private final Map<String, Sums> byCategory = new TreeMap<>();

  public synchronized void add(String category, MeshMetricsResult metrics) {
    if (category == null || category.isBlank()) {
      throw new IllegalArgumentException("a shape's category must be named");
    }
    byCategory.computeIfAbsent(category, c -> new Sums()).add(metrics);
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
    double iou = 0, chamfer = 0, nc = 0, f = 0;
    for (Summary s : categories.values()) {
      iou += s.iou();
      chamfer += s.chamferL1();
      nc += s.normalConsistency();
      f += s.fscore();
    }
    return n == 0 ? new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
        : new Summary(shapeCount(), iou / n, chamfer / n, nc / n, f / n);
  }

  /** A Markdown table: one row per category, then the mean row. */
  public synchronized String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("| category | shapes | IoU | Chamfer-L1 | NC | F-score |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    categories().forEach((name, s) -> row(md, name, s));
    row(md, "**mean**", mean());
    md.append("\nChamfer-L1 is raw (not x10), in units of the normalised shape (longest side 1); "
        + "the mean row averages the categories, each weighing the same.\n");
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
    node.put("shapes", s.shapes());
  }

  private static void put(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  private static void row(StringBuilder md, String name, Summary s) {
    md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.5f | %.4f | %.4f |%n", name, s.shapes(), s.iou(),
        s.chamferL1(), s.normalConsistency(), s.fscore()));
  }

  /** Running sums of one category. */
  private static final class Sums {
    int count;
    double iou, chamfer, nc, fscore;

    void add(MeshMetricsResult m) {
      count++;
      iou += m.iou();
      chamfer += m.chamferL1();
      nc += m.normalConsistency();
      fscore += m.fscore();
    }

    Summary summary() {
      return new Summary(count, iou / count, chamfer / count, nc / count, fscore / count);
    }
  }
}
