package dev.rayform.recon.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.util.RayformHome;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProductMaskTest {
  private static final int W = 160, H = 120;

  /** A red ellipse in the middle of the frame, or null for the background. */
  private static boolean inEllipse(int x, int y) {
    double dx = (x - W / 2.0) / 40, dy = (y - H / 2.0) / 30;
    return dx * dx + dy * dy <= 1;
  }

  @Test
  void alphaIsTheMask() {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        img.setRGB(x, y, inEllipse(x, y) ? 0xff2040c0 : 0x00102030);
      }
    }
    ProductPhoto p = ProductMask.separate(img);
    assertThat(p.source()).isEqualTo("alpha");
    assertThat(p.mask()[(H / 2) * W + W / 2]).isTrue();
    assertThat(p.mask()[0]).isFalse();
    assertThat(p.rgb()[0]).as("transparent pixels composited on white").isEqualTo(0xffffff);
  }

  @Test
  void plainBackgroundKeepsEnclosedGapsInTheOutlineButNotAsProductColour() {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        boolean frame = x >= 40 && x < 120 && y >= 30 && y < 90;
        boolean hole = x >= 60 && x < 100 && y >= 45 && y < 75;
        img.setRGB(x, y, frame && !hole ? 0x3060a0 : 0xfafafa);
      }
    }
    ProductPhoto p = ProductMask.separate(img);
    assertThat(p.source()).isEqualTo("plain");
    int hole = 60 * W + 80;
    assertThat(p.mask()[hole]).as("a gap enclosed by the product is inside its outline").isTrue();
    assertThat(p.showsProduct(hole)).as("but it shows the background's colour").isFalse();
    assertThat(p.showsProduct(35 * W + 50)).isTrue();
    assertThat(p.mask()[5 * W + 5]).isFalse();
  }

  @Test
  void grabCutFindsAnObjectOnATexturedBackground() {
    Random random = new Random(4);
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int n = random.nextInt(24);
        int rgb = inEllipse(x, y)
            ? (200 + n / 2) << 16 | (30 + n) << 8 | 40
            : (60 + x / 4 + n) << 16 | (110 + y / 3 + n) << 8 | (70 + n); // a green-grey gradient with grain
        img.setRGB(x, y, rgb);
      }
    }
    ProductPhoto p = ProductMask.separate(img);
    assertThat(p.source()).isEqualTo("grabcut");
    int both = 0, either = 0;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        boolean truth = inEllipse(x, y), found = p.mask()[y * W + x];
        both += truth && found ? 1 : 0;
        either += truth || found ? 1 : 0;
      }
    }
    assertThat(both / (double) either).as("mask IoU with the ellipse").isGreaterThan(0.9);
  }

  @Test
  void noiseEverywhereIsNotSeparable() {
    assertThatThrownBy(() -> ProductMask.separate(TestImages.noise(W, H, BufferedImage.TYPE_INT_RGB, 3)))
        .isInstanceOf(ReconException.class)
        .extracting(e -> ((ReconException) e).code()).isEqualTo(ProductMask.NOT_SEPARABLE);
  }

  /**
   * scikit-image's photos (scripts/fetch-photos): the product alone, or not separable; never the
   * whole frame. The coffee cup on its saucer stands out from the table; the motorcycle stands in a
   * cluttered garage whose shelves join or leave the cut with the seed, so it is refused.
   */
  @Test
  void realPhotosOnBusyBackgroundsGiveTheProductOrARefusal() throws Exception {
    Path dir = RayformHome.path().resolve("photos");
    assumeTrue(Files.exists(dir.resolve("coffee.png")) && Files.exists(dir.resolve("motorcycle_left.png")),
        "scripts/fetch-photos has not run");
    ProductPhoto coffee = ProductMask.separate(ImageLoader.load(dir.resolve("coffee.png")));
    assertThat(coffee.source()).isEqualTo("grabcut");
    assertThat(coffee.coverage()).as("the cup and saucer, not the table").isBetween(0.3, 0.7);
    int w = coffee.width(), h = coffee.height();
    assertThat(coffee.mask()[(h / 3) * w + w / 2]).as("the cup").isTrue();
    assertThat(coffee.mask()[(h - 3) * w + 3]).as("the table's corner").isFalse();
    assertThatThrownBy(() -> ProductMask.separate(ImageLoader.load(dir.resolve("motorcycle_left.png"))))
        .isInstanceOf(ReconException.class)
        .extracting(e -> ((ReconException) e).code()).isEqualTo(ProductMask.NOT_SEPARABLE);
  }
}
