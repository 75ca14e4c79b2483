package dev.rayform.recon.geometry.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reading whole streams with a size bound. */
final class Streams {
  private Streams() {}

  /** All bytes of {@code in}; {@code mesh_too_large} as soon as more than {@code max} arrive. */
  static byte[] readBounded(InputStream in, long max, String source) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buf = new byte[65536];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        throw new MeshFormatException(MeshFormatException.TOO_LARGE,
            source + ": larger than the limit of " + max + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
