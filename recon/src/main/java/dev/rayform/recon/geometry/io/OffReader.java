package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;

/**
 * Reads OFF (and the COFF/NOFF/CNOFF variants, whose extra per-vertex values are skipped). Faces
 * are fan-triangulated; per-face colours are ignored. Counts in the header are trusted only as
 * far as the data really goes: arrays grow as lines arrive.
 */
final class OffReader {
  private OffReader() {}

  static Mesh read(String source, byte[] data) {
    TextLines l = new TextLines(source, data, 0, data.length);
    if (!nextData(l)) {
      throw new MeshFormatException(MeshFormatException.TRUNCATED, source + ": empty file");
    }
    String magic = l.token(0);
    if (!magic.endsWith("OFF")) {
      throw l.malformed("missing OFF header, found '" + magic + "'");
    }
    if (magic.contains("4") || magic.startsWith("n")) {
      throw new MeshFormatException(MeshFormatException.UNSUPPORTED_FORMAT, source + ": OFF variant " + magic);
    }
    int first = 1;
    if (l.tokenCount() < 3) {
      if (!nextData(l)) {
        throw l.truncated("expected vertex and face counts");
      }
      first = 0;
    }
    if (l.tokenCount() - first < 2) {
      throw l.malformed("expected vertex and face counts");
    }
    long nv = l.parseCount(l.token(first), "vertex count");
    long nf = l.parseCount(l.token(first + 1), "face count");
    MeshBuilder mesh = new MeshBuilder(source);
    for (long v = 0; v < nv; v++) {
      if (!nextData(l)) {
        throw l.truncated("expected vertex " + v + " of " + nv);
      }
      if (l.tokenCount() < 3) {
        throw l.malformed("a vertex needs 3 coordinates");
      }
      mesh.addVertex(l.floatToken(0), l.floatToken(1), l.floatToken(2), l.where());
    }
    int[] idx = new int[8];
    for (long f = 0; f < nf; f++) {
      if (!nextData(l)) {
        throw l.truncated("expected face " + f + " of " + nf);
      }
      int n = l.intToken(0);
      if (n < 0 || l.tokenCount() - 1 < n) {
        throw l.tokenCount() - 1 < n && l.position() >= data.length
            ? l.truncated("face " + f + " lists fewer than " + n + " indices")
            : l.malformed("face " + f + " lists fewer than " + n + " indices");
      }
      if (n > idx.length) {
        idx = new int[n];
      }
      for (int i = 0; i < n; i++) {
        idx[i] = l.intToken(i + 1);
      }
      mesh.addPolygon(idx, n, l.where());
    }
    return mesh.build(false);
  }

  private static boolean nextData(TextLines l) {
    while (l.nextNonEmptyLine()) {
      if (!l.token(0).startsWith("#")) {
        return true;
      }
    }
    return false;
  }
}
