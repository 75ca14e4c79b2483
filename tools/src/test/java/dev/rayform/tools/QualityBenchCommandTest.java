package dev.rayform.tools;

import static dev.rayform.tools.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.launcher.CommandRun.Result;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.ParameterFile;
import dev.rayform.recon.model.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityBenchCommandTest {
  @Test
  void aModelIsMeasuredOnTheCachedProceduralSetAndTheSectionIsWritten(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("tiny");
    // The tiny network with the benchmark's M = 128 depths per ray.
    ModelConfig config = new ModelConfig(ModelConfig.RAYONET, 64, 16, 32, 32, 64, 2, 3, 128, 0.63, 2.16, true, true, true, true, false);
    try (TrainedModel m = TrainedModel.create(ModelInfo.untrained(config), 1)) {
      Files.createDirectories(model);
      ParameterFile.save(m.network(), model.resolve(ModelInfo.PARAMS), false);
      m.info().write(model);
    }
    String home = System.getProperty("rayform.home"), root = System.getProperty("rayform.root");
    System.setProperty("rayform.home", dir.resolve("home").toString());
    System.setProperty("rayform.root", dir.toString());
    try {
      String[] args = {"bench", "quality", "--model", model.toString(), "--shapes-per-category", "1", "--no-sh3d",
          "--points", "2000", "--resolution", "32", "--json", "--no-progress"};
      Result r = run(args);
      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode json = new ObjectMapper().readTree(r.out());
      assertThat(json.get("model").asText()).isEqualTo("tiny");
      JsonNode mean = json.get("procedural").get("mean");
      assertThat(mean.get("shapes").asInt()).isEqualTo(13);
      assertThat(mean.get("iou").asDouble()).isBetween(0.0, 1.0);
      assertThat(mean.get("silhouette_iou").asDouble()).isBetween(0.0, 1.0);
      assertThat(mean.get("upright_error_degrees").asDouble()).isBetween(0.0, 180.0);
      assertThat(dir.resolve("home/bench/quality/procedural-seed2027-1/manifest.json")).exists();
      // The set seen from near level to steeply above: its own shapes, its cameras drawn from 0-60 degrees.
      assertThat(json.get("procedural-0-60").get("mean").get("shapes").asInt()).isEqualTo(13);
      DatasetManifest wide = DatasetManifest.read(dir.resolve("home/bench/quality/procedural-seed2028-1-elev0-60"));
      assertThat(wide.elevations()).isEqualTo(new DatasetManifest.Elevations(0, 60));
      assertThat(wide.seed()).isEqualTo(2028);
      assertThat(quality(dir)).contains("<!-- bench:quality:tiny -->").contains("## Benchmark: tiny").contains("| procedural | 13 |")
          .contains("| procedural-0-60 | 13 |");
      // The second run reuses the cached set.
      assertThat(run(args).err()).doesNotContain("building the benchmark set");

      // Retrieval from a pool that holds the benchmark's own views finds each view itself, placed exactly:
      // it scores what the stored ground-truth mesh (marching cubes of the shape at 128^3) scores against
      // the shape's exact labels, just under 1; another shape, or a misplaced one, would score far lower.
      Path set = dir.resolve("home/bench/quality/procedural-seed2027-1");
      Result retrieval = run("bench", "quality", "--model", model.toString(), "--shapes-per-category", "1", "--no-sh3d",
          "--points", "2000", "--resolution", "32", "--json", "--no-progress", "--baseline", "retrieval", "--pool", set.toString());
      assertThat(retrieval.exit()).as(retrieval.err()).isZero();
      JsonNode found = new ObjectMapper().readTree(retrieval.out()).get("procedural").get("mean");
      assertThat(found.get("iou").asDouble()).isGreaterThan(0.95);
      // The true shapes, seen from cameras 20-40 degrees above them, are read back nearly upright.
      assertThat(found.get("upright_error_degrees").asDouble()).isLessThan(10.0);
      assertThat(quality(dir)).contains("## Benchmark: retrieval");
    } finally {
      restore("rayform.home", home);
      restore("rayform.root", root);
    }
  }

  private static String quality(Path dir) throws Exception {
    return Files.readString(dir.resolve("QUALITY.md"));
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
