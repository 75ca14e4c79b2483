package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads Wavefront OBJ. Each change of object/group ({@code o}, {@code g}) or material
 * ({@code usemtl}) starts a part; MTL diffuse colours are attached when the library can be
 * opened. Polygons are fan-triangulated; negative indices count back from the last vertex.
 * Per-vertex normals are kept only when every vertex is used with a single {@code vn}. Faces
 * with fewer than 3 vertices (edges some exporters write, even on the last line) are skipped.
 */
final class ObjReader {
  private final String source;
  private final SiblingResolver siblings;
  private final long maxSiblingBytes;
  private final Map<String, float[]> materials = new HashMap<>();
  private final MeshBuilder mesh;
  private float[] vn = new float[48];
  private int vnFloats;
  private int[] normalOf = new int[16]; // vn index per vertex, -1 unset
  private boolean normalsConsistent = true;
  private boolean anyNormals;
  private String group;
  private String material;
  private int[] polygon = new int[8];
  private int[] polygonNormals = new int[8];

  private ObjReader(String source, SiblingResolver siblings, long maxSiblingBytes) {
    this.source = source;
    this.siblings = siblings;
    this.maxSiblingBytes = maxSiblingBytes;
    this.mesh = new MeshBuilder(source);
  }

  static Mesh read(String source, byte[] data, SiblingResolver siblings, long maxSiblingBytes) {
    return new ObjReader(source, siblings, maxSiblingBytes).parse(data);
  }

  private Mesh parse(byte[] data) {
    if (data.length == 0) {
      throw new MeshFormatException(MeshFormatException.TRUNCATED, source + ": empty file");
    }
    TextLines lines = new TextLines(source, data, 0, data.length);
    boolean lastLineTerminated = data[data.length - 1] == '\n' || data[data.length - 1] == '\r';
    while (lines.nextLine()) {
      if (lines.tokenCount() == 0) {
        continue;
      }
      try {
        parseLine(lines);
      } catch (MeshFormatException e) {
        boolean atEnd = lines.position() >= data.length;
        if (atEnd && !lastLineTerminated && e.code().equals(MeshFormatException.MALFORMED)) {
          throw new MeshFormatException(MeshFormatException.TRUNCATED,
              e.getMessage() + " (the last line is incomplete: file truncated?)", e);
        }
        throw e;
      }
    }
    return mesh.build(anyNormals && normalsConsistent);
  }

  private void parseLine(TextLines l) {
    if (l.tokenIs(0, "v")) {
      if (l.tokenCount() < 4) {
        throw l.malformed("a vertex needs 3 coordinates");
      }
      int v = mesh.addVertex(l.floatToken(1), l.floatToken(2), l.floatToken(3), l.where());
      if (v >= normalOf.length) {
        int old = normalOf.length;
        normalOf = Arrays.copyOf(normalOf, old * 2);
        Arrays.fill(normalOf, old, normalOf.length, -1);
      }
      normalOf[v] = -1;
    } else if (l.tokenIs(0, "vn")) {
      if (l.tokenCount() < 4) {
        throw l.malformed("a normal needs 3 components");
      }
      if (vnFloats + 3 > vn.length) {
        vn = Arrays.copyOf(vn, vn.length * 2);
      }
      for (int i = 1; i <= 3; i++) {
        vn[vnFloats++] = l.floatToken(i);
      }
    } else if (l.tokenIs(0, "f")) {
      parseFace(l);
    } else if (l.tokenIs(0, "o") || l.tokenIs(0, "g")) {
      group = l.tokenCount() > 1 ? l.rest(1) : null;
      selectPart();
    } else if (l.tokenIs(0, "usemtl")) {
      material = l.tokenCount() > 1 ? l.rest(1) : null;
      selectPart();
    } else if (l.tokenIs(0, "mtllib") && l.tokenCount() > 1) {
      loadMaterials(l);
    }
    // vt, vp, s, l, p, comments and anything unknown are ignored.
  }

  private void parseFace(TextLines l) {
    int n = l.tokenCount() - 1;
    if (n < 3) {
      return; // exporters do write 2-vertex "faces" (edges); they carry no surface
    }
    if (n > polygon.length) {
      polygon = new int[n];
      polygonNormals = new int[n];
    }
    int vc = mesh.vertexCount();
    int nc = vnFloats / 3;
    for (int i = 0; i < n; i++) {
      String tok = l.token(i + 1);
      int s1 = tok.indexOf('/');
      polygon[i] = absoluteIndex(l, s1 < 0 ? tok : tok.substring(0, s1), vc);
      polygonNormals[i] = -1;
      if (s1 >= 0) {
        int s2 = tok.indexOf('/', s1 + 1);
        if (s2 >= 0 && s2 + 1 < tok.length()) {
          polygonNormals[i] = absoluteIndex(l, tok.substring(s2 + 1), nc);
        }
      }
    }
    mesh.addPolygon(polygon, n, l.where());
    for (int i = 0; i < n; i++) {
      trackNormal(polygon[i], polygonNormals[i]);
    }
  }

  private int absoluteIndex(TextLines l, String tok, int count) {
    int i = l.parseInt(tok);
    if (i == 0) {
      throw l.malformed("index 0 (OBJ indices start at 1)");
    }
    int abs = i > 0 ? i - 1 : count + i;
    if (abs < 0 || abs >= count) {
      throw new MeshFormatException(MeshFormatException.INDEX_OUT_OF_RANGE,
          source + ": " + l.where() + ": index " + i + " out of range (" + count + " defined so far)");
    }
    return abs;
  }

  private void trackNormal(int v, int n) {
    if (n < 0) {
      if (normalOf[v] >= 0) {
        normalsConsistent = false;
      }
      return;
    }
    anyNormals = true;
    if (normalOf[v] == -1) {
      normalOf[v] = n;
      mesh.setNormal(v, vn[3 * n], vn[3 * n + 1], vn[3 * n + 2]);
    } else if (normalOf[v] != n
        && !(vn[3 * n] == vn[3 * normalOf[v]] && vn[3 * n + 1] == vn[3 * normalOf[v] + 1]
            && vn[3 * n + 2] == vn[3 * normalOf[v] + 2])) {
      normalsConsistent = false;
    }
  }

  private void selectPart() {
    String name;
    if (group != null && material != null) {
      name = group.equals(material) ? group : group + "/" + material;
    } else if (group != null) {
      name = group;
    } else if (material != null) {
      name = material;
    } else {
      name = "mesh";
    }
    mesh.usePart(name, material == null ? null : materials.get(material));
  }

  private void loadMaterials(TextLines l) {
    String whole = l.rest(1);
    if (!tryLoad(whole)) {
      for (int i = 1; i < l.tokenCount(); i++) {
        tryLoad(l.token(i));
      }
    }
  }

  private boolean tryLoad(String name) {
    try (InputStream in = siblings.open(name)) {
      if (in == null) {
        return false;
      }
      byte[] bytes = Streams.readBounded(in, maxSiblingBytes, name);
      MtlReader.readDiffuse(name, bytes).forEach(materials::putIfAbsent);
      return true;
    } catch (IOException e) {
      return false; // a missing or unreadable MTL only loses colours
    }
  }
}
