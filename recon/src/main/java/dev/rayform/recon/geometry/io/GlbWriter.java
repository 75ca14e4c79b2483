package dev.rayform.recon.geometry.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.recon.geometry.Mesh;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes binary glTF 2.0 (GLB): one mesh whose primitives (one per non-empty part) share a
 * POSITION and a NORMAL accessor and each have UNSIGNED_INT indices and a material with the
 * part's colour as baseColorFactor (light grey when uncoloured). A textured mesh adds a TEXCOORD_0
 * accessor and its texture as an embedded JPEG, the baseColorTexture of every material. Vertex
 * normals are computed when the mesh has none.
 */
public final class GlbWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final float[] DEFAULT_COLOR = {0.8f, 0.8f, 0.8f};
  private static final int ARRAY_BUFFER = 34962;
  private static final int ELEMENT_ARRAY_BUFFER = 34963;
  private static final int FLOAT = 5126;
  private static final int UNSIGNED_INT = 5125;

  private GlbWriter() {}

  public static void write(Mesh mesh, OutputStream out) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("asset").put("version", "2.0").put("generator", "rayform");
    root.put("scene", 0);
    ObjectNode scene = root.putArray("scenes").addObject();
    byte[] bin = new byte[0];
    if (!mesh.isEmpty()) {
      // glTF arrays have minItems 1: an empty mesh is a scene without a nodes array, not an empty one.
      scene.putArray("nodes").add(0);
      root.putArray("nodes").addObject().put("mesh", 0).put("name", "mesh");
      bin = geometry(mesh, root);
    }
    byte[] json = JSON.writeValueAsBytes(root);
    int jsonPadded = pad4(json.length);
    int binPadded = pad4(bin.length);
    long total = 12L + 8 + jsonPadded + (bin.length > 0 ? 8 + binPadded : 0);
    if (total > 0xFFFFFFFFL) {
      throw new MeshFormatException(MeshFormatException.TOO_LARGE, "mesh too large for GLB (" + total + " bytes)");
    }
    ByteBuffer head = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(GlbReader.MAGIC).putInt(2).putInt((int) total).putInt(jsonPadded).putInt(GlbReader.CHUNK_JSON);
    out.write(head.array());
    out.write(json);
    for (int i = json.length; i < jsonPadded; i++) {
      out.write(' ');
    }
    if (bin.length > 0) {
      ByteBuffer binHead = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      binHead.putInt(binPadded).putInt(GlbReader.CHUNK_BIN);
      out.write(binHead.array());
      out.write(bin);
      out.write(new byte[binPadded - bin.length]);
    }
  }

  private static int pad4(int n) {
    return (n + 3) & ~3;
  }

  /** Fills buffers, bufferViews, accessors, materials and meshes; returns the BIN chunk body. */
  private static byte[] geometry(Mesh mesh, ObjectNode root) {
    float[] pos = mesh.positions();
    float[] nrm = (mesh.hasNormals() ? mesh : mesh.withVertexNormals()).normals();
    int[][] faces = PartFaces.of(mesh);
    long indexBytes = 0;
    for (int[] f : faces) {
      indexBytes += 4L * f.length;
    }
    byte[] image = mesh.hasTexture() ? mesh.texture().jpeg() : null;
    long size = 8L * pos.length + indexBytes + (image != null ? 8L * mesh.vertexCount() + pad4(image.length) : 0);
    if (size > Integer.MAX_VALUE - 64) {
      throw new MeshFormatException(MeshFormatException.TOO_LARGE, "mesh too large for GLB (" + size + " bytes)");
    }
    ByteBuffer bin = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    ArrayNode views = root.putArray("bufferViews");
    ArrayNode accessors = root.putArray("accessors");

    float[] min = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
    float[] max = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int i = 0; i < pos.length; i++) {
      bin.putFloat(pos[i]);
      min[i % 3] = Math.min(min[i % 3], pos[i]);
      max[i % 3] = Math.max(max[i % 3], pos[i]);
    }
    addView(views, 0, 4 * pos.length, ARRAY_BUFFER);
    ObjectNode position = addAccessor(accessors, 0, FLOAT, mesh.vertexCount(), "VEC3");
    ArrayNode minNode = position.putArray("min");
    ArrayNode maxNode = position.putArray("max");
    for (int a = 0; a < 3; a++) {
      minNode.add((double) min[a]); // the exact float value, so min/max equal the data
      maxNode.add((double) max[a]);
    }

    int normalOffset = bin.position();
    for (int v = 0; v < mesh.vertexCount(); v++) {
      double x = nrm[3 * v], y = nrm[3 * v + 1], z = nrm[3 * v + 2];
      double len = Math.sqrt(x * x + y * y + z * z);
      if (!(len > 1e-12) || !Double.isFinite(len)) {
        bin.putFloat(0).putFloat(1).putFloat(0); // glTF requires unit normals; pick up for isolated vertices
      } else {
        bin.putFloat((float) (x / len)).putFloat((float) (y / len)).putFloat((float) (z / len));
      }
    }
    addView(views, normalOffset, 4 * pos.length, ARRAY_BUFFER);
    addAccessor(accessors, 1, FLOAT, mesh.vertexCount(), "VEC3");
    int texcoord = -1;
    if (image != null) {
      int uvOffset = bin.position();
      for (float c : mesh.uvs()) {
        bin.putFloat(c);
      }
      addView(views, uvOffset, 8 * mesh.vertexCount(), ARRAY_BUFFER);
      texcoord = accessors.size();
      addAccessor(accessors, views.size() - 1, FLOAT, mesh.vertexCount(), "VEC2");
      int imageOffset = bin.position();
      bin.put(image);
      bin.position(imageOffset + pad4(image.length));
      views.addObject().put("buffer", 0).put("byteOffset", imageOffset).put("byteLength", image.length);
      root.putArray("images").addObject().put("bufferView", views.size() - 1).put("mimeType", "image/jpeg");
      // Linear filtering with mipmaps, clamped: the photo's texels blend smoothly at any distance.
      root.putArray("samplers").addObject().put("magFilter", 9729).put("minFilter", 9987)
          .put("wrapS", 33071).put("wrapT", 33071);
      root.putArray("textures").addObject().put("sampler", 0).put("source", 0);
    }

    ArrayNode materials = root.putArray("materials");
    ArrayNode primitives = root.putArray("meshes").addObject().put("name", "mesh").putArray("primitives");
    List<Mesh.Part> parts = mesh.parts();
    List<String> names = new ArrayList<>(List.of(ObjWriter.uniqueNames(parts)));
    for (int p = 0; p < parts.size(); p++) {
      int[] t = faces[p];
      if (t.length == 0) {
        continue;
      }
      int offset = bin.position();
      int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
      for (int v : t) {
        bin.putInt(v);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      int view = addView(views, offset, 4 * t.length, ELEMENT_ARRAY_BUFFER);
      ObjectNode idx = addAccessor(accessors, view, UNSIGNED_INT, t.length, "SCALAR");
      idx.putArray("min").add(lo);
      idx.putArray("max").add(hi);

      Mesh.Part part = parts.get(p);
      float[] c = part.color() == null ? DEFAULT_COLOR : part.color();
      ObjectNode mat = materials.addObject().put("name", part.name().isEmpty() ? names.get(p) : part.name());
      ObjectNode pbr = mat.putObject("pbrMetallicRoughness");
      if (image != null) {
        pbr.putObject("baseColorTexture").put("index", 0).put("texCoord", 0);
      } else {
        pbr.putArray("baseColorFactor").add(c[0]).add(c[1]).add(c[2]).add(1.0f);
      }
      pbr.put("metallicFactor", 0.0).put("roughnessFactor", 0.8);

      ObjectNode prim = primitives.addObject();
      ObjectNode attributes = prim.putObject("attributes").put("POSITION", 0).put("NORMAL", 1);
      if (texcoord >= 0) {
        attributes.put("TEXCOORD_0", texcoord);
      }
      prim.put("indices", accessors.size() - 1).put("material", materials.size() - 1).put("mode", 4);
    }
    root.putArray("buffers").addObject().put("byteLength", bin.position());
    return bin.array();
  }

  private static int addView(ArrayNode views, int offset, int length, int target) {
    views.addObject().put("buffer", 0).put("byteOffset", offset).put("byteLength", length).put("target", target);
    return views.size() - 1;
  }

  private static ObjectNode addAccessor(ArrayNode accessors, int view, int componentType, int count, String type) {
    return accessors.addObject().put("bufferView", view).put("byteOffset", 0)
        .put("componentType", componentType).put("count", count).put("type", type);
  }
}
