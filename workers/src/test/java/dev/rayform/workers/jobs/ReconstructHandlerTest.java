package dev.rayform.workers.jobs;

import dev.rayform.recon.testing.TinyCabinet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.job.JobType;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ProceduralSource;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.io.MeshReaders;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import dev.rayform.recon.training.TrainOptions;
import dev.rayform.recon.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconstructHandlerTest {
  @TempDir
  static Path tmp;
  static Path model;
  static Path photo;
  static ModelCache cache = new ModelCache(2);

  /** A tiny model trained briefly on one cabinet: enough to give a real, non-empty mesh. */
  @BeforeAll
  static void trainTinyModel() {
    TinyCabinet.Trained tiny = TinyCabinet.train(tmp, 400);
    model = tiny.model();
    photo = tiny.photo();
  }

  @AfterAll
  static void closeModels() {
    cache.close();
  }

  private FolderJobContext context(String input, String options) {
    return new FolderJobContext(JobType.RECONSTRUCT, input, options, tmp.resolve("job-" + System.nanoTime()),
        Map.of("up_photo", photo, "up_bad", tmp.resolve("ds/manifest.json")), Map.of("default", model));
  }

  @Test
  void aPhotoBecomesAMeshWithPreviewAndFacts() throws Exception {
    FolderJobContext ctx = context("{\"upload\":\"up_photo\"}", "{\"formats\":[\"glb\",\"obj\",\"ply\"],\"resolution\":64}");
    ObjectNode result = new ReconstructHandler(cache).run(ctx);
    assertThat(result.get("faces").asInt()).isPositive();
    Mesh glb = MeshReaders.read(ctx.artifact("mesh.glb"));
    assertThat(glb.faceCount()).isEqualTo(result.get("faces").asInt());
    assertThat(MeshReaders.read(ctx.artifact("mesh.ply")).faceCount()).isEqualTo(glb.faceCount());
    assertThat(ctx.artifact("mesh.obj")).exists();
    assertThat(ImageIO.read(ctx.artifact("preview.png").toFile()).getWidth()).isEqualTo(512);
    var metrics = new ObjectMapper().readTree(ctx.artifact("metrics.json").toFile());
    assertThat(metrics.get("watertight").asBoolean()).isTrue();
    assertThat(metrics.get("bounding_box").get("min")).hasSize(3);
    assertThat(ctx.progress).contains("loading", "network", "writing", "done");
  }

  @Test
  void aReconstructJobAndACatalogueItemGiveTheSameColouredMeshForTheSamePhotoAndOptions() throws Exception {
    String options = "{\"formats\":[\"glb\",\"usdz\"],\"resolution\":48,\"faces\":1500,\"texture_size\":256}";
    FolderJobContext single = context("{\"upload\":\"up_photo\"}", options);
    ObjectNode facts = new ReconstructHandler(cache).run(single);
    assertThat(facts.get("coloured").asBoolean()).isTrue();
    assertThat(facts.get("faces").asInt()).isLessThanOrEqualTo(1500);
    assertThat(facts.get("texture_size").asInt()).isEqualTo(256);

    Path zip = tmp.resolve("same.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("first.png"));
      out.write(Files.readAllBytes(photo.resolveSibling("view_01.png")));
      out.putNextEntry(new java.util.zip.ZipEntry("same.png"));
      out.write(Files.readAllBytes(photo));
    }
    FolderJobContext catalogue = new FolderJobContext(JobType.CATALOG, "{\"upload\":\"up_zip\"}", options,
        tmp.resolve("same-job"), Map.of("up_zip", zip), Map.of("default", model));
    new CatalogHandler(cache).run(catalogue);
    for (String format : List.of("glb", "usdz")) {
      assertThat(Files.mismatch(single.artifact("mesh." + format), catalogue.artifact("child_same/mesh." + format)))
          .as(format + " bytes of the two paths").isEqualTo(-1L);
    }
    assertThat(catalogue.artifact("child_same/input.png")).exists();
  }

  @Test
  void badInputFailsWithoutRetryAndAStableCode() {
    ReconstructHandler handler = new ReconstructHandler(cache);
    assertThatThrownBy(() -> handler.run(context("{}", "{}")))
        .isInstanceOfSatisfying(JobFailure.class, e -> {
          assertThat(e.code()).isEqualTo("invalid_input");
          assertThat(e.retryable()).isFalse();
        });
    assertThatThrownBy(() -> handler.run(context("{\"upload\":\"up_bad\"}", "{}")))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("image_corrupt"));
    assertThatThrownBy(() -> handler.run(context("{\"upload\":\"up_photo\"}", "{\"formats\":[\"fbx\"]}")))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("invalid_options"));
    assertThatThrownBy(() -> handler.run(context("{\"upload\":\"up_photo\"}", "{\"resolution\":100000}")))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("invalid_options"));
  }

  @Test
  void aCanceledJobStopsAndStoresNothing() {
    FolderJobContext ctx = context("{\"upload\":\"up_photo\"}", "{}");
    ctx.cancel.set(true);
    assertThatThrownBy(() -> new ReconstructHandler(cache).run(ctx)).isInstanceOf(JobCanceled.class);
    assertThat(ctx.artifact("mesh.glb")).doesNotExist();
  }

  @Test
  void aCatalogueArchiveBecomesItemsAndABadImageFailsAlone() throws Exception {
    Path zip = tmp.resolve("catalog.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("manifest.csv"));
      out.write("sku,image\nCAB-1,a.png\n\"CAB,2\",b.png\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (String name : List.of("a.png", "b.png")) {
        out.putNextEntry(new java.util.zip.ZipEntry(name));
        out.write(Files.readAllBytes(photo));
      }
      out.putNextEntry(new java.util.zip.ZipEntry("broken.png"));
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3});
      out.putNextEntry(new java.util.zip.ZipEntry("notes.txt"));
      out.write("ignored".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    FolderJobContext ctx = new FolderJobContext(JobType.CATALOG, "{\"upload\":\"up_zip\"}", "{\"resolution\":48,\"batch\":2}",
        tmp.resolve("catalog-job"), Map.of("up_zip", zip), Map.of("default", model));
    ObjectNode result = new CatalogHandler(cache).run(ctx);
    assertThat(result.get("items").asInt()).isEqualTo(3);
    assertThat(ctx.childStatus).containsEntry("child_CAB-1", "succeeded").containsEntry("child_CAB,2", "succeeded")
        .containsEntry("child_broken", "failed:image_corrupt");
    assertThat(ctx.artifact("child_CAB-1/mesh.glb")).exists();
    assertThat(ctx.artifact("child_CAB,2/preview.png")).exists();
    // A retried catalogue skips the finished items.
    ObjectNode again = new CatalogHandler(cache).run(ctx);
    assertThat(again.get("succeeded_now").asInt()).isZero();
  }

  @Test
  void aCatalogueWhoseEveryItemFailedFailsWithAllItemsFailedAndTheItemsKeepTheirErrors() throws Exception {
    Path zip = tmp.resolve("all-bad.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("broken.png"));
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3});
      out.putNextEntry(new java.util.zip.ZipEntry("cut.png"));
      out.write(java.util.Arrays.copyOf(Files.readAllBytes(photo), 100));
      out.putNextEntry(new java.util.zip.ZipEntry("=HYPERLINK(1).png"));
      out.write(Files.readAllBytes(photo));
    }
    FolderJobContext ctx = new FolderJobContext(JobType.CATALOG, "{\"upload\":\"up_zip\"}", "{\"resolution\":32}",
        tmp.resolve("all-bad-job"), Map.of("up_zip", zip), Map.of("default", model));
    for (int attempt = 1; attempt <= 2; attempt++) {
      // A second attempt finds every item finished and comes to the same outcome.
      assertThatThrownBy(() -> new CatalogHandler(cache).run(ctx)).isInstanceOfSatisfying(JobFailure.class, e -> {
        assertThat(e.code()).isEqualTo("all_items_failed");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("all 3 items failed (2 image_corrupt, 1 invalid_item); GET /v1/jobs/job_test/items lists "
            + "each item's error");
      });
    }
    assertThat(ctx.childStatus).containsEntry("child_broken", "failed:image_corrupt").containsEntry("child_cut", "failed:image_corrupt")
        .containsEntry("child_=HYPERLINK(1)", "failed:invalid_item");
  }

  @Test
  void aManifestWithBadRowsGivesGoodItemsAndClearErrors() throws Exception {
    Path csv = Files.writeString(tmp.resolve("m.csv"), "sku,upload\nS-1,up_photo\n,up_photo\nS-3,../etc\n");
    FolderJobContext ctx = new FolderJobContext(JobType.CATALOG, "{\"upload\":\"up_csv\"}", "{\"resolution\":32}",
        tmp.resolve("manifest-job"), Map.of("up_csv", csv, "up_photo", photo), Map.of("default", model));
    new CatalogHandler(cache).run(ctx);
    assertThat(ctx.childStatus).containsEntry("child_S-1", "succeeded").containsEntry("child_row-3", "failed:invalid_item")
        .containsEntry("child_S-3", "failed:invalid_item");
  }

  @Test
  void aJsonManifestWorksLikeTheCsvOneWithDimensionsAndPerItemErrors() throws Exception {
    Path json = Files.writeString(tmp.resolve("m.json"), """
        {"items": [
          {"sku": "J-1", "image": "up_photo", "dimensions": {"width": 60, "height": 120, "unit": "cm"}, "camera_elevation": 25},
          {"sku": "J-2", "image": "up_photo", "dimensions": {"width": 60, "unit": "parsec"}},
          {"image": "up_photo"},
          "not an object"
        ]}""");
    FolderJobContext ctx = new FolderJobContext(JobType.CATALOG, "{\"upload\":\"up_json\"}", "{\"resolution\":32}",
        tmp.resolve("json-manifest-job"), Map.of("up_json", json, "up_photo", photo), Map.of("default", model));
    new CatalogHandler(cache).run(ctx);
    assertThat(ctx.childStatus).containsEntry("child_J-1", "succeeded").containsEntry("child_J-2", "failed:invalid_item")
        .containsEntry("child_row-3", "failed:invalid_item").containsEntry("child_row-4", "failed:invalid_item");
    var metrics = new ObjectMapper().readTree(ctx.artifact("child_J-1/metrics.json").toFile());
    assertThat(size(metrics)[0]).isCloseTo(0.60, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(size(metrics)[1]).isCloseTo(1.20, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(metrics.get("camera_elevation").asDouble()).isEqualTo(25.0);

    Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"items\": [");
    FolderJobContext bad = new FolderJobContext(JobType.CATALOG, "{\"upload\":\"up_broken\"}", "{}",
        tmp.resolve("broken-manifest-job"), Map.of("up_broken", broken), Map.of("default", model));
    assertThatThrownBy(() -> new CatalogHandler(cache).run(bad))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("manifest_invalid"));
  }

  /** The size of a metrics.json bounding box: x, y, z extents. */
  private static double[] size(com.fasterxml.jackson.databind.JsonNode metrics) {
    var box = metrics.get("bounding_box");
    double[] out = new double[3];
    for (int a = 0; a < 3; a++) {
      out[a] = box.get("max").get(a).asDouble() - box.get("min").get(a).asDouble();
    }
    return out;
  }

  @Test
  void realDimensionsGiveAMeshInMetresWithItsBaseAtTheOriginAndUsdzAndFacesFollowTheOptions() throws Exception {
    FolderJobContext ctx = context("{\"upload\":\"up_photo\"}", "{\"formats\":[\"glb\",\"usdz\"],\"resolution\":48,\"faces\":300,"
        + "\"dimensions\":{\"width\":107.2,\"depth\":51.1,\"height\":120,\"unit\":\"cm\"}}");
    ObjectNode result = new ReconstructHandler(cache).run(ctx);
    var metrics = new ObjectMapper().readTree(ctx.artifact("metrics.json").toFile());
    assertThat(metrics.get("units").asText()).isEqualTo("m");
    double[] size = size(metrics);
    assertThat(size[0]).isCloseTo(1.072, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(size[1]).isCloseTo(1.200, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(size[2]).isCloseTo(0.511, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(metrics.get("bounding_box").get("min").get(1).asDouble()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(result.get("faces").asInt()).isLessThanOrEqualTo(300).isEqualTo(metrics.get("faces").asInt());
    assertThat(metrics.get("faces_target").asInt()).isEqualTo(300);
    assertThat(metrics.get("watertight").asBoolean()).isTrue();
    Mesh glb = MeshReaders.read(ctx.artifact("mesh.glb"));
    assertThat(glb.faceCount()).isEqualTo(result.get("faces").asInt());
    assertThat(glb.bounds().sizeY()).isCloseTo(1.2, org.assertj.core.data.Percentage.withPercentage(1));
    byte[] usdz = Files.readAllBytes(ctx.artifact("mesh.usdz"));
    assertThat(usdz[0]).isEqualTo((byte) 'P');
    assertThat(new String(usdz, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("#usda 1.0", "metersPerUnit = 1");
    assertThat(ctx.contentTypes).containsEntry("mesh.usdz", "model/vnd.usdz+zip");

    FolderJobContext plain = context("{\"upload\":\"up_photo\"}", "{\"resolution\":48}");
    new ReconstructHandler(cache).run(plain);
    var normalized = new ObjectMapper().readTree(plain.artifact("metrics.json").toFile());
    assertThat(normalized.get("units").asText()).isEqualTo("normalized");
    assertThat(java.util.Arrays.stream(size(normalized)).max().orElseThrow()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(normalized.get("bounding_box").get("min").get(1).asDouble()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));

    assertThatThrownBy(() -> new ReconstructHandler(cache).run(context("{\"upload\":\"up_photo\"}",
        "{\"dimensions\":{\"width\":1,\"unit\":\"furlong\"}}")))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("dimensions_invalid"));
    assertThatThrownBy(() -> new ReconstructHandler(cache).run(context("{\"upload\":\"up_photo\"}", "{\"faces\":2}")))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("invalid_options"));
    // "preview": false: the mesh and its facts, no preview.png.
    FolderJobContext noPreview = context("{\"upload\":\"up_photo\"}", "{\"resolution\":32,\"preview\":false}");
    new ReconstructHandler(cache).run(noPreview);
    assertThat(noPreview.artifact("mesh.glb")).exists();
    assertThat(noPreview.artifact("preview.png")).doesNotExist();
  }

  @Test
  void catalogueRowsWithDimensionsComeOutAtThoseDimensionsAndABadUnitFailsOnlyItsRow() throws Exception {
    Path zip = catalogueZip("sized.zip", "sku,image,category,width,depth,height,unit\n"
          + "SIZED,a.png,cabinet,59.4,62.7,105.0,cm\n"
          + "TALL,b.png,cabinet,,,36,in\n"
          + "PLAIN,c.png,cabinet,,,,\n"
          + "WRONG,d.png,cabinet,1,1,1,parsec\n",
        "a.png", "b.png", "c.png", "d.png");
    FolderJobContext ctx = new FolderJobContext(JobType.CATALOG, "{\"upload\":\"up_zip\"}",
        "{\"resolution\":48,\"formats\":[\"glb\",\"usdz\"],\"faces\":400}", tmp.resolve("sized-job"), Map.of("up_zip", zip), Map.of("default", model));
    new CatalogHandler(cache).run(ctx);
    assertThat(ctx.childStatus).containsEntry("child_SIZED", "succeeded").containsEntry("child_TALL", "succeeded")
        .containsEntry("child_PLAIN", "succeeded").containsEntry("child_WRONG", "failed:invalid_item");
    assertThat(ctx.childErrors.get("child_WRONG")).contains("line 5", "parsec");
    assertThat(ctx.childInputs.get("child_SIZED").get("dimensions").get("height").asDouble()).isCloseTo(1.05, org.assertj.core.data.Offset.offset(1e-9));

    var sized = new ObjectMapper().readTree(ctx.artifact("child_SIZED/metrics.json").toFile());
    double[] s = size(sized);
    assertThat(s[0]).isCloseTo(0.594, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(s[1]).isCloseTo(1.050, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(s[2]).isCloseTo(0.627, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(sized.get("faces").asInt()).isLessThanOrEqualTo(400);
    var tall = new ObjectMapper().readTree(ctx.artifact("child_TALL/metrics.json").toFile());
    assertThat(size(tall)[1]).isCloseTo(0.9144, org.assertj.core.data.Percentage.withPercentage(1));
    var plainMetrics = new ObjectMapper().readTree(ctx.artifact("child_PLAIN/metrics.json").toFile());
    assertThat(plainMetrics.get("units").asText()).isEqualTo("normalized");
    assertThat(ctx.artifact("child_SIZED/mesh.usdz")).exists();
  }

  @Test
  void aManifestRowsCameraElevationOverridesTheJobsForItsItemAndABadOneFailsOnlyItsRow() throws Exception {
    Path zip = catalogueZip("elevations.zip", "sku,image,camera_elevation\n"
          + "LOW,a.png,10\n"
          + "HIGH,b.png, 50 \n"
          + "JOB,c.png,\n"
          + "FLAT,d.png,90\n"
          + "WORD,e.png,steep\n",
        "a.png", "b.png", "c.png", "d.png", "e.png");
    String options = "{\"resolution\":48,\"formats\":[\"glb\"],\"camera_elevation\":30}";
    FolderJobContext ctx = new FolderJobContext(JobType.CATALOG, "{\"upload\":\"up_zip\"}", options,
        tmp.resolve("elevation-job"), Map.of("up_zip", zip), Map.of("default", model));
    new CatalogHandler(cache).run(ctx);
    assertThat(ctx.childStatus).containsEntry("child_LOW", "succeeded").containsEntry("child_HIGH", "succeeded")
        .containsEntry("child_JOB", "succeeded").containsEntry("child_FLAT", "failed:invalid_item")
        .containsEntry("child_WORD", "failed:invalid_item");
    assertThat(ctx.childErrors.get("child_FLAT")).contains("line 5", "camera elevation", "90");
    assertThat(ctx.childErrors.get("child_WORD")).contains("line 6", "camera_elevation", "steep");
    assertThat(ctx.childInputs.get("child_LOW").get("camera_elevation").asDouble()).isEqualTo(10.0);
    assertThat(ctx.childInputs.get("child_JOB").has("camera_elevation")).isFalse();
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(ctx.artifact("child_LOW/metrics.json").toFile()).get("camera_elevation").asDouble()).isEqualTo(10.0);
    assertThat(json.readTree(ctx.artifact("child_HIGH/metrics.json").toFile()).get("camera_elevation").asDouble()).isEqualTo(50.0);
    assertThat(json.readTree(ctx.artifact("child_JOB/metrics.json").toFile()).get("camera_elevation").asDouble()).isEqualTo(30.0);

    // Each item is what a reconstruct job of its photo at that elevation gives, byte for byte; the elevations differ.
    for (String[] item : new String[][] {{"LOW", "10"}, {"JOB", "30"}}) {
      FolderJobContext single = context("{\"upload\":\"up_photo\"}",
          "{\"resolution\":48,\"formats\":[\"glb\"],\"camera_elevation\":" + item[1] + "}");
      new ReconstructHandler(cache).run(single);
      assertThat(Files.mismatch(single.artifact("mesh.glb"), ctx.artifact("child_" + item[0] + "/mesh.glb"))).as(item[0]).isEqualTo(-1L);
    }
    assertThat(Files.mismatch(ctx.artifact("child_LOW/mesh.glb"), ctx.artifact("child_JOB/mesh.glb"))).isNotEqualTo(-1L);
  }

  /** A catalogue archive: {@code manifest} as manifest.csv and the test photo under each of {@code images}. */
  private static Path catalogueZip(String name, String manifest, String... images) throws java.io.IOException {
    Path zip = tmp.resolve(name);
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("manifest.csv"));
      out.write(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      for (String image : images) {
        out.putNextEntry(new java.util.zip.ZipEntry(image));
        out.write(Files.readAllBytes(photo));
      }
    }
    return zip;
  }
}
