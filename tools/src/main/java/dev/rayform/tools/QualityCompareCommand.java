package dev.rayform.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rayform bench compare BASE CANDIDATE}: two quality benchmark runs paired by category, set by
 * set, and whether the candidate is above the base on every set the replacement rule names (issue 14:
 * a new default model must measure better on both the procedural and the Sweet Home 3D set).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {
      "Compare two runs of `bench quality`, paired by category: per set both means, the mean per-category difference "
          + "with its standard error, how many categories rose; then whether the candidate is above the base on every "
          + "set of --rule.",
      "BASE and CANDIDATE: a file that `bench quality` printed (its tables, or with --json; `evaluate --json` too), or the label of a section "
          + "of QUALITY.md (wise2 for \"Benchmark: wise2\")."
    })
final class QualityCompareCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BASE", description = "The run measured against (the shipped model's, usually).")
  String base;

  @Parameters(index = "1", paramLabel = "CANDIDATE", description = "The run judged.")
  String candidate;

  @Option(names = "--rule", split = ",", defaultValue = "procedural,sh3d",
      description = "The sets the candidate must be above the base on. Default: ${DEFAULT-VALUE}.")
  List<String> rule;

  @Option(names = "--quality", description = "The file whose sections labels name (default: the repository's QUALITY.md).")
  Path quality;

  @Option(names = "--json", description = "Print one JSON object instead of the text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path file = quality != null ? quality : BenchmarkReport.qualityPath();
    BenchResults a = BenchResults.read(base, file), b = BenchResults.read(candidate, file);
    Map<String, PairedDifference> bySet = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Double>> e : a.iouBySet().entrySet()) {
      Map<String, Double> other = b.iouBySet().get(e.getKey());
      if (other != null) {
        bySet.put(e.getKey(), PairedDifference.of(e.getValue(), other));
      }
    }
    if (bySet.isEmpty()) {
      throw new IllegalArgumentException(a.name() + " " + a.iouBySet().keySet() + " and " + b.name() + " "
          + b.iouBySet().keySet() + " share no benchmark set");
    }
    Verdict verdict = Verdict.of(rule, bySet);
    System.out.println(json ? json(a.name(), b.name(), bySet, verdict) : text(a.name(), b.name(), bySet, verdict));
    return 0;
  }

  /** The rule's sets the candidate is not above the base on, and those not measured for both. */
  record Verdict(List<String> notAbove, List<String> notMeasured) {
    static Verdict of(List<String> rule, Map<String, PairedDifference> bySet) {
      List<String> notAbove = new ArrayList<>(), notMeasured = new ArrayList<>();
      for (String set : rule) {
        PairedDifference d = bySet.get(set);
        if (d == null) {
          notMeasured.add(set);
        } else if (!d.above()) {
          notAbove.add(set);
        }
      }
      return new Verdict(List.copyOf(notAbove), List.copyOf(notMeasured));
    }

    boolean above() {
      return notAbove.isEmpty() && notMeasured.isEmpty();
    }
  }

  private String text(String a, String b, Map<String, PairedDifference> bySet, Verdict verdict) {
    StringBuilder out = new StringBuilder();
    bySet.forEach((set, d) -> {
      out.append(String.format(Locale.ROOT, "%s: %s %.4f -> %s %.4f, difference %+.4f +-%s, %d of %d categories up%n", set, a,
          d.baseMean(), b, d.candidateMean(), d.meanDifference(),
          Double.isNaN(d.standardError()) ? "n/a" : String.format(Locale.ROOT, "%.4f", d.standardError()), d.up(), d.categories()));
      out.append("  ");
      d.differences().forEach((category, diff) -> out.append(String.format(Locale.ROOT, " %s %+.3f", category, diff)));
      out.append(System.lineSeparator());
    });
    out.append(String.format("%s above %s on %s: %s", b, a, String.join(" and ", rule), verdict.above() ? "yes"
        : "no" + (verdict.notAbove().isEmpty() ? "" : " (not above on " + String.join(", ", verdict.notAbove()) + ")")
            + (verdict.notMeasured().isEmpty() ? "" : " (not measured on " + String.join(", ", verdict.notMeasured()) + ")")));
    return out.toString();
  }

  private static String json(String a, String b, Map<String, PairedDifference> bySet, Verdict verdict) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode().put("base", a).put("candidate", b).put("above_on_rule", verdict.above());
    root.putPOJO("not_above", verdict.notAbove());
    root.putPOJO("not_measured", verdict.notMeasured());
    ObjectNode sets = root.putObject("sets");
    bySet.forEach((set, d) -> {
      ObjectNode n = sets.putObject(set).put("base_mean", d.baseMean()).put("candidate_mean", d.candidateMean())
          .put("mean_difference", d.meanDifference()).put("up", d.up()).put("categories", d.categories());
      if (Double.isNaN(d.standardError())) {
        n.putNull("standard_error");
      } else {
        n.put("standard_error", d.standardError());
      }
      ObjectNode per = n.putObject("differences");
      d.differences().forEach(per::put);
    });
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
