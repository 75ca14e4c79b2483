package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Texture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects vertices, polygons (fan-triangulated) and parts while a reader parses. Arrays grow by
 * doubling from a small start, so a header that lies about its counts never causes a huge
 * allocation. Parts that end up with no faces are dropped.
 */
final class MeshBuilder {
  private final String source;
  private float[] positions = new float[3 * 64];
  private int positionCount; // floats used
  private float[] normals; // parallel to positions when set
  private int[] triangles = new int[3 * 64];
  private int triangleCount; // ints used
  private int[] faceParts = new int[64];
  private float[] cornerUvs; // u, v per triangle corner, parallel to triangles once any face has them
  private final List<Mesh.Part> parts = new ArrayList<>();
  private int currentPart = -1;

  MeshBuilder(String source) {
    this.source = source;
  }

  int vertexCount() {
    return positionCount / 3;
  }

  int faceCount() {
    return triangleCount / 3;
  }

  /** Appends a vertex; {@code where} is used in the error message when it is not finite. */
  int addVertex(float x, float y, float z, String where) {
    if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
      throw new MeshFormatException(MeshFormatException.NON_FINITE,
          source + ": " + where + ": vertex " + vertexCount() + " is not finite (" + x + ", " + y + ", " + z + ")");
    }
    if (positionCount + 3 > positions.length) {
      positions = Arrays.copyOf(positions, grow(positions.length));
    }
    positions[positionCount++] = x;
    positions[positionCount++] = y;
    positions[positionCount++] = z;
    return positionCount / 3 - 1;
  }

  /** Sets the normal of vertex {@code v} (non-finite normals are stored as zero). */
  void setNormal(int v, float x, float y, float z) {
    if (normals == null || normals.length < positions.length) {
      normals = normals == null ? new float[positions.length] : Arrays.copyOf(normals, positions.length);
    }
    boolean finite = Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z);
    normals[3 * v] = finite ? x : 0;
    normals[3 * v + 1] = finite ? y : 0;
    normals[3 * v + 2] = finite ? z : 0;
  }

  /** Selects (creating if new) the part that following faces belong to. */
  void usePart(String name, float[] color) {
    usePart(name, color, null);
  }

  /** Selects (creating if new) the part, with its material map, that following faces belong to. */
  void usePart(String name, float[] color, Texture map) {
    for (int i = 0; i < parts.size(); i++) {
      Mesh.Part p = parts.get(i);
      if (p.name().equals(name) && Arrays.equals(p.color(), color) && p.map() == map) {
        currentPart = i;
        return;
      }
    }
    parts.add(new Mesh.Part(name, color, map));
    currentPart = parts.size() - 1;
  }

  /** Adds a polygon as a triangle fan; indices are 0-based and checked against the vertex count. */
  void addPolygon(int[] idx, int n, String where) {
    if (n < 3) {
      throw new MeshFormatException(MeshFormatException.MALFORMED,
          source + ": " + where + ": a face needs at least 3 vertices, got " + n);
    }
    int vc = vertexCount();
    for (int i = 0; i < n; i++) {
      if (idx[i] < 0 || idx[i] >= vc) {
        throw new MeshFormatException(MeshFormatException.INDEX_OUT_OF_RANGE,
            source + ": " + where + ": vertex index " + idx[i] + " out of range [0, " + vc + ")");
      }
    }
    for (int i = 1; i + 1 < n; i++) {
      addTriangleUnchecked(idx[0], idx[i], idx[i + 1]);
    }
  }

  /**
   * Adds a polygon as {@link #addPolygon(int[], int, String)} does, with texture coordinates per
   * polygon corner ({@code uvs[2 i]}, {@code uvs[2 i + 1]}).
   */
  void addPolygon(int[] idx, int n, String where, float[] uvs) {
    int first = triangleCount;
    addPolygon(idx, n, where);
    if (cornerUvs == null || cornerUvs.length < 2 * triangleCount) {
      // earlier faces without coordinates keep (0, 0)
      cornerUvs = cornerUvs == null ? new float[2 * triangles.length] : Arrays.copyOf(cornerUvs, 2 * triangles.length);
    }
    int c = 2 * first;
    for (int i = 1; i + 1 < n; i++) {
      for (int k : new int[] {0, i, i + 1}) {
        cornerUvs[c++] = uvs[2 * k];
        cornerUvs[c++] = uvs[2 * k + 1];
      }
    }
  }

  /** Adds a triangle whose indices the caller has already validated (or will by {@link #build}). */
  void addTriangleUnchecked(int a, int b, int c) {
    if (currentPart < 0) {
      usePart("mesh", null);
    }
    if (triangleCount + 3 > triangles.length) {
      triangles = Arrays.copyOf(triangles, grow(triangles.length));
    }
    if (faceCount() + 1 > faceParts.length) {
      faceParts = Arrays.copyOf(faceParts, grow(faceParts.length));
    }
    faceParts[faceCount()] = currentPart;
    triangles[triangleCount++] = a;
    triangles[triangleCount++] = b;
    triangles[triangleCount++] = c;
  }

  /** Checks every triangle index against the vertex count (for formats listing faces first). */
  void checkIndices() {
    int vc = vertexCount();
    for (int i = 0; i < triangleCount; i++) {
      if (triangles[i] < 0 || triangles[i] >= vc) {
        throw new MeshFormatException(MeshFormatException.INDEX_OUT_OF_RANGE,
            source + ": face " + (i / 3) + " references vertex " + triangles[i] + " of " + vc);
      }
    }
  }

  private static int grow(int length) {
    long next = Math.max(16L, (long) length * 2);
    if (next > Integer.MAX_VALUE - 16) {
      next = Integer.MAX_VALUE - 16;
      if (next <= length) {
        throw new MeshFormatException(MeshFormatException.TOO_LARGE, "mesh exceeds the largest array Java can hold");
      }
    }
    return (int) next;
  }

  /** The mesh; {@code keepNormals} false drops normals collected so far. */
  Mesh build(boolean keepNormals) {
    float[] p = Arrays.copyOf(positions, positionCount);
    int[] t = Arrays.copyOf(triangles, triangleCount);
    int faces = faceCount();
    int[] fp = Arrays.copyOf(faceParts, faces);
    // Drop parts without faces and renumber the rest.
    int[] used = new int[parts.size()];
    for (int f = 0; f < faces; f++) {
      used[fp[f]]++;
    }
    int[] remap = new int[parts.size()];
    List<Mesh.Part> kept = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      remap[i] = kept.size();
      if (used[i] > 0) {
        kept.add(parts.get(i));
      }
    }
    for (int f = 0; f < faces; f++) {
      fp[f] = remap[fp[f]];
    }
    float[] n = null;
    if (keepNormals && normals != null) {
      n = Arrays.copyOf(normals, positionCount);
    }
    Mesh mesh = Mesh.of(p, t, n, kept.size() > 1 ? fp : null, kept.isEmpty() ? null : kept);
    return cornerUvs == null ? mesh : mesh.withCornerUvs(Arrays.copyOf(cornerUvs, 2 * triangleCount));
  }
}
