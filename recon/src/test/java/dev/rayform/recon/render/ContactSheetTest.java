package dev.rayform.recon.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ContactSheetTest {

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
}
