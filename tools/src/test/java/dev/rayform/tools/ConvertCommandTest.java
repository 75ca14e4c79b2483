package dev.rayform.tools;

import dev.rayform.recon.testing.TinyCabinet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ProceduralSource;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.io.MeshReaders;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import dev.rayform.recon.training.TrainOptions;
import dev.rayform.recon.training.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The main job end to end: a CSV catalogue through the embedded platform's HTTP API to meshes. */
class ConvertCommandTest {

  @Test
  void aManifestBecomesOneMeshPerProductThroughTheEmbeddedPlatform(@TempDir Path dir) throws Exception {
    TinyCabinet.Trained tiny = TinyCabinet.train(dir, 300);
    Path model = tiny.model();
    Path photo = tiny.photo();
    Files.copy(photo, dir.resolve("a.png"));
    Files.copy(tiny.dataset().resolve("shapes/cabinet/000000/view_01.png"), dir.resolve("b.png"));
    Files.writeString(dir.resolve("catalog.csv"), "sku,image,category,width,depth,height,unit\nCAB-A,a.png,cabinet,60,40,120,cm\nCAB-B,b.png,cabinet,,,,\n");

    CommandLine cl = Main.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = cl.execute("convert", dir.resolve("catalog.csv").toString(), "--model", model.toString(), "--out",
          dir.resolve("out").toString(), "--formats", "glb,usdz,ply", "--faces", "500", "--resolution", "64", "--data-dir", dir.resolve("platform").toString(),
          "--no-progress");
    } finally {
      System.setOut(saved);
    }
    assertThat(exit).as(err + out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("converted 2 of 2 products");
    for (String sku : List.of("CAB-A", "CAB-B")) {
      assertThat(MeshReaders.read(dir.resolve("out").resolve(sku + ".glb")).faceCount()).isPositive().isLessThanOrEqualTo(500);
      assertThat(dir.resolve("out").resolve(sku + ".ply")).exists();
      assertThat(Files.readAllBytes(dir.resolve("out").resolve(sku + ".usdz"))).startsWith(new byte[] {'P', 'K', 3, 4});
    }
    // The product with dimensions comes out at them, in metres, standing on y = 0; the other in normalised units.
    Aabb sized = MeshReaders.read(dir.resolve("out").resolve("CAB-A.glb")).bounds();
    assertThat(sized.sizeX()).isCloseTo(0.60, Percentage.withPercentage(1));
    assertThat(sized.sizeY()).isCloseTo(1.20, Percentage.withPercentage(1));
    assertThat(sized.sizeZ()).isCloseTo(0.40, Percentage.withPercentage(1));
    assertThat(sized.minY()).isCloseTo(0, Offset.offset(1e-6));
    assertThat(MeshReaders.read(dir.resolve("out").resolve("CAB-B.glb")).bounds().longestSide()).isCloseTo(1, Offset.offset(1e-6));

    // `rayform reconstruct` of the same photo with the same options gives the catalogue's mesh, byte for byte.
    Path single = dir.resolve("single");
    dev.rayform.launcher.CommandRun.Result reconstructed = CliRun.run("reconstruct", dir.resolve("b.png").toString(), "--model", model.toString(),
        "--out", single.toString(), "--formats", "glb,usdz,ply", "--faces", "500", "--resolution", "64");
    assertThat(reconstructed.exit()).as(reconstructed.err()).isZero();
    for (String format : List.of("glb", "usdz", "ply")) {
      assertThat(Files.mismatch(single.resolve("b." + format), dir.resolve("out").resolve("CAB-B." + format)))
          .as(format + " bytes of reconstruct and of the catalogue").isEqualTo(-1L);
    }

    // A product whose photo is broken: the catalogue succeeds, the summary counts the failure, the exit code says so.
    Files.write(dir.resolve("broken.png"), java.util.Arrays.copyOf(Files.readAllBytes(photo), 100));
    Files.writeString(dir.resolve("mixed.csv"), "sku,image,camera_elevation\nCAB-A,a.png,10\nBROKEN,broken.png,\n");
    Path mixedOut = dir.resolve("mixed-out");
    dev.rayform.launcher.CommandRun.Result mixed = CliRun.run("convert", dir.resolve("mixed.csv").toString(), "--model", model.toString(), "--out",
        mixedOut.toString(), "--resolution", "32", "--camera-elevation", "25", "--data-dir", dir.resolve("platform").toString(), "--no-progress");
    assertThat(mixed.exit()).as(mixed.err() + mixed.out()).isEqualTo(4);
    assertThat(mixed.out()).contains("failed [image_corrupt]", "converted 1 of 2 products into " + mixedOut + " (1 failed; 1 files)");
    assertThat(mixedOut.resolve("CAB-A.glb")).exists();
    // The row's camera elevation (10) overrides --camera-elevation (25) for its product: reconstruct at 10 gives its mesh.
    for (String elevation : List.of("10", "25")) {
      Path at = dir.resolve("single-" + elevation);
      dev.rayform.launcher.CommandRun.Result r = CliRun.run("reconstruct", dir.resolve("a.png").toString(), "--model", model.toString(),
          "--out", at.toString(), "--formats", "glb", "--resolution", "32", "--camera-elevation", elevation);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(Files.mismatch(at.resolve("a.glb"), mixedOut.resolve("CAB-A.glb"))).as("elevation " + elevation)
          .matches(m -> elevation.equals("10") ? m == -1L : m != -1L);
    }
    // A camera elevation the job options refuse stops the run before anything starts.
    dev.rayform.launcher.CommandRun.Result overhead = CliRun.run("convert", dir.resolve("mixed.csv").toString(), "--model", model.toString(),
        "--out", dir.resolve("overhead-out").toString(), "--camera-elevation", "90", "--data-dir", dir.resolve("platform").toString(),
        "--no-progress");
    assertThat(overhead.exit()).isEqualTo(2);
    assertThat(overhead.err()).startsWith("error[invalid_options]").contains("options.camera_elevation");
    assertThat(dir.resolve("overhead-out")).doesNotExist();

    // Only broken photos: the catalogue fails with all_items_failed, and each product's own error is printed.
    Files.writeString(dir.resolve("bad.csv"), "sku,image\nBROKEN,broken.png\n");
    dev.rayform.launcher.CommandRun.Result bad = CliRun.run("convert", dir.resolve("bad.csv").toString(), "--model", model.toString(), "--out",
        dir.resolve("bad-out").toString(), "--resolution", "32", "--data-dir", dir.resolve("platform").toString(), "--no-progress");
    assertThat(bad.exit()).as(bad.err() + bad.out()).isEqualTo(2);
    assertThat(bad.out()).contains("failed [image_corrupt]", "converted 0 of 1 products (1 failed)");
    assertThat(bad.err()).contains("error[convert_failed]", "failed: all_items_failed: the catalogue's only item failed (1 image_corrupt)");
  }
}
