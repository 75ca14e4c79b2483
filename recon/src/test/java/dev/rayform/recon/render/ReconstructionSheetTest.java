package dev.rayform.recon.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayform.recon.generation.CameraToObject;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ReconstructionSheetTest {
  private static final int WHITE = 0xffffff;

  @Test
  void theInputCameraColumnShowsTheMeshWhereTheCameraSeesIt() {
    // A 0.4 cube 1.5 in front of the camera, shifted right (+x in OpenCV axes): it must appear in the
    // right half of the input-camera cell and leave the left edge white.
    Mesh cube = MeshPrimitives.box(0.4, 0.4, 0.4).translatedScaled(-0.35, 0, -1.5, 1);
    BufferedImage input = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    BufferedImage sheet = new ReconstructionSheet(64, 1.45).add("cube", input, cube, true, CameraToObject.toUpright(cube)).render();

    Cell cell = Cell.locate(sheet, 1);
    assertNotEquals(WHITE, cell.rgb(sheet, 50, 32), "the cube covers the cell right of centre");
    assertEquals(WHITE, cell.rgb(sheet, 4, 32), "nothing at the left edge");
    assertEquals(WHITE, cell.rgb(sheet, 32 - 16, 32), "the cube is not at the left of centre");
    for (int column = 2; column <= 3; column++) {
      Cell orbit = Cell.locate(sheet, column);
      assertNotEquals(WHITE, orbit.rgb(sheet, 32, 32), "orbit view " + column + " shows the normalised mesh at its centre");
    }
  }

  @Test
  void anEmptyReconstructionStillGetsItsRow() {
    BufferedImage input = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    BufferedImage one = new ReconstructionSheet(64, 1.45).add("a", input, Mesh.empty(), true, Mesh.empty()).render();
    BufferedImage two = new ReconstructionSheet(64, 1.45)
        .add("a", input, Mesh.empty(), true, Mesh.empty()).add("b", input, Mesh.empty(), false, Mesh.empty()).render();
    assertTrue(two.getHeight() > one.getHeight());
    assertEquals(one.getWidth(), two.getWidth());
  }

  /** Where column {@code c} of the first row starts: found from the sheet's white gaps. */
  private record Cell(int x0, int y0) {
    static Cell locate(BufferedImage sheet, int column) {
      int width = sheet.getWidth(), cellW = 64, gap = 4;
      int titleW = width - (4 * (cellW + gap) + gap);
      return new Cell(titleW + gap + column * (cellW + gap), gap);
    }

    int rgb(BufferedImage sheet, int x, int y) {
      return sheet.getRGB(x0 + x, y0 + y) & 0xffffff;
    }
  }
}
