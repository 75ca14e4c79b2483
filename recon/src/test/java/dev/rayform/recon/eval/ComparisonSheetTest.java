package dev.rayform.recon.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ComparisonSheetTest {

  @Test
  void putsInputPredictionAndTruthSideBySideUpToTheQuota() {
    ComparisonSheet sheet = new ComparisonSheet(2, 64);
    Mesh cube = MeshPrimitives.box(0.5, 0.5, 0.5);
    BufferedImage input = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB);
    assertThat(sheet.isEmpty()).isTrue();
    sheet.add("chair", input, cube, cube, 1.0);
    sheet.add("chair", input, Mesh.empty(), cube, 0.0);
    assertThat(sheet.wants("chair")).isFalse();
    sheet.add("chair", input, cube, cube, 1.0);
    sheet.add("table", input, cube, cube, 1.0);
    BufferedImage out = sheet.render();
    // two rows (chair, table), six cells each, cells 64 pixels plus labels and gaps
    assertThat(out.getWidth()).isGreaterThan(6 * 64).isLessThan(6 * 64 + 6 * 10 + 200);
    assertThat(out.getHeight()).isGreaterThan(2 * 64).isLessThan(2 * (64 + 40));
    long dark = 0;
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int p = out.getRGB(x, y);
        dark += ((p >> 16 & 0xff) + (p >> 8 & 0xff) + (p & 0xff)) < 600 ? 1 : 0;
      }
    }
    // the black input pictures alone cover 3 cells' worth of 64x32 pixels; the cubes add more
    assertThat(dark).isGreaterThan(3 * 64 * 32);
  }
}
