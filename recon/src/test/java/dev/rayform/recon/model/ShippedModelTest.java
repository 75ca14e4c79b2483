package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ProceduralSource;
import dev.rayform.recon.eval.EvaluationReport;
import dev.rayform.recon.eval.MetricsOptions;
import dev.rayform.recon.eval.ModelEvaluation;
import dev.rayform.recon.generation.CameraToObject;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.generation.Reconstructor;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Watertight;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.progress.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model in models/default: small, half precision, documented, and it reconstructs real shapes. */
class ShippedModelTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path MODEL = ROOT.resolve("models/default");

  @Test
  void isSmallStoredInHalfPrecisionAndHasItsCard() throws Exception {
    ModelInfo info = ModelInfo.read(MODEL);
    long bytes = Files.size(MODEL.resolve(ModelInfo.PARAMS));
    assertThat(bytes).isLessThan(50_000_000);
    try (TrainedModel model = TrainedModel.load(MODEL)) {
      long values = 0;
      for (Pair<String, Parameter> p : model.network().getParameters()) {
        values += p.getValue().getArray().size();
      }
      // two bytes a value, plus names and shapes
      assertThat(bytes).isBetween(2 * values, 2 * values + 100_000);
    }
    assertThat(info.config().arch()).isEqualTo("rayonet");
    assertThat(info.step()).isPositive();
    String card = Files.readString(MODEL.resolve("README.md"));
    assertThat(card).contains(String.valueOf(info.step())).contains("Sweet Home 3D").contains("procedural");
  }

  @Test
  void reconstructsFreshProceduralShapesAndACatalogueIcon(@TempDir Path tmp) {
    Path data = tmp.resolve("fresh");
    // A seed no training set used; the boxy categories, where a small CPU budget already does well.
    DatasetSpec spec = DatasetSpec.defaults().withCategories(List.of("cabinet", "car", "loudspeaker", "sofa"))
        .withShapes(2, 1).withSeed(424_242).withSizes(224, 10, 20_000, 5_000);
    new DatasetBuilder(new ProceduralSource(96), spec).build(data, Progress.NONE);
    try (TrainedModel model = TrainedModel.load(MODEL)) {
      EvaluationReport report = new ModelEvaluation(model, ReconstructOptions.DEFAULT.withResolution(64),
          MetricsOptions.defaults().withSurfacePoints(5_000)).run(data, "all", 1, Progress.NONE);
      System.out.println(report.toMarkdown());
      assertThat(report.mean().iou()).as(report.toMarkdown()).isGreaterThan(MIN_BOXY_IOU);

      float[] icon = ImagePreprocessor.prepare(ImageLoader.load(ROOT.resolve("samples/catalog/sh3d-blendswapcc0armchair.png")),
          model.config().imageSize()).chw();
      Reconstructor.Result r = new Reconstructor(model, ReconstructOptions.DEFAULT.withResolution(64))
          .reconstruct(List.of(icon), new double[] {model.info().sMean()}).get(0);
      Mesh mesh = CameraToObject.toViewerFrame(r.mesh());
      assertThat(mesh.faceCount()).isGreaterThan(500);
      assertThat(Watertight.check(mesh)).isTrue();
      Aabb box = mesh.bounds();
      // an armchair: neither a sliver nor a sheet
      double[] sides = {box.maxX() - box.minX(), box.maxY() - box.minY(), box.maxZ() - box.minZ()};
      java.util.Arrays.sort(sides);
      assertThat(sides[0] / sides[2]).isGreaterThan(0.25);
    }
  }

  /** The shipped model scores 0.46 here (step 8,750); a model below this floor is a regression. */
  static final double MIN_BOXY_IOU = 0.35;
}
