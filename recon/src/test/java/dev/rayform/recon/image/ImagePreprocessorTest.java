package dev.rayform.recon.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.data.ViewSampler;
import dev.rayform.recon.data.ViewSpec;
import dev.rayform.recon.data.procedural.ProceduralGenerator;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.render.Renderer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {
  private static final int SIZE = 224;

  @Test
  void transparentBackgroundIsCompositedAndTheObjectFramed() {
    BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB);
    fill(img, 250, 40, 100, 60, new Color(200, 30, 30));
    PreparedImage p = ImagePreprocessor.prepare(img, SIZE);

    assertThat(p.crop()).isEqualTo(new Crop(400, 300, 250, 40, 100, 60, 300 - 50 / 0.69, 70 - 50 / 0.69,
        100 / 0.69, true));
    Box box = objectBox(p.rgb());
    assertThat(box.width() / (double) SIZE).isCloseTo(ImagePreprocessor.TRAINING_OBJECT_FRACTION, within(0.01));
    assertThat(box.centerX()).isCloseTo(SIZE / 2.0, within(1.0));
    assertThat(box.centerY()).isCloseTo(SIZE / 2.0, within(1.0));
    assertThat(p.rgb().getRGB(2, 2) & 0xffffff).isEqualTo(0xffffff);
    assertThat(p.rgb().getRGB(SIZE / 2, SIZE / 2) & 0xffffff).isEqualTo(0xc81e1e);
  }

  @Test
  void plainLightBackgroundIsWhitenedButEnclosedLightPartsStay() {
    BufferedImage img = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(3);
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 300; x++) {
        int v = 225 + random.nextInt(7);
        img.setRGB(x, y, v << 16 | v << 8 | (v - 4));
      }
    }
    fill(img, 100, 100, 100, 100, new Color(40, 40, 60));
    fill(img, 130, 130, 40, 40, new Color(228, 228, 224));
    PreparedImage p = ImagePreprocessor.prepare(img, SIZE);

    assertThat(p.crop().x()).isEqualTo(100);
    assertThat(p.crop().width()).isEqualTo(100);
    assertThat(p.rgb().getRGB(3, 3) & 0xffffff).isEqualTo(0xffffff);
    int centre = p.rgb().getRGB(SIZE / 2, SIZE / 2) & 0xffffff;
    assertThat(centre >> 16).isBetween(220, 235);
  }

  @Test
  void pureNoiseHasNoProductToSeparate() {
    BufferedImage img = TestImages.noise(120, 80, BufferedImage.TYPE_INT_RGB, 9);
    assertThatThrownBy(() -> ImagePreprocessor.prepare(img, 64))
        .isInstanceOf(dev.rayform.recon.ReconException.class)
        .extracting(e -> ((dev.rayform.recon.ReconException) e).code()).isEqualTo(ProductMask.NOT_SEPARABLE);
  }

  @Test
  void blankImageHasNoObjectAndDoesNotFail() {
    PreparedImage p = ImagePreprocessor.prepare(TestImages.filled(50, 40, 0xffffffff), 32);
    assertThat(p.crop().objectFound()).isFalse();
    assertThat(p.chw()).hasSize(3 * 32 * 32);
  }

  @Test
  void fractionCanBeOverridden() {
    BufferedImage img = new BufferedImage(200, 200, BufferedImage.TYPE_INT_ARGB);
    fill(img, 20, 20, 50, 80, Color.BLUE);
    Box box = objectBox(ImagePreprocessor.prepare(img, 100, 0.5).rgb());
    assertThat(box.height()).isBetween(49, 51);
  }

  @Test
  void chwIsImageNetNormalisedRgb() {
    BufferedImage img = TestImages.filled(16, 16, 0xff000000 | 10 << 16 | 128 << 8 | 250);
    float[] chw = ImagePreprocessor.toChw(img);
    assertThat(chw).hasSize(3 * 256);
    assertThat(chw[0]).isCloseTo((10 / 255f - 0.485f) / 0.229f, within(1e-5f));
    assertThat(chw[256 + 17]).isCloseTo((128 / 255f - 0.456f) / 0.224f, within(1e-5f));
    assertThat(chw[2 * 256 + 255]).isCloseTo((250 / 255f - 0.406f) / 0.225f, within(1e-5f));
  }

  @Test
  void framedImageAtItsSizeIsUnchanged() {
    BufferedImage img = TestImages.noise(48, 48, BufferedImage.TYPE_INT_RGB, 4);
    PreparedImage p = ImagePreprocessor.prepareFramed(img, 48);
    assertThat(p.rgb().getRGB(0, 0, 48, 48, null, 0, 48)).isEqualTo(img.getRGB(0, 0, 48, 48, null, 0, 48));
    assertThat(p.chw()).isEqualTo(ImagePreprocessor.toChw(img));
  }

  @Test
  void downscalingAveragesAreas() {
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, (x + y) % 2 == 0 ? 0x000000 : 0xc8c8c8);
      }
    }
    PreparedImage p = ImagePreprocessor.prepareFramed(img, 2);
    assertThat(p.rgb().getRGB(0, 0) & 0xffffff).isEqualTo(0x646464);
    PreparedImage third = ImagePreprocessor.prepareFramed(TestImages.noise(300, 300, BufferedImage.TYPE_INT_RGB, 1), 224);
    assertThat(third.size()).isEqualTo(224);
  }

  @Test
  void photoOfARenderIsFramedLikeTheRender() {
    ViewSpec view = ViewSampler.defaults(SIZE).draw(new SplittableRandom(11));
    Mesh mesh = ProceduralGenerator.generate("chair", 3).mesh(40).translatedScaled(0, 0, 0, view.objectScale());
    BufferedImage render = new Renderer().render(mesh, view.camera()).toImage(false);
    Box original = objectBox(render);
    double renderFraction = Math.max(original.width(), original.height()) / (double) SIZE;
    BufferedImage photo = new BufferedImage(900, 500, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setColor(new Color(236, 234, 230));
    g.fillRect(0, 0, 900, 500);
    int[] px = Pixels.argb(render);
    for (int i = 0; i < px.length; i++) {
      if (Pixels.distance(px[i], Pixels.WHITE) > 2) {
        photo.setRGB(500 + i % SIZE, 150 + i / SIZE, px[i]);
      }
    }
    PreparedImage p = ImagePreprocessor.prepare(photo, SIZE, renderFraction);
    Box prepared = objectBox(p.rgb());
    assertThat(prepared.width()).isCloseTo(original.width(), within(3));
    assertThat(prepared.height()).isCloseTo(original.height(), within(3));
    assertThat(prepared.centerX()).isCloseTo(SIZE / 2.0, within(1.0));
  }

  private record Box(int minX, int minY, int maxX, int maxY) {
    int width() {
      return maxX - minX + 1;
    }

    int height() {
      return maxY - minY + 1;
    }

    double centerX() {
      return 0.5 * (minX + maxX + 1);
    }

    double centerY() {
      return 0.5 * (minY + maxY + 1);
    }
  }

  private static Box objectBox(BufferedImage img) {
    Crop c = ImagePreprocessor.frame(Pixels.opaque(Pixels.argb(img)), img.getWidth(), img.getHeight(), 1);
    return new Box(c.x(), c.y(), c.x() + c.width() - 1, c.y() + c.height() - 1);
  }

  private static void fill(BufferedImage img, int x, int y, int w, int h, Color color) {
    Graphics2D g = img.createGraphics();
    g.setColor(color);
    g.fillRect(x, y, w, h);
    g.dispose();
  }
}
