package dev.rayform.recon.image;

import java.nio.charset.StandardCharsets;

/**
 * Recognises the encoded format from its signature and checks the header for features we refuse,
 * before any decoder runs: 16-bit and animated PNG; CMYK/YCCK, 12-bit, lossless, hierarchical and
 * arithmetic-coded JPEG.
 */
enum ImageFormat {
  PNG("png"),
  JPEG("jpeg");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final String readerName;

  ImageFormat(String readerName) {
    this.readerName = readerName;
  }

  String readerName() {
    return readerName;
  }

  /** The format of {@code bytes} with its header vetted; throws {@link ImageException} otherwise. */
  static ImageFormat inspect(String name, byte[] bytes) {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      checkPng(name, bytes);
      return PNG;
    }
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
      checkJpeg(name, bytes);
      return JPEG;
    }
    String other = otherFormat(bytes);
    if (other != null) {
      throw new ImageException(ImageException.UNSUPPORTED, name + ": " + other + " images are not supported (use PNG or JPEG)");
    }
    throw new ImageException(ImageException.CORRUPT, name + ": not a PNG or JPEG image (unrecognised signature)");
  }

  private static void checkPng(String name, byte[] b) {
    int pos = PNG_SIGNATURE.length;
    boolean first = true;
    while (pos + 8 <= b.length) {
      long length = readInt(b, pos) & 0xffffffffL;
      String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (first) {
        if (!type.equals("IHDR") || length != 13 || pos + 8 + 13 > b.length) {
          throw new ImageException(ImageException.CORRUPT, name + ": PNG does not start with a valid IHDR chunk");
        }
        int bitDepth = b[pos + 8 + 8] & 0xff;
        if (bitDepth == 16) {
          throw new ImageException(ImageException.UNSUPPORTED, name + ": 16-bit-per-channel PNG is not supported (save as 8-bit)");
        }
        first = false;
      } else if (type.equals("acTL")) {
        throw new ImageException(ImageException.UNSUPPORTED, name + ": animated PNG is not supported");
      } else if (type.equals("IDAT") || type.equals("IEND")) {
        return;
      }
      pos += 12 + (int) Math.min(length, Integer.MAX_VALUE - 12);
      if (pos < 0) {
        break;
      }
    }
    if (first) {
      throw new ImageException(ImageException.CORRUPT, name + ": PNG is truncated before its header");
    }
    // Truncated before the image data: the decoder reports it as corrupt.
  }

  private static void checkJpeg(String name, byte[] b) {
    int pos = 2;
    int adobeTransform = -1;
    while (pos < b.length) {
      if ((b[pos] & 0xff) != 0xff) {
        throw new ImageException(ImageException.CORRUPT, name + ": JPEG marker expected at byte " + pos);
      }
      while (pos < b.length && (b[pos] & 0xff) == 0xff) {
        pos++;
      }
      if (pos >= b.length) {
        break;
      }
      int marker = b[pos++] & 0xff;
      if (marker == 0xd9 || marker == 0xda) {
        break;
      }
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        continue;
      }
      if (pos + 2 > b.length) {
        break;
      }
      int length = (b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff);
      if (length < 2) {
        throw new ImageException(ImageException.CORRUPT, name + ": JPEG segment with invalid length " + length);
      }
      int payload = pos + 2, end = pos + length;
      if (marker == 0xee && end <= b.length && length >= 14 && startsWithAt(b, payload, "Adobe")) {
        adobeTransform = b[payload + 11] & 0xff;
      } else if (isStartOfFrame(marker)) {
        if (end > b.length || length < 8) {
          break;
        }
        checkFrame(name, marker, b[payload] & 0xff, b[payload + 5] & 0xff, adobeTransform);
        return;
      }
      pos = end;
    }
    throw new ImageException(ImageException.CORRUPT, name + ": JPEG is truncated or has no frame header");
  }

  private static void checkFrame(String name, int marker, int precision, int components, int adobeTransform) {
    if (marker != 0xc0 && marker != 0xc1 && marker != 0xc2) {
      throw new ImageException(ImageException.UNSUPPORTED, String.format(
          "%s: JPEG coding SOF%d (lossless, hierarchical or arithmetic) is not supported", name, marker - 0xc0));
    }
    if (precision != 8) {
      throw new ImageException(ImageException.UNSUPPORTED, name + ": " + precision + "-bit JPEG is not supported");
    }
    if (components == 4) {
      String space = adobeTransform == 2 ? "YCCK" : "CMYK";
      throw new ImageException(ImageException.UNSUPPORTED, name + ": " + space + " JPEG is not supported (convert to RGB)");
    }
    if (components != 1 && components != 3) {
      throw new ImageException(ImageException.UNSUPPORTED, name + ": JPEG with " + components + " components is not supported");
    }
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
  }

  private static String otherFormat(byte[] b) {
    if (startsWithAt(b, 0, "GIF8")) {
      return "GIF";
    }
    if (startsWithAt(b, 0, "BM") && b.length >= 26) {
      return "BMP";
    }
    if (startsWithAt(b, 0, "II*\0") || startsWithAt(b, 0, "MM\0*")) {
      return "TIFF";
    }
    if (startsWithAt(b, 0, "RIFF") && startsWithAt(b, 8, "WEBP")) {
      return "WebP";
    }
    if (startsWithAt(b, 4, "ftyp")) {
      return "HEIF/AVIF";
    }
    return null;
  }

  private static int readInt(byte[] b, int pos) {
    return (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWithAt(byte[] b, int offset, String ascii) {
    if (b.length < offset + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (b[offset + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
