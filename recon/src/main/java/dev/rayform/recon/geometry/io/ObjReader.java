package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Texture;
import dev.rayform.recon.image.ImageException;
import dev.rayform.recon.image.ImageLimits;
import dev.rayform.recon.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Wavefront OBJ. Each change of object/group ({@code o}, {@code g}) or material
 * ({@code usemtl}) starts a part; MTL diffuse colours and maps ({@code map_Kd}, decoded, and read at
 * the faces' {@code vt} coordinates) are attached when the library and the images can be opened.
 * Polygons are fan-triangulated; negative indices count back from the last vertex.
 * Per-vertex normals are kept only when every vertex is used with a single {@code vn}. Faces
 * with fewer than 3 vertices (edges some exporters write, even on the last line) are skipped.
 */
final class ObjReader {
  /** Material maps are kept at most this many pixels on a side (box-filtered down): they colour renders. */
  static final int MAX_MAP_SIDE = 1024;
  /**
   * Distinct maps an OBJ may name (each at most 4 MiB once reduced), so a hostile library cannot fill
   * the heap; parts naming more keep their colours.
   */
  static final int MAX_MAPS = 64;
  /** Photo limits, except that a map may be as small as one pixel (a swatch of colour). */
  private static final ImageLoader MAP_LOADER = new ImageLoader(new ImageLimits(1, ImageLimits.DEFAULT.maxSide(),
      ImageLimits.DEFAULT.maxPixels(), ImageLimits.DEFAULT.maxBytes()));

  private final String source;
  private final SiblingResolver siblings;
  private final long maxSiblingBytes;
  private final Map<String, MtlReader.Material> materials = new HashMap<>();
  private final Map<String, Optional<Texture>> maps = new HashMap<>();
  private final MeshBuilder mesh;
  private float[] vn = new float[48];
  private int vnFloats;
  private float[] vt = new float[32];
  private int vtFloats;
  private int[] normalOf = new int[16]; // vn index per vertex, -1 unset
  private boolean normalsConsistent = true;
  private boolean anyNormals;
  private String group;
  private String material;
  private int[] polygon = new int[8];
  private int[] polygonNormals = new int[8];
  private float[] polygonUvs = new float[16];

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
    } else if (l.tokenIs(0, "vt")) {
      if (vtFloats + 2 > vt.length) {
        vt = Arrays.copyOf(vt, vt.length * 2);
      }
      // A broken coordinate only misplaces a texture: it reads as 0 and keeps the numbering.
      vt[vtFloats++] = coordinate(l, 1);
      vt[vtFloats++] = coordinate(l, 2);
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
    // vp, s, l, p, comments and anything unknown are ignored.
  }

  private void parseFace(TextLines l) {
    int n = l.tokenCount() - 1;
    if (n < 3) {
      return; // exporters do write 2-vertex "faces" (edges); they carry no surface
    }
    if (n > polygon.length) {
      polygon = new int[n];
      polygonNormals = new int[n];
      polygonUvs = new float[2 * n];
    }
    int vc = mesh.vertexCount();
    int nc = vnFloats / 3;
    int tc = vtFloats / 2;
    boolean allUvs = true;
    for (int i = 0; i < n; i++) {
      String tok = l.token(i + 1);
      int s1 = tok.indexOf('/');
      polygon[i] = absoluteIndex(l, s1 < 0 ? tok : tok.substring(0, s1), vc);
      polygonNormals[i] = -1;
      int s2 = s1 < 0 ? -1 : tok.indexOf('/', s1 + 1);
      int t = s1 >= 0 && (s2 < 0 ? tok.length() : s2) > s1 + 1
          ? uvIndex(l, tok.substring(s1 + 1, s2 < 0 ? tok.length() : s2), tc) : -1;
      if (t >= 0) {
        polygonUvs[2 * i] = vt[2 * t];
        polygonUvs[2 * i + 1] = vt[2 * t + 1];
      } else {
        allUvs = false;
      }
      if (s2 >= 0 && s2 + 1 < tok.length()) {
        polygonNormals[i] = absoluteIndex(l, tok.substring(s2 + 1), nc);
      }
    }
    if (allUvs) {
      mesh.addPolygon(polygon, n, l.where(), polygonUvs);
    } else {
      mesh.addPolygon(polygon, n, l.where());
    }
    for (int i = 0; i < n; i++) {
      trackNormal(polygon[i], polygonNormals[i]);
    }
  }

  private static float coordinate(TextLines l, int token) {
    if (token >= l.tokenCount()) {
      return 0f;
    }
    try {
      float c = l.floatToken(token);
      return Float.isFinite(c) ? c : 0f;
    } catch (MeshFormatException e) {
      return 0f;
    }
  }

  /**
   * A texture coordinate's 0-based index, or -1 when it is broken or out of range: exporters do write
   * those, and they cost only the face's texture, not the mesh.
   */
  private static int uvIndex(TextLines l, String tok, int count) {
    try {
      int i = l.parseInt(tok);
      int abs = i > 0 ? i - 1 : count + i;
      return i != 0 && abs >= 0 && abs < count ? abs : -1;
    } catch (MeshFormatException e) {
      return -1;
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
    MtlReader.Material m = material == null ? null : materials.get(material);
    mesh.usePart(name, m == null ? null : m.diffuse(), m == null || m.diffuseMap() == null ? null : map(m.diffuseMap()));
  }

  /**
   * The decoded material map, found by its name or, for the absolute paths some exporters write, by
   * its file name beside the OBJ; null when it is missing or cannot be decoded (the part keeps its colour).
   */
  private Texture map(String name) {
    return maps.computeIfAbsent(name, n -> {
      if (maps.size() >= MAX_MAPS) {
        return Optional.empty();
      }
      String base = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
      for (String candidate : base.equals(n) ? List.of(n) : List.of(n, base)) {
        try (InputStream in = siblings.open(candidate)) {
          if (in != null) {
            BufferedImage image = MAP_LOADER.read(candidate, Streams.readBounded(in, maxSiblingBytes, candidate));
            return Optional.of(Texture.of(image, MAX_MAP_SIDE));
          }
        } catch (IOException | ImageException e) {
          return Optional.empty(); // an unreadable map only loses the texture
        }
      }
      return Optional.empty();
    }).orElse(null);
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
      MtlReader.read(name, bytes).forEach(materials::putIfAbsent);
      return true;
    } catch (IOException e) {
      return false; // a missing or unreadable MTL only loses colours
    }
  }
}
