package dev.rayform.tools;

import static dev.rayform.tools.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.launcher.CommandRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityCompareCommandTest {
  @Test
  void categoriesArePairedAndOnlyTheSharedOnesCount() {
    PairedDifference d = PairedDifference.of(Map.of("a", 0.5, "b", 0.3, "c", 0.2), Map.of("a", 0.6, "b", 0.3, "c", 0.1, "d", 0.9));
    assertThat(d.categories()).isEqualTo(3);
    assertThat(d.differences()).containsOnlyKeys("a", "b", "c");
    assertThat(d.differences().get("a")).isCloseTo(0.1, within(1e-12));
    assertThat(d.baseMean()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(d.candidateMean()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(d.meanDifference()).isCloseTo(0, within(1e-12));
    // Differences +0.1, 0, -0.1: sample deviation 0.1, over sqrt(3).
    assertThat(d.standardError()).isCloseTo(0.1 / Math.sqrt(3), within(1e-12));
    assertThat(d.up()).isEqualTo(1);

    PairedDifference one = PairedDifference.of(Map.of("a", 0.5), Map.of("a", 0.75));
    assertThat(one.meanDifference()).isEqualTo(0.25);
    assertThat(one.standardError()).isNaN();
    assertThat(one.above()).isTrue();
    assertThatThrownBy(() -> PairedDifference.of(Map.of("a", 0.5), Map.of("b", 0.5))).hasMessageContaining("no category");
  }

  @Test
  void twoSectionsOfTheQualityFileAreComparedSetBySetAndJudgedByTheRule(@TempDir Path dir) throws Exception {
    Path quality = dir.resolve("QUALITY.md");
    BenchmarkReport.update(quality, QualityBenchCommand.sectionName("old"), section("old", new double[] {0.40, 0.60, 0.20}, new double[] {0.30, 0.50}));
    BenchmarkReport.update(quality, QualityBenchCommand.sectionName("new"), section("new", new double[] {0.45, 0.62, 0.19}, new double[] {0.29, 0.50}));

    Result r = run("bench", "compare", "old", "new", "--quality", quality.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    // procedural: +0.05, +0.02, -0.01 (mean +0.02, deviation 0.0300, error 0.0173); sh3d: -0.01, 0.
    assertThat(r.out()).contains("procedural: old 0.4000 -> new 0.4200, difference +0.0200 +-0.0173, 2 of 3 categories up")
        .contains(" airplane +0.050 bench +0.020 chair -0.010")
        .contains("sh3d: old 0.4000 -> new 0.3950, difference -0.0050 +-0.0050, 0 of 2 categories up")
        .contains("new above old on procedural and sh3d: no (not above on sh3d)");

    Result procedural = run("bench", "compare", "old", "new", "--quality", quality.toString(), "--rule", "procedural", "--json");
    JsonNode json = new ObjectMapper().readTree(procedural.out());
    assertThat(json.get("above_on_rule").asBoolean()).isTrue();
    assertThat(json.at("/sets/procedural/mean_difference").asDouble()).isCloseTo(0.02, within(1e-12));
    assertThat(json.at("/sets/sh3d/differences/bench").asDouble()).isCloseTo(-0.01, within(1e-12));

    // A run's --json output compares with a section; a set the candidate was not measured on fails the rule.
    Path file = dir.resolve("cand.json");
    Files.writeString(file, "{\"model\": \"cand\", \"procedural\": {\"categories\": {\"airplane\": {\"iou\": 0.5}, \"bench\": {\"iou\": 0.7}, "
        + "\"chair\": {\"iou\": 0.3}}, \"mean\": {\"iou\": 0.5}}}");
    Result mixed = run("bench", "compare", "old", file.toString(), "--quality", quality.toString());
    assertThat(mixed.out()).contains("procedural: old 0.4000 -> cand 0.5000, difference +0.1000 +-0.0000, 3 of 3 categories up")
        .doesNotContainPattern("(?m)^sh3d:").contains("cand above old on procedural and sh3d: no (not measured on sh3d)");

    // What a run printed without writing its section (--no-report) reads the same, named by its title.
    Path printed = dir.resolve("printed.out");
    Files.writeString(printed, section("printed", new double[] {0.40, 0.60, 0.21}, new double[] {0.31, 0.50}));
    assertThat(run("bench", "compare", "old", printed.toString(), "--quality", quality.toString()).out())
        .contains("procedural: old 0.4000 -> printed 0.4033, difference +0.0033 +-0.0033, 1 of 3 categories up")
        .contains("printed above old on procedural and sh3d: yes");

    Result unknown = run("bench", "compare", "old", "nowhere", "--quality", quality.toString());
    assertThat(unknown.err()).startsWith("error[invalid_argument]").contains("'nowhere' is neither a file nor a benchmark section");
  }

  /** A section in the form `bench quality` writes: two sets' category tables, then the summary naming them in order. */
  private static String section(String name, double[] procedural, double[] sh3d) {
    return "## Benchmark: " + name + "\n\n"
        + table("Fresh procedural shapes (seed 2027, 10 per category, one view each)", new String[] {"airplane", "bench", "chair"}, procedural)
        + table("Sweet Home 3D test split (seed 3, one view each, textured)", new String[] {"bench", "lamp"}, sh3d)
        + "| set | shapes | mean IoU | lowest thin-category IoU | silhouette IoU | upright error (deg) | s/shape |\n"
        + "|---|---:|---:|---:|---:|---:|---:|\n"
        + "| procedural | 30 | 0.400 +-0.013 | 0.200 | 0.920 | 3.9 | 0.33 |\n"
        + "| sh3d | 20 | 0.400 +-0.037 | 0.200 | 0.923 | 4.1 | 0.31 |\n";
  }

  private static String table(String title, String[] categories, double[] iou) {
    StringBuilder md = new StringBuilder("### ").append(title).append("\n\n")
        .append("| category | shapes | IoU | Chamfer-L1 | NC | F-score | silhouette IoU | upright error (deg) | s/shape |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < categories.length; i++) {
      md.append(String.format(Locale.ROOT, "| %s | 10 | %.4f +-0.029 | 0.01922 | 0.7158 | 0.4157 | 0.8568 | 7.7 | 0.51 |%n", categories[i], iou[i]));
    }
    return md.append("| **mean** | 30 | 0.4000 +-0.013 | 0.02281 | 0.7886 | 0.3683 | 0.9205 | 3.9 | 0.33 |\n\n").toString();
  }
}
