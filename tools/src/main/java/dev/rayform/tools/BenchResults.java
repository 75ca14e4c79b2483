package dev.rayform.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-category IoU of one {@code rayform bench quality} run, by set ({@code procedural},
 * {@code procedural-0-60}, {@code sh3d}): read from what it printed (its tables, or the JSON of
 * {@code --json}; {@code rayform evaluate --json}'s too, as the set {@code evaluate}), or from the run's
 * section in QUALITY.md, so any two measured models compare without running them again.
 */
record BenchResults(String name, Map<String, Map<String, Double>> iouBySet) {
  /** The line that names a printed run. */
  private static final Pattern TITLE = Pattern.compile("(?m)^## Benchmark: (.+)$");
  /** A Markdown table row: its first cell, the shape count, and the IoU (its standard error after it, if any). */
  private static final Pattern ROW = Pattern.compile("^\\|\\s*([^|]+?)\\s*\\|\\s*\\d+\\s*\\|\\s*([0-9.]+|NaN)");

  /** {@code ref}: a file {@code bench quality} printed, or else the label of a section of {@code quality} ("wise2" for "## Benchmark: wise2"). */
  static BenchResults read(String ref, Path quality) {
    Path file = Path.of(ref);
    if (Files.isRegularFile(file)) {
      return fromFile(file);
    }
    String section = BenchmarkReport.section(quality, QualityBenchCommand.sectionName(ref));
    if (section == null) {
      throw new IllegalArgumentException("'" + ref + "' is neither a file nor a benchmark section of " + quality);
    }
    return fromMarkdown(ref, section);
  }

  /** What {@code bench quality} printed: its tables (named by their "## Benchmark:" line), or its JSON. */
  static BenchResults fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    if (text.stripLeading().startsWith("{")) {
      return fromJson(file, text);
    }
    Matcher title = TITLE.matcher(text);
    return fromMarkdown(title.find() ? title.group(1) : file.getFileName().toString(), text);
  }

  private static BenchResults fromJson(Path file, String text) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + " as a benchmark's JSON: " + e.getMessage());
    }
    if (root == null) {
      root = MissingNode.getInstance();
    }
    Map<String, Map<String, Double>> sets = new LinkedHashMap<>();
    if (root.has("categories")) {
      sets.put("evaluate", categories(root, file));
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().has("categories")) {
          sets.put(e.getKey(), categories(e.getValue(), file));
        }
      }
    }
    if (sets.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no benchmark set (the output of bench quality --json or evaluate --json)");
    }
    String name = root.path("model").isTextual() ? root.get("model").asText() : file.getFileName().toString();
    return new BenchResults(name, sets);
  }

  private static Map<String, Double> categories(JsonNode set, Path file) {
    Map<String, Double> iou = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = set.get("categories").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue().get("iou");
      if (v == null || !v.isNumber()) {
        throw new IllegalArgumentException(file + ": category " + e.getKey() + " has no IoU");
      }
      iou.put(e.getKey(), v.asDouble());
    }
    return iou;
  }

  /**
   * A section as {@code bench quality} writes it: a category table under each set's heading, then the
   * summary table whose rows name the sets in the same order.
   */
  static BenchResults fromMarkdown(String name, String section) {
    List<Map<String, Double>> tables = new ArrayList<>();
    List<String> setNames = new ArrayList<>();
    Map<String, Double> table = null;
    boolean summary = false;
    for (String line : section.split("\n")) {
      if (line.startsWith("### ") || line.startsWith("| set |")) {
        table = null;
        summary = line.startsWith("| set |");
        continue;
      }
      if (line.startsWith("| category |")) {
        table = new LinkedHashMap<>();
        tables.add(table);
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (!m.find() || m.group(1).startsWith("*")) {
        continue;
      }
      if (summary) {
        setNames.add(m.group(1));
      } else if (table != null) {
        table.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    if (tables.isEmpty() || tables.size() != setNames.size()) {
      throw new IllegalArgumentException("the section '" + name + "' has " + tables.size() + " category tables and "
          + setNames.size() + " sets in its summary; not a bench quality section");
    }
    Map<String, Map<String, Double>> sets = new LinkedHashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      sets.put(setNames.get(i), tables.get(i));
    }
    return new BenchResults(name, sets);
  }
}
