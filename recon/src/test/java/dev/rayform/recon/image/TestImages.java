package dev.rayform.recon.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Builders of good and deliberately bad encoded images. */
final class TestImages {
  private TestImages() {}

  static BufferedImage noise(int w, int h, int type, long seed) {
    BufferedImage img = new BufferedImage(w, h, type);
    SplittableRandom random = new SplittableRandom(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, 0xff000000 | random.nextInt(1 << 24));
      }
    }
    return img;
  }

  static BufferedImage filled(int w, int h, int argb) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, argb);
      }
    }
    return img;
  }

  static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format + " and " + image.getType());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A PNG signature and IHDR chunk (valid CRC) claiming the given size, then IEND. */
  static byte[] pngHeaderOnly(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    out.writeBytes(chunk("IHDR", ihdr.array()));
    out.writeBytes(chunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  /** A PNG chunk: length, type, data, CRC over type and data. */
  static byte[] chunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
        .putInt((int) crc.getValue()).array();
  }

  /** {@code png} with an extra chunk right after IHDR (signature 8 + IHDR 25 bytes). */
  static byte[] withChunkAfterHeader(byte[] png, byte[] chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 33);
    out.writeBytes(chunk);
    out.write(png, 33, png.length - 33);
    return out.toByteArray();
  }

  /**
   * A JPEG whose frame header declares four components (CMYK), preceded by an Adobe APP14 segment
   * with the given colour transform (0: CMYK, 2: YCCK). Built from a baseline JPEG by ImageIO, whose
   * SOF0 is rewritten; ImageIO cannot write CMYK JPEG itself.
   */
  static byte[] fourComponentJpeg(int adobeTransform) {
    byte[] jpeg = encode(noise(32, 32, BufferedImage.TYPE_INT_RGB, 3), "jpg");
    int sof = findMarker(jpeg, 0xc0);
    int length = (jpeg[sof + 2] & 0xff) << 8 | (jpeg[sof + 3] & 0xff);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    byte[] adobe = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) adobeTransform};
    out.writeBytes(adobe);
    out.write(jpeg, 2, sof - 2);
    ByteBuffer frame = ByteBuffer.allocate(2 + 2 + 6 + 4 * 3).put((byte) 0xff).put((byte) 0xc0).putShort((short) 20)
        .put((byte) 8).putShort((short) 32).putShort((short) 32).put((byte) 4);
    for (int c = 1; c <= 4; c++) {
      frame.put((byte) c).put((byte) 0x11).put((byte) 0);
    }
    out.writeBytes(frame.array());
    int after = sof + 2 + length;
    out.write(jpeg, after, jpeg.length - after);
    return out.toByteArray();
  }

  static int findMarker(byte[] jpeg, int marker) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == marker) {
        return i;
      }
    }
    throw new IllegalArgumentException("marker not found: " + Integer.toHexString(marker));
  }
}
