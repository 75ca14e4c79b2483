package dev.rayform.recon.geometry.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.recon.geometry.Mesh;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads binary glTF 2.0 (GLB) with the geometry in the embedded BIN chunk: triangle primitives
 * (mode 4) of the default scene with their node transforms, float POSITION, optional NORMAL,
 * indices of any unsigned type. Each primitive is a part named after its material (or mesh) and
 * coloured by its baseColorFactor. Primitives sharing an accessor under the same transform share
 * vertices. Textures, skins, morph targets and external buffers are not supported.
 */
final class GlbReader {
  static final int MAGIC = 0x46546C67; // "glTF"
  static final int CHUNK_JSON = 0x4E4F534A;
  static final int CHUNK_BIN = 0x004E4942;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String source;
  private final MeshBuilder mesh;
  private JsonNode root;
  private ByteBuffer bin;
  private final Map<String, Integer> vertexBase = new HashMap<>();
  private boolean allNormals = true;

  private GlbReader(String source) {
    this.source = source;
    this.mesh = new MeshBuilder(source);
  }

  static Mesh read(String source, byte[] data) {
    return new GlbReader(source).parse(data);
  }

  private Mesh parse(byte[] data) {
    if (data.length < 12) {
      throw error(MeshFormatException.TRUNCATED, "shorter than the 12-byte GLB header");
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != MAGIC) {
      throw error(MeshFormatException.MALFORMED, "not a GLB file (bad magic)");
    }
    if (b.getInt(4) != 2) {
      throw error(MeshFormatException.UNSUPPORTED_FORMAT, "glTF version " + b.getInt(4));
    }
    long length = b.getInt(8) & 0xFFFFFFFFL;
    if (length > data.length) {
      throw error(MeshFormatException.TRUNCATED, "header length " + length + " but the file has " + data.length + " bytes");
    }
    int pos = 12;
    while (pos + 8 <= length) {
      long chunkLength = b.getInt(pos) & 0xFFFFFFFFL;
      int type = b.getInt(pos + 4);
      if (pos + 8 + chunkLength > length) {
        throw error(MeshFormatException.TRUNCATED, "chunk at byte " + pos + " runs past the end");
      }
      if (type == CHUNK_JSON && root == null) {
        try {
          root = JSON.readTree(data, pos + 8, (int) chunkLength);
        } catch (IOException e) {
          throw new MeshFormatException(MeshFormatException.MALFORMED, source + ": bad JSON chunk: " + e.getMessage(), e);
        }
      } else if (type == CHUNK_BIN && bin == null) {
        bin = ByteBuffer.wrap(data, pos + 8, (int) chunkLength).slice().order(ByteOrder.LITTLE_ENDIAN);
      }
      pos += 8 + (int) chunkLength;
    }
    if (root == null) {
      throw error(MeshFormatException.MALFORMED, "no JSON chunk");
    }
    JsonNode scenes = root.path("scenes");
    if (scenes.isArray() && scenes.size() > 0) {
      JsonNode scene = scenes.path(root.path("scene").asInt(0));
      for (JsonNode n : scene.path("nodes")) {
        visitNode(n.asInt(), IDENTITY, 0);
      }
    } else {
      for (int m = 0; m < root.path("meshes").size(); m++) {
        readMesh(m, IDENTITY);
      }
    }
    return mesh.build(allNormals && mesh.vertexCount() > 0);
  }

  private static final double[] IDENTITY = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

  private void visitNode(int index, double[] parent, int depth) {
    if (depth > 64) {
      throw error(MeshFormatException.MALFORMED, "node hierarchy deeper than 64 (a cycle?)");
    }
    JsonNode node = root.path("nodes").path(index);
    if (node.isMissingNode()) {
      throw error(MeshFormatException.MALFORMED, "node " + index + " does not exist");
    }
    double[] m = multiply(parent, localMatrix(node));
    if (node.has("mesh")) {
      readMesh(node.get("mesh").asInt(), m);
    }
    for (JsonNode c : node.path("children")) {
      visitNode(c.asInt(), m, depth + 1);
    }
  }

