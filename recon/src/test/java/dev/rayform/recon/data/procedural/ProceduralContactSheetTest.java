package dev.rayform.recon.data.procedural;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class ProceduralContactSheetTest {

  @Test
  void laysOutImagesInRowsWithLabels() {
    ContactSheet sheet = new ContactSheet(3);
    for (int i = 0; i < 5; i++) {
      sheet.add(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "#" + i);
    }
    BufferedImage out = sheet.rowTitle(0, "first").rowTitle(1, "second").render();
    assertThat(out.getHeight()).isGreaterThan(2 * 30);
    assertThat(out.getWidth()).isGreaterThan(3 * 40);
    // the background is white and the first image (black) is drawn
    assertThat(out.getRGB(out.getWidth() - 1, out.getHeight() - 1) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  /** Writes the sheet of all categories: {@code -Drayform.contactSheet=docs/procedural-contact-sheet.png}. */
  @Test
  @EnabledIfSystemProperty(named = "rayform.contactSheet", matches = ".+")
  void writesTheCategorySheet() throws Exception {
    Path out = Path.of(System.getProperty("rayform.contactSheet"));
    int seeds = Integer.getInteger("rayform.contactSheet.seeds", 6);
    long firstSeed = Long.getLong("rayform.contactSheet.firstSeed", 1);
    List<String> only = System.getProperty("rayform.contactSheet.categories", "").isEmpty()
        ? ProceduralGenerator.categories()
        : List.of(System.getProperty("rayform.contactSheet.categories").split(","));
    Renderer renderer = new Renderer();
    Camera camera = new Camera(Intrinsics.centered(200, 200, 1.1), Extrinsics.orbit(35, 25, 2.0));
    ContactSheet sheet = new ContactSheet(seeds);
    int row = 0;
    for (String category : only) {
      sheet.rowTitle(row++, category);
      for (long s = firstSeed; s < firstSeed + seeds; s++) {
        ProceduralShape shape = ProceduralGenerator.generate(category, s);
        Mesh mesh = shape.mesh(96);
        Rendering r = renderer.render(mesh, camera);
        sheet.add(r.toImage(false), "seed " + s + " (" + shape.parts().size() + " parts)");
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Rendering.writePng(sheet.render(), out);
    assertThat(out).exists();
  }
}
