package dev.rayform.tools;

import static dev.rayform.tools.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.launcher.CommandRun.Result;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.geometry.MeshPrimitives;
import dev.rayform.recon.geometry.io.MeshWriters;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.ParameterFile;
import dev.rayform.recon.model.TrainedModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

  @Test
  void everySubcommandHasHelp() {
    for (String[] cmd : new String[][] {
        {"--help"}, {"dataset", "--help"}, {"dataset", "build", "--help"}, {"dataset", "contact-sheet", "--help"},
        {"mesh-metrics", "--help"}, {"render", "--help"}, {"bench", "geometry", "--help"}, {"bench", "model", "--help"}, {"bench", "compare", "--help"},
        {"train", "--help"}, {"model", "average", "--help"}, {"model", "recalibrate", "--help"}, {"reconstruct", "--help"}, {"evaluate", "--help"}, {"migrate", "--help"}, {"serve", "--help"}}) {
      CommandLine cl = Main.commandLine();
      StringWriter out = new StringWriter();
      cl.setOut(new PrintWriter(out));
      assertThat(cl.execute(cmd)).as(String.join(" ", cmd)).isZero();
      assertThat(out.toString()).contains("Usage: rayform");
    }
  }

  @Test
  void meshMetricsPrintsOneJsonObjectWithTheProtocolKeys(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a.ply"), b = dir.resolve("b.obj");
    MeshWriters.write(MeshPrimitives.icosphere(0.3, 4), a);
    MeshWriters.write(MeshPrimitives.icosphere(0.3, 4).translatedScaled(-0.2, 0, 0, 1), b);
    Result r = run("mesh-metrics", "--pred", a.toString(), "--gt", b.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.has("iou") && json.has("chamfer_l1") && json.has("normal_consistency") && json.has("fscore")).isTrue();
    // Two spheres r = 0.3 shifted by 0.2: IoU of the exact lens, 0.350.
    assertThat(json.get("iou").asDouble()).isBetween(0.335, 0.365);
  }

  @Test
  void modelAverageWritesTheMeanOfTheModelsAndRefusesWhatDoesNotFit(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a"), b = dir.resolve("b"), onet = dir.resolve("onet");
    float[][] values = {{1, -2, 0.5f}, {3, 2, 1.5f}, {3, 2, 1.5f}};
    Path[] models = {a, b, onet};
    for (int i = 0; i < models.length; i++) {
      Files.createDirectories(models[i]);
      ParameterFile.write(java.util.Map.of("w", new ai.djl.util.Pair<>(new ai.djl.ndarray.types.Shape(3), values[i])),
          models[i].resolve(ModelInfo.PARAMS), false);
      ModelInfo.untrained(ModelConfig.tiny(i < 2 ? ModelConfig.RAYONET : ModelConfig.ONET)).write(models[i]);
    }
    Result r = run("model", "average", "--model", a.toString(), b.toString(), "--out", dir.resolve("ab").toString(), "--precision", "fp32");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("averaged 2 models ([a, b], weights [1.0, 1.0])");
    assertThat(ParameterFile.read(dir.resolve("ab").resolve(ModelInfo.PARAMS)).get("w").getValue()).containsExactly(2, 0, 1);
    Result weighted = run("model", "average", "--model", a.toString(), b.toString(), "--weights", "3,1", "--out", dir.resolve("a3b").toString(),
        "--precision", "fp32");
    assertThat(weighted.exit()).as(weighted.err()).isZero();
    assertThat(ParameterFile.read(dir.resolve("a3b").resolve(ModelInfo.PARAMS)).get("w").getValue()).containsExactly(1.5f, -1, 0.75f);

    Result mismatch = run("model", "average", "--model", a.toString(), onet.toString(), "--out", dir.resolve("x").toString());
    assertThat(mismatch.exit()).isEqualTo(2);
    assertThat(mismatch.err()).startsWith("error[model_mismatch]");
    for (String[] args : new String[][] {
        {"model", "average", "--model", a.toString(), "--out", dir.resolve("y").toString()},
        {"model", "average", "--model", a.toString(), b.toString(), "--out", dir.resolve("z").toString(), "--precision", "fp8"},
        {"model", "average", "--model", a.toString(), b.toString(), "--out", dir.resolve("z").toString(), "--weights", "1"},
        {"model", "average", "--model", a.toString(), b.toString(), "--out", dir.resolve("z").toString(), "--weights", "1,-1"}}) {
      Result bad = run(args);
      assertThat(bad.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(bad.err()).as(String.join(" ", args)).startsWith("error[invalid_argument]").doesNotContain("Exception");
    }
    assertThat(dir.resolve("z")).doesNotExist();
  }

  @Test
  void badInputFailsWithAStableCode(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.off");
    Files.writeString(broken, "OFF\n3 1 0\n0 0 0\n1 0 0\n");
    Result r = run("mesh-metrics", "--pred", broken.toString(), "--gt", broken.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("error[mesh_truncated]");
    Result missing = run("dataset", "build", "--source", dir.resolve("nope").toString(), "--out", dir.resolve("o").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("error[source_not_found]");
    Result family = run("dataset", "contact-sheet", "--family", "procedural-sofas", "--out", dir.resolve("s.png").toString());
    assertThat(family.exit()).isEqualTo(2);
    assertThat(family.err()).startsWith("error[source_not_found]").contains("procedural-seating");
    assertThat(dir.resolve("s.png")).doesNotExist();
  }

  @Test
  void optionsAtTheirEdgesGiveAClearErrorNotAStackTrace(@TempDir Path dir) {
    String out = dir.resolve("o").toString();
    String[][] cases = {
        {"dataset", "build", "--categories", ",", "--out", out},
        {"dataset", "contact-sheet", "--categories", ",", "--out", dir.resolve("s.png").toString()},
        {"dataset", "build", "--categories", "chair", "--shapes-per-category", "0", "--out", out},
        {"dataset", "build", "--categories", "chair", "--stretched-copies", "-1", "--out", out},
        {"dataset", "build", "--categories", "chair", "--elevations", "40,20", "--out", out},
        {"dataset", "build", "--categories", "chair", "--elevations", "30", "--out", out},
        {"train", "--dataset", dir.toString(), "--preset", "tiny", "--steps", "0", "--out", out},
        {"reconstruct", "--formats", ",", "--out", out, dir.resolve("x.png").toString()},
        {"model", "recalibrate", "--model", "models/default", "--dataset", dir.toString(), "--batches", "0", "--out", out},
        {"bench", "model", "--runs", "0", "--no-report"},
        {"bench", "model", "--dense-runs", "-1", "--no-report"}};
    for (String[] args : cases) {
      Result r = run(args);
      assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("error[invalid_argument]").doesNotContain("Exception");
    }
  }

  @Test
  void benchModelWithNoDenseRunsSkipsTheDensePass(@TempDir Path dir) throws Exception {
    Path ray = dir.resolve("ray"), onet = dir.resolve("onet");
    for (Path model : new Path[] {ray, onet}) {
      ModelConfig config = ModelConfig.tiny(model == ray ? ModelConfig.RAYONET : ModelConfig.ONET);
      try (TrainedModel m = TrainedModel.create(ModelInfo.untrained(config), 1)) {
        Files.createDirectories(model);
        ParameterFile.save(m.network(), model.resolve(ModelInfo.PARAMS), false);
        m.info().write(model);
      }
    }
    Result r = run("bench", "model", "--model", ray.toString(), "--onet-model", onet.toString(), "--runs", "1",
        "--dense-runs", "0", "--json", "--no-report");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("rayonet_runs").asInt()).isEqualTo(1);
    assertThat(json.get("speedup_vs_mise").asDouble()).isPositive();
    assertThat(json.has("onet_dense_ms")).isFalse();
    assertThat(json.has("speedup_vs_dense")).isFalse();
  }

  @Test
  void datasetBuildWritesAManifest(@TempDir Path dir) {
    Result r = run("dataset", "build", "--categories", "lamp", "--shapes-per-category", "2", "--views", "1",
        "--image-size", "64", "--rays", "100", "--depths", "16", "--eval-points", "500", "--surface-points", "500",
        "--mesh-resolution", "40", "--no-progress", "--out", dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 shapes");
    DatasetManifest m = DatasetManifest.read(dir);
    assertThat(m.shapes()).hasSize(2);
    assertThat(m.depths().m()).isEqualTo(16);
    assertThat(dir.resolve(m.shapes().get(0).path()).resolve("view_00.png")).exists();
  }

  @Test
  void renderWritesAPng(@TempDir Path dir) throws Exception {
    Path mesh = dir.resolve("box.glb"), png = dir.resolve("box.png");
    MeshWriters.write(MeshPrimitives.box(1, 2, 3), mesh);
    Result r = run("render", mesh.toString(), "--out", png.toString(), "--size", "64");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(64);
  }

  /**
   * scikit-image's photos (scripts/fetch-photos) with the shipped model: the coffee cup comes out as a
   * coloured mesh, the motorcycle in its cluttered garage is refused with its stable code, and the
   * batch goes on past it.
   */
  @Test
  void reconstructGoesOnPastAPhotoWhoseBackgroundCannotBeSeparated(@TempDir Path dir) throws Exception {
    Path photos = dev.rayform.recon.util.RayformHome.path().resolve("photos");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(photos.resolve("coffee.png"))
        && Files.exists(photos.resolve("motorcycle_left.png")), "scripts/fetch-photos has not run");
    Path sheet = dir.resolve("sheet.png");
    Result r = run("reconstruct", photos.resolve("motorcycle_left.png").toString(), photos.resolve("coffee.png").toString(),
        "--model", Path.of("..", "models", "default").toString(), "--out", dir.resolve("o").toString(), "--resolution", "64",
        "--sheet", sheet.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("error[background_not_separable]: " + photos.resolve("motorcycle_left.png"));
    assertThat(r.out()).contains("coffee.png: ").contains(", coloured -> ");
    assertThat(dir.resolve("o/coffee.glb")).isNotEmptyFile();
    assertThat(dir.resolve("o/motorcycle_left.glb")).doesNotExist();
    assertThat(javax.imageio.ImageIO.read(sheet.toFile())).as("one row: the coffee cup").isNotNull();
  }

  @Test
  void reconstructRefusesBadImagesAndMissingModelsWithStableCodes(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("model");
    try (var m = dev.rayform.recon.model.TrainedModel.create(
        dev.rayform.recon.model.ModelInfo.untrained(dev.rayform.recon.model.ModelConfig.tiny("rayonet")), 1)) {
      dev.rayform.recon.model.ParameterFile.save(m.network(), model.resolve("params.bin"), true);
      m.info().write(model);
    }
    Path corrupt = dir.resolve("photo.png");
    Files.write(corrupt, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
    Result bad = run("reconstruct", corrupt.toString(), "--model", model.toString(), "--out", dir.resolve("o").toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("error[image_corrupt]");
    Result noModel = run("reconstruct", corrupt.toString(), "--model", dir.resolve("none").toString(), "--out", dir.resolve("o").toString());
    assertThat(noModel.err()).startsWith("error[model_not_found]");
    // A real picture with an untrained network runs end to end (the mesh may well be empty).
    Path png = dir.resolve("box.png");
    MeshWriters.write(MeshPrimitives.box(1, 1, 1), dir.resolve("box.glb"));
    assertThat(run("render", dir.resolve("box.glb").toString(), "--out", png.toString(), "--size", "96").exit()).isZero();
    Result ok = run("reconstruct", png.toString(), "--model", model.toString(), "--out", dir.resolve("o").toString(), "--resolution", "32",
        "--formats", "glb,usdz", "--faces", "200");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("box.png");
    Result tooFew = run("reconstruct", png.toString(), "--model", model.toString(), "--out", dir.resolve("o").toString(), "--faces", "3");
    assertThat(tooFew.exit()).isEqualTo(2);
    assertThat(tooFew.err()).startsWith("error[simplify_target_invalid]");
    Result level = run("reconstruct", png.toString(), "--model", model.toString(), "--out", dir.resolve("o").toString(),
        "--resolution", "32", "--camera-elevation", "0");
    assertThat(level.exit()).as(level.err()).isZero();
    Result overhead = run("reconstruct", png.toString(), "--model", model.toString(), "--out", dir.resolve("o").toString(),
        "--camera-elevation", "90");
    assertThat(overhead.exit()).isEqualTo(2);
    assertThat(overhead.err()).startsWith("error[options_invalid]").contains("camera elevation");
  }

  @Test
  void benchmarkSectionsAreReplacedInPlace(@TempDir Path dir) throws Exception {
    Path md = dir.resolve("BENCHMARKS.md");
    BenchmarkReport.update(md, "geometry", "first");
    BenchmarkReport.update(md, "model", "other");
    BenchmarkReport.update(md, "geometry", "second");
    String text = Files.readString(md);
    assertThat(text).contains("second").contains("other").doesNotContain("first");
    assertThat(text.indexOf("second")).isLessThan(text.indexOf("other"));
  }
}