  /** Row-major 4x4 from a node's column-major {@code matrix} or its T*R*S. */
  private static double[] localMatrix(JsonNode node) {
    if (node.has("matrix")) {
      double[] out = new double[16];
      for (int i = 0; i < 16; i++) {
        out[(i % 4) * 4 + i / 4] = node.get("matrix").get(i).asDouble();
      }
      return out;
    }
    JsonNode t = node.path("translation"), r = node.path("rotation"), s = node.path("scale");
    double tx = t.path(0).asDouble(0), ty = t.path(1).asDouble(0), tz = t.path(2).asDouble(0);
    double qx = r.path(0).asDouble(0), qy = r.path(1).asDouble(0), qz = r.path(2).asDouble(0), qw = r.path(3).asDouble(1);
    double sx = s.path(0).asDouble(1), sy = s.path(1).asDouble(1), sz = s.path(2).asDouble(1);
    return new double[] {
        (1 - 2 * (qy * qy + qz * qz)) * sx, 2 * (qx * qy - qz * qw) * sy, 2 * (qx * qz + qy * qw) * sz, tx,
        2 * (qx * qy + qz * qw) * sx, (1 - 2 * (qx * qx + qz * qz)) * sy, 2 * (qy * qz - qx * qw) * sz, ty,
        2 * (qx * qz - qy * qw) * sx, 2 * (qy * qz + qx * qw) * sy, (1 - 2 * (qx * qx + qy * qy)) * sz, tz,
        0, 0, 0, 1};
  }

