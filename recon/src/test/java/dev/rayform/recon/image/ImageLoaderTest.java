package dev.rayform.recon.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {

  @Test
  void pngRoundTripsPixelForPixel() {
    BufferedImage src = TestImages.noise(40, 24, BufferedImage.TYPE_INT_RGB, 1);
    BufferedImage img = ImageLoader.load("a.png", TestImages.encode(src, "png"));
    assertThat(img.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
    assertThat(img.getWidth()).isEqualTo(40);
    assertThat(img.getHeight()).isEqualTo(24);
    assertThat(img.getRGB(0, 0, 40, 24, null, 0, 40)).isEqualTo(src.getRGB(0, 0, 40, 24, null, 0, 40));
  }

  @Test
  void pngAlphaIsKept() {
    BufferedImage img = ImageLoader.load("a.png", TestImages.encode(TestImages.filled(20, 20, 0x80ff0000), "png"));
    assertThat(img.getRGB(5, 5)).isEqualTo(0x80ff0000);
  }

  @Test
  void greyImagesKeepTheirValues() {
    BufferedImage grey = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(3, 4, 0, 128);
    for (String format : new String[] {"png", "jpg"}) {
      BufferedImage img = ImageLoader.load("grey." + format, TestImages.encode(grey, format));
      assertThat(img.getRGB(3, 4) & 0xff).as(format).isBetween(100, 140);
      assertThat(img.getRGB(15, 15) & 0xffffff).as(format).isLessThan(0x080808);
    }
  }

  @Test
  void jpegLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("photo.jpg");
    BufferedImage rgb = new BufferedImage(32, 20, BufferedImage.TYPE_INT_RGB);
    rgb.createGraphics().drawImage(TestImages.filled(32, 20, 0xff2060a0), 0, 0, null);
    Files.write(file, TestImages.encode(rgb, "jpg"));
    BufferedImage img = ImageLoader.load(file);
    assertThat(img.getWidth()).isEqualTo(32);
    int p = img.getRGB(10, 10);
    assertThat(Math.abs((p & 0xff) - 0xa0)).isLessThan(6);
  }

  @Test
  void emptyInputIsImageEmpty() {
    assertCode(new byte[0], ImageException.EMPTY, "empty.png");
  }

  @Test
  void onePixelPngIsTooSmall() {
    assertCode(TestImages.encode(TestImages.filled(1, 1, 0xffffffff), "png"), ImageException.TOO_SMALL, "1x1");
    assertCode(TestImages.encode(TestImages.filled(200, 15, 0xffffffff), "png"), ImageException.TOO_SMALL, "200x15");
  }

  @Test
  void hugeHeaderFailsFastWithoutDecoding() {
    byte[] png = TestImages.pngHeaderOnly(20000, 20000);
    long start = System.nanoTime();
    assertCode(png, ImageException.TOO_LARGE, "20000x20000");
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
  }

  @Test
  void limitsApplyPerSideAndInPixels() {
    ImageLoader strict = new ImageLoader(new ImageLimits(16, 64, 2000, 1 << 20));
    byte[] wide = TestImages.encode(TestImages.filled(65, 20, 0xffffffff), "png");
    byte[] many = TestImages.encode(TestImages.filled(50, 50, 0xffffffff), "png");
    for (byte[] png : new byte[][] {wide, many}) {
      assertThatThrownBy(() -> strict.read("x.png", png))
          .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.code()).isEqualTo(ImageException.TOO_LARGE));
    }
  }

  @Test
  void truncatedPngIsCorrupt() {
    byte[] png = TestImages.encode(TestImages.noise(64, 64, BufferedImage.TYPE_INT_RGB, 2), "png");
    assertCode(Arrays.copyOf(png, png.length / 2), ImageException.CORRUPT, "truncated.png");
    assertCode(Arrays.copyOf(png, 20), ImageException.CORRUPT, "truncated.png");
  }

  @Test
  void truncatedJpegIsCorrupt() {
    byte[] jpg = TestImages.encode(TestImages.noise(64, 64, BufferedImage.TYPE_INT_RGB, 2), "jpg");
    assertCode(Arrays.copyOf(jpg, jpg.length / 2), ImageException.CORRUPT, "truncated.jpg");
  }

  @Test
  void randomBytesAreCorrupt() {
    byte[] junk = new byte[4096];
    new SplittableRandom(5).nextBytes(junk);
    junk[0] = 0x13;
    assertCode(junk, ImageException.CORRUPT, "junk.bin");
  }

  @Test
  void cmykAndYcckJpegAreUnsupported() {
    assertCode(TestImages.fourComponentJpeg(0), ImageException.UNSUPPORTED, "CMYK");
    assertCode(TestImages.fourComponentJpeg(2), ImageException.UNSUPPORTED, "YCCK");
  }

  @Test
  void sixteenBitPngIsUnsupported() {
    BufferedImage deep = new BufferedImage(20, 20, BufferedImage.TYPE_USHORT_GRAY);
    assertCode(TestImages.encode(deep, "png"), ImageException.UNSUPPORTED, "16-bit");
  }

  @Test
  void animatedPngIsUnsupported() {
    byte[] png = TestImages.encode(TestImages.filled(20, 20, 0xff00ff00), "png");
    byte[] actl = TestImages.chunk("acTL", new byte[] {0, 0, 0, 2, 0, 0, 0, 0});
    assertCode(TestImages.withChunkAfterHeader(png, actl), ImageException.UNSUPPORTED, "animated");
  }

  @Test
  void otherFormatsAreUnsupported() {
    assertCode(TestImages.encode(TestImages.noise(20, 20, BufferedImage.TYPE_INT_RGB, 1), "gif"),
        ImageException.UNSUPPORTED, "GIF");
    assertCode(TestImages.encode(TestImages.noise(20, 20, BufferedImage.TYPE_INT_RGB, 1), "bmp"),
        ImageException.UNSUPPORTED, "BMP");
  }

  @Test
  void missingFileIsUnreadable(@TempDir Path dir) {
    assertThatThrownBy(() -> ImageLoader.load(dir.resolve("nope.png")))
        .isInstanceOfSatisfying(ImageException.class, e -> {
          assertThat(e.code()).isEqualTo(ImageException.UNREADABLE);
          assertThat(e.getMessage()).contains("nope.png");
        });
  }

  private static void assertCode(byte[] bytes, String code, String messagePart) {
    assertThatThrownBy(() -> ImageLoader.load("input-" + code, bytes))
        .isInstanceOfSatisfying(ImageException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.getMessage()).contains("input-" + code);
          if (!messagePart.contains(".")) {
            assertThat(e.getMessage()).contains(messagePart);
          }
        });
  }
}
