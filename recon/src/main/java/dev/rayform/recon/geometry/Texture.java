package dev.rayform.recon.geometry;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A colour texture: 8-bit sRGB pixels, row 0 at the top. Texture coordinates follow glTF: u to the
 * right, v down, (0, 0) the top-left corner of the first pixel. Immutable.
 */
public final class Texture {
  /** JPEG quality of the texture inside written files. */
  static final float JPEG_QUALITY = 0.9f;

  private final int width;
  private final int height;
  private final int[] rgb;
  private volatile byte[] jpeg;

  private Texture(int width, int height, int[] rgb) {
    this.width = width;
    this.height = height;
    this.rgb = rgb;
  }

  /** A texture of packed {@code 0xRRGGBB} pixels, row by row; the array is owned afterwards. */
  public static Texture of(int width, int height, int[] rgb) {
    if (width < 1 || height < 1 || rgb.length != width * height) {
      throw new IllegalArgumentException("texture needs width x height pixels, got " + width + "x" + height + " and " + rgb.length);
    }
    return new Texture(width, height, rgb);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixel at column x, row y, as {@code 0xRRGGBB}. */
  public int pixel(int x, int y) {
    return rgb[y * width + x] & 0xffffff;
  }

  /**
   * The bilinearly interpolated colour at (u, v), clamped to the edge, as sRGB channels in [0, 255]
   * ({@code out[0..2]}).
   */
  public void sample(double u, double v, float[] out) {
    double x = u * width - 0.5, y = v * height - 0.5;
    int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
    float fx = (float) (x - x0), fy = (float) (y - y0);
    int xa = clamp(x0, width), xb = clamp(x0 + 1, width), ya = clamp(y0, height), yb = clamp(y0 + 1, height);
    int p00 = rgb[ya * width + xa], p10 = rgb[ya * width + xb], p01 = rgb[yb * width + xa], p11 = rgb[yb * width + xb];
    for (int c = 0, shift = 16; c < 3; c++, shift -= 8) {
      float top = (p00 >> shift & 0xff) * (1 - fx) + (p10 >> shift & 0xff) * fx;
      float bottom = (p01 >> shift & 0xff) * (1 - fx) + (p11 >> shift & 0xff) * fx;
      out[c] = top * (1 - fy) + bottom * fy;
    }
  }

  /**
   * The bilinearly interpolated colour at (u, v) with the texture repeated in both directions (the
   * tiling that OBJ/MTL material maps use), as sRGB channels in [0, 255] ({@code out[0..2]}).
   */
  public void sampleRepeated(double u, double v, float[] out) {
    double x = (u - Math.floor(u)) * width - 0.5, y = (v - Math.floor(v)) * height - 0.5;
    int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
    float fx = (float) (x - x0), fy = (float) (y - y0);
    int xa = Math.floorMod(x0, width), xb = Math.floorMod(x0 + 1, width);
    int ya = Math.floorMod(y0, height), yb = Math.floorMod(y0 + 1, height);
    int p00 = rgb[ya * width + xa], p10 = rgb[ya * width + xb], p01 = rgb[yb * width + xa], p11 = rgb[yb * width + xb];
    for (int c = 0, shift = 16; c < 3; c++, shift -= 8) {
      float top = (p00 >> shift & 0xff) * (1 - fx) + (p10 >> shift & 0xff) * fx;
      float bottom = (p01 >> shift & 0xff) * (1 - fx) + (p11 >> shift & 0xff) * fx;
      out[c] = top * (1 - fy) + bottom * fy;
    }
  }

  /**
   * A texture of {@code image}'s colours (alpha ignored), box-filtered down by a whole factor when a
   * side exceeds {@code maxSide}, so a large material map costs at most about maxSide^2 pixels.
   */
  public static Texture of(BufferedImage image, int maxSide) {
    int w = image.getWidth(), h = image.getHeight();
    int f = Math.max(1, (Math.max(w, h) + maxSide - 1) / maxSide);
    int ow = Math.max(1, w / f), oh = Math.max(1, h / f);
    int[] row = new int[w * f];
    int[] out = new int[ow * oh];
    for (int y = 0; y < oh; y++) {
      image.getRGB(0, y * f, w, f, row, 0, w);
      for (int x = 0; x < ow; x++) {
        int r = 0, g = 0, b = 0;
        for (int dy = 0; dy < f; dy++) {
          for (int dx = 0; dx < f; dx++) {
            int p = row[dy * w + x * f + dx];
            r += p >> 16 & 0xff;
            g += p >> 8 & 0xff;
            b += p & 0xff;
          }
        }
        int n = f * f;
        out[y * ow + x] = (r + n / 2) / n << 16 | (g + n / 2) / n << 8 | (b + n / 2) / n;
      }
    }
    return new Texture(ow, oh, out);
  }

  /** The packed colour at (u, v) ({@link #sample}), rounded. */
  public int sample(double u, double v) {
    float[] c = new float[3];
    sample(u, v, c);
    return Math.round(c[0]) << 16 | Math.round(c[1]) << 8 | Math.round(c[2]);
  }

  public BufferedImage toImage() {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, width, height, rgb, 0, width);
    return out;
  }

  /** The texture as a baseline JPEG (the form every mesh format here embeds), encoded once. */
  public byte[] jpeg() {
    byte[] bytes = jpeg;
    if (bytes == null) {
      bytes = encodeJpeg(toImage());
      jpeg = bytes;
    }
    return bytes;
  }

  private static byte[] encodeJpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a texture as JPEG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : i >= n ? n - 1 : i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Texture t && t.width == width && t.height == height && java.util.Arrays.equals(t.rgb, rgb);
  }

  @Override
  public int hashCode() {
    return 31 * width + java.util.Arrays.hashCode(rgb);
  }
}