  private static double[] multiply(double[] a, double[] b) {
    double[] c = new double[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += a[i * 4 + k] * b[k * 4 + j];
        }
        c[i * 4 + j] = s;
      }
    }
    return c;
  }

  private void readMesh(int meshIndex, double[] m) {
    JsonNode meshNode = root.path("meshes").path(meshIndex);
    if (meshNode.isMissingNode()) {
      throw error(MeshFormatException.MALFORMED, "mesh " + meshIndex + " does not exist");
    }
    for (JsonNode prim : meshNode.path("primitives")) {
      if (prim.path("mode").asInt(4) != 4) {
        continue; // points and lines carry no surface
      }
      JsonNode attrs = prim.path("attributes");
      if (!attrs.has("POSITION")) {
        throw error(MeshFormatException.MALFORMED, "primitive without POSITION");
      }
      int posAccessor = attrs.get("POSITION").asInt();
      int normalAccessor = attrs.has("NORMAL") ? attrs.get("NORMAL").asInt() : -1;
      String key = posAccessor + "/" + normalAccessor + "/" + java.util.Arrays.toString(m);
      Integer base = vertexBase.get(key);
      if (base == null) {
        base = addVertices(posAccessor, normalAccessor, m);
        vertexBase.put(key, base);
      }
      int count = accessor(posAccessor).path("count").asInt();
      selectPart(prim, meshNode);
      if (prim.has("indices")) {
        long[] idx = readIndices(prim.get("indices").asInt());
        for (int i = 0; i + 2 < idx.length; i += 3) {
          for (int k = 0; k < 3; k++) {
            if (idx[i + k] >= count) {
              throw error(MeshFormatException.INDEX_OUT_OF_RANGE, "index " + idx[i + k] + " >= vertex count " + count);
            }
          }
          addTriangle(base + (int) idx[i], base + (int) idx[i + 1], base + (int) idx[i + 2], m);
        }
      } else {
        for (int i = 0; i + 2 < count; i += 3) {
          addTriangle(base + i, base + i + 1, base + i + 2, m);
        }
      }
    }
  }

  private void addTriangle(int a, int b, int c, double[] m) {
    double det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
        + m[2] * (m[4] * m[9] - m[5] * m[8]);
    if (det < 0) {
      mesh.addTriangleUnchecked(a, c, b);
    } else {
      mesh.addTriangleUnchecked(a, b, c);
    }
  }

  private void selectPart(JsonNode prim, JsonNode meshNode) {
    String name = meshNode.path("name").asText("mesh");
    float[] color = null;
    if (prim.has("material")) {
      JsonNode mat = root.path("materials").path(prim.get("material").asInt());
      name = mat.path("name").asText(name);
      JsonNode f = mat.path("pbrMetallicRoughness").path("baseColorFactor");
      if (f.isArray() && f.size() >= 3) {
        color = new float[] {(float) f.get(0).asDouble(), (float) f.get(1).asDouble(), (float) f.get(2).asDouble()};
      }
    }
    mesh.usePart(name, color);
  }

  private int addVertices(int posAccessor, int normalAccessor, double[] m) {
    float[] p = readFloats(posAccessor, "VEC3");
    float[] n = normalAccessor >= 0 ? readFloats(normalAccessor, "VEC3") : null;
    if (n != null && n.length != p.length) {
      throw error(MeshFormatException.MALFORMED, "NORMAL and POSITION counts differ");
    }
    allNormals &= n != null;
    int base = mesh.vertexCount();
    boolean identity = java.util.Arrays.equals(m, IDENTITY);
    for (int i = 0; i < p.length; i += 3) {
      if (identity) { // keep values bit-exact (e.g. -0.0)
        int v = mesh.addVertex(p[i], p[i + 1], p[i + 2], "accessor " + posAccessor);
        if (n != null) {
          mesh.setNormal(v, n[i], n[i + 1], n[i + 2]);
        }
        continue;
      }
      double x = p[i], y = p[i + 1], z = p[i + 2];
      int v = mesh.addVertex((float) (m[0] * x + m[1] * y + m[2] * z + m[3]),
          (float) (m[4] * x + m[5] * y + m[6] * z + m[7]),
          (float) (m[8] * x + m[9] * y + m[10] * z + m[11]), "accessor " + posAccessor);
      if (n != null) {
        double nx = m[0] * n[i] + m[1] * n[i + 1] + m[2] * n[i + 2];
        double ny = m[4] * n[i] + m[5] * n[i + 1] + m[6] * n[i + 2];
        double nz = m[8] * n[i] + m[9] * n[i + 1] + m[10] * n[i + 2];
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        double s = len > 0 ? 1 / len : 0;
        mesh.setNormal(v, (float) (nx * s), (float) (ny * s), (float) (nz * s));
      }
    }
    return base;
  }

  private JsonNode accessor(int index) {
    JsonNode a = root.path("accessors").path(index);
    if (a.isMissingNode()) {
      throw error(MeshFormatException.MALFORMED, "accessor " + index + " does not exist");
    }
    return a;
  }

  private float[] readFloats(int index, String type) {
    JsonNode a = accessor(index);
    if (a.path("componentType").asInt() != 5126 || !type.equals(a.path("type").asText())) {
      throw error(MeshFormatException.UNSUPPORTED_FORMAT, "accessor " + index + " is not FLOAT " + type);
    }
    int count = a.path("count").asInt();
    float[] out = new float[checkedCount(a, index, count, 12) * 3];
    View v = view(a, index, 12, count);
    for (int i = 0; i < count; i++) {
      int o = v.offset + i * v.stride;
      out[3 * i] = bin.getFloat(o);
      out[3 * i + 1] = bin.getFloat(o + 4);
      out[3 * i + 2] = bin.getFloat(o + 8);
    }
    return out;
  }

  private long[] readIndices(int index) {
    JsonNode a = accessor(index);
    int ct = a.path("componentType").asInt();
    int size = ct == 5121 ? 1 : ct == 5123 ? 2 : ct == 5125 ? 4 : -1;
    if (size < 0 || !"SCALAR".equals(a.path("type").asText())) {
      throw error(MeshFormatException.MALFORMED, "index accessor " + index + " has component type " + ct);
    }
    int count = a.path("count").asInt();
    long[] out = new long[checkedCount(a, index, count, size)];
    View v = view(a, index, size, count);
    for (int i = 0; i < count; i++) {
      int o = v.offset + i * v.stride;
      out[i] = size == 1 ? bin.get(o) & 0xFF : size == 2 ? bin.getShort(o) & 0xFFFF : bin.getInt(o) & 0xFFFFFFFFL;
    }
    return out;
  }

  private int checkedCount(JsonNode a, int index, int count, int elementSize) {
    if (count < 0 || bin == null || (long) count * elementSize > bin.capacity()) {
      throw error(MeshFormatException.TRUNCATED, "accessor " + index + " needs more data than the BIN chunk holds");
    }
    return count;
  }

  private record View(int offset, int stride) {}

  private View view(JsonNode a, int index, int elementSize, int count) {
    JsonNode bv = root.path("bufferViews").path(a.path("bufferView").asInt(-1));
    if (bv.isMissingNode() || bv.path("buffer").asInt(0) != 0) {
      throw error(MeshFormatException.UNSUPPORTED_FORMAT, "accessor " + index + " has no bufferView in the BIN chunk");
    }
    long offset = bv.path("byteOffset").asLong(0) + a.path("byteOffset").asLong(0);
    int stride = bv.path("byteStride").asInt(elementSize);
    long end = count == 0 ? offset : offset + (long) (count - 1) * stride + elementSize;
    long viewEnd = bv.path("byteOffset").asLong(0) + bv.path("byteLength").asLong(0);
    if (offset < 0 || end > viewEnd || viewEnd > bin.capacity()) {
      throw error(MeshFormatException.TRUNCATED, "accessor " + index + " runs past its bufferView or the BIN chunk");
    }
    return new View((int) offset, stride);
  }

  private MeshFormatException error(String code, String message) {
    return new MeshFormatException(code, source + ": " + message);
  }
}
