package dev.rayform.recon.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class InputSilhouetteTest {
  @Test
  void theBackgroundIsTheWhiteReachableFromTheBorderAndWhiteInsideTheOutlineStaysProduct() {
    // A dark ring of outer side 20 and inner side 10 on white, in a 32-pixel image.
    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 32, 32);
    g.setColor(new Color(90, 40, 30));
    g.fillRect(6, 6, 20, 20);
    g.setColor(Color.WHITE);
    g.fillRect(11, 11, 10, 10);
    g.dispose();
    boolean[] mask = InputSilhouette.of(ImagePreprocessor.toChw(img), 32);
    int count = 0;
    for (boolean b : mask) {
      count += b ? 1 : 0;
    }
    assertThat(count).isEqualTo(20 * 20);
    assertThat(mask[16 * 32 + 16]).isTrue(); // the white hole inside the ring
    assertThat(mask[2 * 32 + 2]).isFalse();
    boolean[] rays = InputSilhouette.atRays(mask, 32, 8); // ray centres at pixels 2, 6, 10, ..., 30
    assertThat(rays[0]).isFalse();
    assertThat(rays[2 * 8 + 2]).isTrue(); // pixel (10, 10): the ring
    assertThat(rays[4 * 8 + 4]).isTrue(); // pixel (18, 18): the hole
    assertThat(rays[7 * 8 + 7]).isFalse(); // pixel (30, 30)
  }
}
