package dev.rayform.recon.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG and JPEG into 8-bit sRGB {@code TYPE_INT_ARGB} images. The header is vetted and the
 * dimensions read with an {@link ImageReader} before any pixel is decoded, so an oversized image
 * fails fast without allocating its raster. Every refusal is an {@link ImageException}.
 */
public final class ImageLoader {
  private static final ImageLoader DEFAULT = new ImageLoader(ImageLimits.DEFAULT);

  private final ImageLimits limits;

  public ImageLoader(ImageLimits limits) {
    this.limits = limits;
  }

  /** Loads a file with the default limits. */
  public static BufferedImage load(Path path) {
    return DEFAULT.read(path);
  }

  /** Decodes {@code bytes} with the default limits; {@code name} appears in error messages. */
  public static BufferedImage load(String name, byte[] bytes) {
    return DEFAULT.read(name, bytes);
  }

  public BufferedImage read(Path path) {
    String name = path.toString();
    byte[] bytes;
    try {
      long size = Files.size(path);
      if (size > limits.maxBytes()) {
        throw new ImageException(ImageException.TOO_LARGE,
            name + ": file of " + size + " bytes exceeds the limit of " + limits.maxBytes());
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ImageException(ImageException.UNREADABLE, name + ": no such file", e);
    } catch (IOException e) {
      throw new ImageException(ImageException.UNREADABLE, name + ": cannot read (" + e.getMessage() + ")", e);
    }
    return read(name, bytes);
  }

  public BufferedImage read(String name, byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new ImageException(ImageException.EMPTY, name + ": the image is empty (0 bytes)");
    }
    if (bytes.length > limits.maxBytes()) {
      throw new ImageException(ImageException.TOO_LARGE,
          name + ": " + bytes.length + " bytes exceeds the limit of " + limits.maxBytes());
    }
    ImageFormat format = ImageFormat.inspect(name, bytes);
    ImageReader reader = readerFor(format);
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      checkSize(name, reader.getWidth(0), reader.getHeight(0));
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener(collect(warnings));
      BufferedImage decoded = reader.read(0);
      if (!warnings.isEmpty()) {
        // The JPEG decoder fills a truncated scan with grey and only warns.
        throw new ImageException(ImageException.CORRUPT, name + ": damaged " + format.readerName() + " data ("
            + warnings.get(0) + ")");
      }
      return toSrgbArgb(decoded);
    } catch (ImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ImageException(ImageException.CORRUPT,
          name + ": cannot decode " + format.readerName() + " (" + e.getMessage() + ")", e);
    } finally {
      reader.dispose();
    }
  }

  private void checkSize(String name, int width, int height) {
    if (width < limits.minSide() || height < limits.minSide()) {
      throw new ImageException(ImageException.TOO_SMALL, String.format(
          "%s: %dx%d is too small (each side needs at least %d pixels)", name, width, height, limits.minSide()));
    }
    if (width > limits.maxSide() || height > limits.maxSide() || (long) width * height > limits.maxPixels()) {
      throw new ImageException(ImageException.TOO_LARGE, String.format(
          "%s: %dx%d is too large (at most %d pixels a side and %d pixels in all)",
          name, width, height, limits.maxSide(), limits.maxPixels()));
    }
  }

  private static ImageReader readerFor(ImageFormat format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName());
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + format.readerName());
    }
    return readers.next();
  }

  private static IIOReadWarningListener collect(List<String> warnings) {
    return (source, warning) -> warnings.add(warning);
  }

  /**
   * Copies any decoded image to {@code TYPE_INT_ARGB}. Grey images are expanded sample by sample:
   * Java2D treats their colour space as linear and would brighten them through getRGB or drawImage.
   */
  static BufferedImage toSrgbArgb(BufferedImage src) {
    int w = src.getWidth(), h = src.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    ColorModel cm = src.getColorModel();
    int[] row = new int[w];
    if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumComponents() <= 2
        && !(cm instanceof java.awt.image.IndexColorModel)) {
      Raster raster = src.getRaster();
      int greyMax = (1 << cm.getComponentSize(0)) - 1;
      int alphaMax = cm.hasAlpha() ? (1 << cm.getComponentSize(1)) - 1 : 1;
      int[] grey = new int[w], alpha = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, grey);
        if (cm.hasAlpha()) {
          raster.getSamples(0, y, w, 1, 1, alpha);
        }
        for (int x = 0; x < w; x++) {
          int g = Math.round(grey[x] * 255f / greyMax);
          int a = cm.hasAlpha() ? Math.round(alpha[x] * 255f / alphaMax) : 255;
          row[x] = a << 24 | g << 16 | g << 8 | g;
        }
        out.setRGB(0, y, w, 1, row, 0, w);
      }
      return out;
    }
    for (int y = 0; y < h; y++) {
      src.getRGB(0, y, w, 1, row, 0, w);
      out.setRGB(0, y, w, 1, row, 0, w);
    }
    return out;
  }
}
