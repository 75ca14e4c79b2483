package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads STL, ascii or binary. A file is binary when its size is exactly 84 + 50 n for the n in
 * its header, even if it starts with "solid" (many exporters write that); otherwise a file
 * starting with "solid" is ascii. Identical vertices are welded. Each ascii {@code solid} becomes
 * a part.
 */
final class StlReader {
  private StlReader() {}

  static Mesh read(String source, byte[] data) {
    if (isExactBinary(data)) {
      return readBinary(source, data);
    }
    if (startsWithSolid(data)) {
      return readAscii(source, data);
    }
    if (data.length < 84) {
      throw new MeshFormatException(MeshFormatException.TRUNCATED,
          source + ": " + data.length + " bytes, shorter than a binary STL header (84)");
    }
    long n = triangleCount(data);
    long expected = 84 + 50 * n;
    if (data.length < expected) {
      throw new MeshFormatException(MeshFormatException.TRUNCATED, source + ": binary STL header claims " + n
          + " triangles (" + expected + " bytes) but the file has " + data.length + " bytes");
    }
    return readBinary(source, data); // trailing bytes after the last triangle are tolerated
  }

  private static long triangleCount(byte[] data) {
    return ByteBuffer.wrap(data, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
  }

  private static boolean isExactBinary(byte[] data) {
    return data.length >= 84 && 84 + 50 * triangleCount(data) == data.length;
  }

  private static boolean startsWithSolid(byte[] data) {
    int i = 0;
    while (i < data.length && Character.isWhitespace(data[i])) {
      i++;
    }
    return data.length - i >= 5 && new String(data, i, 5, StandardCharsets.ISO_8859_1).equalsIgnoreCase("solid");
  }

  private static Mesh readBinary(String source, byte[] data) {
    long n = triangleCount(data);
    Welder w = new Welder(new MeshBuilder(source));
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int[] tri = new int[3];
    for (long t = 0; t < n; t++) {
      int base = (int) (84 + 50 * t);
      for (int k = 0; k < 3; k++) {
        int o = base + 12 + 12 * k;
        tri[k] = w.vertex(b.getFloat(o), b.getFloat(o + 4), b.getFloat(o + 8), "byte offset " + o);
      }
      w.mesh.addTriangleUnchecked(tri[0], tri[1], tri[2]);
    }
    return w.mesh.build(false);
  }

  private static Mesh readAscii(String source, byte[] data) {
    TextLines l = new TextLines(source, data, 0, data.length);
    Welder w = new Welder(new MeshBuilder(source));
    int[] poly = new int[8];
    int n = 0;
    boolean inSolid = false;
    boolean inLoop = false;
    while (l.nextLine()) {
      if (l.tokenCount() == 0) {
        continue;
      }
      String k = l.token(0).toLowerCase(java.util.Locale.ROOT);
      switch (k) {
        case "solid" -> {
          inSolid = true;
          w.mesh.usePart(l.tokenCount() > 1 ? l.rest(1) : "mesh", null);
        }
        case "outer" -> {
          inLoop = true;
          n = 0;
        }
        case "vertex" -> {
          if (!inLoop) {
            throw l.malformed("vertex outside 'outer loop'");
          }
          if (l.tokenCount() < 4) {
            throw l.position() >= data.length ? l.truncated("vertex line cut short") : l.malformed("a vertex needs 3 coordinates");
          }
          if (n == poly.length) {
            poly = java.util.Arrays.copyOf(poly, n * 2);
          }
          poly[n++] = w.vertex(l.floatToken(1), l.floatToken(2), l.floatToken(3), l.where());
        }
        case "endloop" -> {
          inLoop = false;
          if (n < 3) {
            throw l.malformed("a facet needs at least 3 vertices, got " + n);
          }
          for (int i = 1; i + 1 < n; i++) {
            w.mesh.addTriangleUnchecked(poly[0], poly[i], poly[i + 1]);
          }
        }
        case "endsolid" -> inSolid = false;
        default -> { } // facet normal, endfacet: the normal is recomputed from the vertices
      }
    }
    if (inSolid || inLoop) {
      throw l.truncated("missing " + (inLoop ? "endloop" : "endsolid"));
    }
    return w.mesh.build(false);
  }

  /** Welds bit-identical positions into one vertex. */
  private static final class Welder {
    final MeshBuilder mesh;
    final Map<Key, Integer> index = new HashMap<>();

    Welder(MeshBuilder mesh) {
      this.mesh = mesh;
    }

    int vertex(float x, float y, float z, String where) {
      // -0.0 and 0.0 are the same point
      Key key = new Key(Float.floatToIntBits(x + 0f), Float.floatToIntBits(y + 0f), Float.floatToIntBits(z + 0f));
      Integer v = index.get(key);
      if (v == null) {
        v = mesh.addVertex(x, y, z, where);
        index.put(key, v);
      }
      return v;
    }
  }

  private record Key(int x, int y, int z) {}
}
