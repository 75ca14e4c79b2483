package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
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
import dev.rayform.recon.image.PreparedImage;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
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
      // Photographed from 20-40 degrees above, the predictions are read back upright (the camera frame leans by all of it).
      assertThat(report.mean().uprightErrorDegrees()).as(report.toMarkdown()).isLessThan(MAX_BOXY_UPRIGHT_ERROR);

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

  /**
   * Catalogue icons of three Sweet Home 3D test-split products (never trained on): each becomes a
   * closed mesh whose silhouette, rendered from the photo's own camera, covers the product's pixels.
   */
  @Test
  void heldOutCatalogueIconsBecomeClosedMeshesWithTheProductsSilhouette() throws java.io.IOException {
    try (TrainedModel model = TrainedModel.load(MODEL)) {
      int size = model.config().imageSize();
      Renderer renderer = new Renderer();
      Camera camera = new Camera(Intrinsics.centered(size, size, model.info().normalizedFocal()),
          new Extrinsics(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]));
      for (String name : List.of("lowerCabinet", "sofa3", "mini_stereo")) {
        PreparedImage input;
        try (var in = getClass().getResourceAsStream("/sh3d-icons/" + name + ".png")) {
          input = ImagePreprocessor.prepare(javax.imageio.ImageIO.read(in), size);
        }
        Reconstructor.Result r = new Reconstructor(model, ReconstructOptions.DEFAULT.withResolution(64))
            .reconstruct(List.of(input.chw()), new double[] {model.info().sMean()}).get(0);
        assertThat(Watertight.check(r.mesh())).as(name).isTrue();
        Rendering seen = renderer.render(r.mesh(), camera);
        int both = 0, either = 0;
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            int rgb = input.rgb().getRGB(x, y);
            boolean product = Math.min(rgb >> 16 & 0xff, Math.min(rgb >> 8 & 0xff, rgb & 0xff)) < 235;
            boolean predicted = seen.alpha()[y * size + x] > 0.5f;
            both += product && predicted ? 1 : 0;
            either += product || predicted ? 1 : 0;
          }
        }
        double silhouetteIou = (double) both / either;
        System.out.printf("%s: silhouette IoU %.3f, %d faces%n", name, silhouetteIou, r.mesh().faceCount());
        assertThat(silhouetteIou).as(name + " silhouette IoU").isGreaterThan(MIN_ICON_SILHOUETTE_IOU);
      }
    }
  }

  /** The shipped model (ls-67, averaged with the mirrored image, threshold 0.25) scores 0.971, 0.963 and 0.961 here (lower cabinet, sofa, mini stereo; 64^3); every earlier model's figures are in its model card. */
  static final double MIN_ICON_SILHOUETTE_IOU = 0.9;

  /** The shipped model (ls-67, averaged with the mirrored image, threshold 0.25, given each view's camera elevation) scores 0.765 here (every earlier model's figure is in its model card); a model below this floor is a regression. */
  static final double MIN_BOXY_IOU = 0.6;

  /** Degrees; ls-67 reads these eight shapes back 1.7 off upright on average (the earlier models' figures: the model card). */
  static final double MAX_BOXY_UPRIGHT_ERROR = 8;
}
