package dev.rayform.recon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A structural GLB check written from the glTF 2.0 specification (sections 4.4 GLB, 5 schema,
 * 3.6-3.7 buffers, views and accessors), independent of the reader and the writer.
 */
public final class GlbValidator {
  private static final int MAGIC = 0x46546C67;
  private static final int JSON_CHUNK = 0x4E4F534A;
  private static final int BIN_CHUNK = 0x004E4942;
  private static final Map<Integer, Integer> COMPONENT_SIZE = Map.of(5120, 1, 5121, 1, 5122, 2, 5123, 2, 5125, 4, 5126, 4);
  private static final Map<String, Integer> COMPONENTS = Map.of(
      "SCALAR", 1, "VEC2", 2, "VEC3", 3, "VEC4", 4, "MAT2", 4, "MAT3", 9, "MAT4", 16);
  private static final Set<Integer> INDEX_TYPES = Set.of(5121, 5123, 5125);
  private static final List<String> TOP_LEVEL_ARRAYS = List.of(
      "accessors", "animations", "buffers", "bufferViews", "cameras", "images", "materials", "meshes", "nodes",
      "samplers", "scenes", "skins", "textures", "extensionsUsed", "extensionsRequired");

  private GlbValidator() {}

  public static JsonNode validate(byte[] glb) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(glb.length).as("header and JSON chunk header").isGreaterThanOrEqualTo(20);
    assertThat(glb.length % 4).as("file length multiple of 4").isZero();
    assertThat(b.getInt(0)).as("magic glTF").isEqualTo(MAGIC);
    assertThat(b.getInt(4)).as("version").isEqualTo(2);
    assertThat(b.getInt(8) & 0xFFFFFFFFL).as("header length equals the file size").isEqualTo(glb.length);

    int jsonLen = b.getInt(12);
    assertThat(b.getInt(16)).as("first chunk is JSON").isEqualTo(JSON_CHUNK);
    assertThat(jsonLen % 4).as("JSON chunk padded to 4").isZero();
    assertThat(20L + jsonLen).as("JSON chunk within the file").isLessThanOrEqualTo(glb.length);
    assertThat(glb[20]).as("JSON starts with '{' (no BOM)").isEqualTo((byte) '{');
    int jsonEnd = 20 + jsonLen;
    while (jsonEnd > 20 && glb[jsonEnd - 1] == ' ') {
      jsonEnd--;
    }
    assertThat(glb[jsonEnd - 1]).as("JSON padded with spaces only").isEqualTo((byte) '}');
    assertThat(20 + jsonLen - jsonEnd).as("at most 3 padding spaces").isLessThan(4);
    JsonNode root = new ObjectMapper().readTree(new String(glb, 20, jsonEnd - 20, StandardCharsets.UTF_8));
    assertThat(root.path("asset").path("version").asText()).as("asset.version").isEqualTo("2.0");

    int pos = 20 + jsonLen;
    ByteBuffer bin = null;
    if (pos < glb.length) {
      int binLen = b.getInt(pos);
      assertThat(b.getInt(pos + 4)).as("second chunk is BIN").isEqualTo(BIN_CHUNK);
      assertThat(binLen % 4).as("BIN chunk padded to 4").isZero();
      assertThat(pos + 8L + binLen).as("BIN chunk ends the file").isEqualTo(glb.length);
      bin = ByteBuffer.wrap(glb, pos + 8, binLen).slice().order(ByteOrder.LITTLE_ENDIAN);
      assertThat(root.path("buffers")).as("one buffer, the BIN chunk").hasSize(1);
      JsonNode buffer = root.path("buffers").path(0);
      assertThat(buffer.has("uri")).as("the GLB buffer has no uri").isFalse();
      long declared = buffer.path("byteLength").asLong();
      assertThat(declared).as("buffer.byteLength fits the chunk").isLessThanOrEqualTo(binLen).isGreaterThan(binLen - 4L);
      for (long i = declared; i < binLen; i++) {
        assertThat(bin.get((int) i)).as("BIN padded with zeros").isZero();
      }
    } else {
      assertThat(root.has("buffers")).as("no BIN chunk, no buffer").isFalse();
    }

    for (String array : TOP_LEVEL_ARRAYS) {
      if (root.has(array)) {
        assertThat(root.get(array).isArray() && root.get(array).size() > 0).as(array + " is a non-empty array").isTrue();
      }
    }
    checkScenes(root);

    for (JsonNode v : root.path("bufferViews")) {
      long off = v.path("byteOffset").asLong(0), len = v.path("byteLength").asLong();
      assertThat(v.path("buffer").asInt(-1)).as("bufferView.buffer").isZero();
      assertThat(len).as("bufferView.byteLength >= 1").isPositive();
      assertThat(off).isNotNegative();
      assertThat(bin).as("a bufferView needs the BIN chunk").isNotNull();
      assertThat(off + len).as("bufferView within the buffer").isLessThanOrEqualTo(root.path("buffers").path(0).path("byteLength").asLong());
      if (v.has("target")) {
        assertThat(v.get("target").asInt()).isIn(34962, 34963);
      }
      if (v.has("byteStride")) {
        assertThat(v.get("byteStride").asInt()).as("byteStride").isBetween(4, 252);
        assertThat(v.get("byteStride").asInt() % 4).isZero();
      }
    }
    for (JsonNode a : root.path("accessors")) {
      checkAccessor(root, a, bin);
    }
    for (JsonNode mesh : root.path("meshes")) {
      assertThat(mesh.path("primitives").size()).as("a mesh has primitives").isPositive();
      for (JsonNode prim : mesh.path("primitives")) {
        checkPrimitive(root, prim, bin);
      }
    }
    for (JsonNode mat : root.path("materials")) {
      JsonNode pbr = mat.path("pbrMetallicRoughness");
      if (pbr.has("baseColorFactor")) {
        assertThat(pbr.get("baseColorFactor")).hasSize(4);
        pbr.get("baseColorFactor").forEach(c -> assertThat(c.asDouble()).isBetween(0.0, 1.0));
      }
      assertThat(pbr.path("metallicFactor").asDouble(1)).isBetween(0.0, 1.0);
      assertThat(pbr.path("roughnessFactor").asDouble(1)).isBetween(0.0, 1.0);
      for (JsonNode info : List.of(pbr.path("baseColorTexture"), pbr.path("metallicRoughnessTexture"), mat.path("normalTexture"),
          mat.path("occlusionTexture"), mat.path("emissiveTexture"))) {
        if (!info.isMissingNode()) {
          assertThat(info.path("index").asInt(-1)).as("textureInfo.index").isBetween(0, root.path("textures").size() - 1);
          assertThat(info.path("texCoord").asInt(0)).as("textureInfo.texCoord").isNotNegative();
        }
      }
    }
    checkTextures(root, bin);
    return root;
  }

  /** Textures, samplers and images (glTF 2.0 section 3.8): indices in range, enums from the spec, embedded images whole. */
  private static void checkTextures(JsonNode root, ByteBuffer bin) {
    for (JsonNode t : root.path("textures")) {
      if (t.has("source")) {
        assertThat(t.get("source").asInt()).as("texture.source").isBetween(0, root.path("images").size() - 1);
      }
      if (t.has("sampler")) {
        assertThat(t.get("sampler").asInt()).as("texture.sampler").isBetween(0, root.path("samplers").size() - 1);
      }
    }
    for (JsonNode sampler : root.path("samplers")) {
      if (sampler.has("magFilter")) {
        assertThat(sampler.get("magFilter").asInt()).as("sampler.magFilter").isIn(9728, 9729);
      }
      if (sampler.has("minFilter")) {
        assertThat(sampler.get("minFilter").asInt()).as("sampler.minFilter").isIn(9728, 9729, 9984, 9985, 9986, 9987);
      }
      assertThat(sampler.path("wrapS").asInt(10497)).as("sampler.wrapS").isIn(33071, 33648, 10497);
      assertThat(sampler.path("wrapT").asInt(10497)).as("sampler.wrapT").isIn(33071, 33648, 10497);
    }
    for (JsonNode image : root.path("images")) {
      assertThat(image.has("uri") ^ image.has("bufferView")).as("image has a uri or a bufferView, not both").isTrue();
      if (!image.has("bufferView")) {
        continue;
      }
      String mime = image.path("mimeType").asText();
      assertThat(mime).as("an image in a bufferView names its mimeType").isIn("image/jpeg", "image/png");
      JsonNode view = root.path("bufferViews").path(image.get("bufferView").asInt());
      assertThat(view.isMissingNode()).as("image.bufferView").isFalse();
      assertThat(view.has("byteStride") || view.has("target")).as("an image's bufferView has no stride or target").isFalse();
      int at = (int) view.path("byteOffset").asLong(0);
      byte[] head = new byte[4];
      for (int i = 0; i < 4; i++) {
        head[i] = bin.get(at + i);
      }
      if (mime.equals("image/jpeg")) {
        assertThat(head[0] == (byte) 0xFF && head[1] == (byte) 0xD8 && head[2] == (byte) 0xFF).as("JPEG signature").isTrue();
        int len = (int) view.path("byteLength").asLong();
        assertThat(bin.get(at + len - 2) == (byte) 0xFF && bin.get(at + len - 1) == (byte) 0xD9).as("JPEG ends in its view").isTrue();
      } else {
        assertThat(head).as("PNG signature").containsExactly((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
      }
    }
  }

  private static void checkScenes(JsonNode root) {
    if (root.has("scene")) {
      assertThat(root.get("scene").asInt()).as("scene index").isBetween(0, root.path("scenes").size() - 1);
    }
    for (JsonNode scene : root.path("scenes")) {
      if (scene.has("nodes")) {
        assertThat(scene.get("nodes").size()).as("scene.nodes minItems 1").isPositive();
        scene.get("nodes").forEach(n -> assertThat(n.asInt()).isBetween(0, root.path("nodes").size() - 1));
      }
    }
    for (JsonNode node : root.path("nodes")) {
      if (node.has("mesh")) {
        assertThat(node.get("mesh").asInt()).as("node.mesh").isBetween(0, root.path("meshes").size() - 1);
      }
    }
  }

  private static void checkAccessor(JsonNode root, JsonNode a, ByteBuffer bin) {
    int ct = a.path("componentType").asInt();
    assertThat(COMPONENT_SIZE).as("componentType").containsKey(ct);
    assertThat(COMPONENTS).as("accessor.type").containsKey(a.path("type").asText());
    int comps = COMPONENTS.get(a.path("type").asText());
    int size = COMPONENT_SIZE.get(ct);
    long count = a.path("count").asLong();
    assertThat(count).as("accessor.count >= 1").isPositive();
    int viewIndex = a.path("bufferView").asInt(-1);
    assertThat(viewIndex).as("accessor.bufferView").isBetween(0, root.path("bufferViews").size() - 1);
    JsonNode v = root.path("bufferViews").get(viewIndex);
    long accOff = a.path("byteOffset").asLong(0);
    long off = v.path("byteOffset").asLong(0) + accOff;
    assertThat(accOff % size).as("accessor.byteOffset aligned to its component").isZero();
    assertThat(off % size).as("accessor offset in the buffer aligned to its component").isZero();
    long element = (long) comps * size;
    long stride = v.path("byteStride").asLong(element);
    assertThat(accOff + stride * (count - 1) + element).as("accessor fits its bufferView").isLessThanOrEqualTo(v.path("byteLength").asLong());
    if (a.has("min") || a.has("max")) {
      assertThat(a.path("min")).hasSize(comps);
      assertThat(a.path("max")).hasSize(comps);
      double[] min = new double[comps], max = new double[comps];
      java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (long i = 0; i < count; i++) {
        for (int c = 0; c < comps; c++) {
          double x = component(bin, (int) (off + i * stride + (long) c * size), ct);
          min[c] = Math.min(min[c], x);
          max[c] = Math.max(max[c], x);
        }
      }
      for (int c = 0; c < comps; c++) {
        assertThat(a.path("min").path(c).asDouble()).as("accessor min equals the data").isEqualTo(min[c]);
        assertThat(a.path("max").path(c).asDouble()).as("accessor max equals the data").isEqualTo(max[c]);
      }
    }
  }

  private static void checkPrimitive(JsonNode root, JsonNode prim, ByteBuffer bin) {
    JsonNode accessors = root.path("accessors");
    int mode = prim.path("mode").asInt(4);
    assertThat(mode).as("primitive.mode").isBetween(0, 6);
    JsonNode attributes = prim.path("attributes");
    assertThat(attributes.has("POSITION")).as("POSITION attribute").isTrue();
    JsonNode position = accessors.path(attributes.path("POSITION").asInt());
    assertThat(position.path("type").asText()).isEqualTo("VEC3");
    assertThat(position.path("componentType").asInt()).isEqualTo(5126);
    assertThat(position.has("min") && position.has("max")).as("POSITION has min and max").isTrue();
    long vertices = position.path("count").asLong();
    attributes.fields().forEachRemaining(e -> {
      assertThat(e.getValue().asInt()).as(e.getKey()).isBetween(0, accessors.size() - 1);
      assertThat(accessors.get(e.getValue().asInt()).path("count").asLong()).as(e.getKey() + " count equals POSITION's").isEqualTo(vertices);
    });
    if (attributes.has("NORMAL")) {
      JsonNode normal = accessors.path(attributes.path("NORMAL").asInt());
      assertThat(normal.path("type").asText()).isEqualTo("VEC3");
      assertThat(normal.path("componentType").asInt()).isEqualTo(5126);
      long off = offsetOf(root, normal);
      for (long i = 0; i < vertices; i++) {
        double x = bin.getFloat((int) (off + 12 * i)), y = bin.getFloat((int) (off + 12 * i + 4)), z = bin.getFloat((int) (off + 12 * i + 8));
        assertThat(Math.abs(Math.sqrt(x * x + y * y + z * z) - 1)).as("NORMAL of unit length").isLessThan(5e-4);
      }
    }
    if (prim.has("indices")) {
      JsonNode idx = accessors.path(prim.path("indices").asInt());
      assertThat(idx.path("type").asText()).isEqualTo("SCALAR");
      assertThat(INDEX_TYPES).as("index componentType").contains(idx.path("componentType").asInt());
      JsonNode view = root.path("bufferViews").path(idx.path("bufferView").asInt());
      assertThat(view.has("byteStride")).as("index bufferView has no byteStride").isFalse();
      if (view.has("target")) {
        assertThat(view.get("target").asInt()).isEqualTo(34963);
      }
      if (mode == 4) {
        assertThat(idx.path("count").asLong() % 3).as("TRIANGLES take indices in threes").isZero();
      }
      int ct = idx.path("componentType").asInt();
      int size = COMPONENT_SIZE.get(ct);
      long restart = (1L << (8 * size)) - 1;
      long off = offsetOf(root, idx);
      for (long i = 0; i < idx.path("count").asLong(); i++) {
        long vi = (long) component(bin, (int) (off + size * i), ct);
        assertThat(vi).as("index within POSITION's count").isLessThan(vertices);
        assertThat(vi).as("no primitive restart value").isNotEqualTo(restart);
      }
    }
    attributes.fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("TEXCOORD_")) {
        JsonNode uv = accessors.path(e.getValue().asInt());
        assertThat(uv.path("type").asText()).as(e.getKey() + " type").isEqualTo("VEC2");
        int ct = uv.path("componentType").asInt();
        assertThat(ct == 5126 || (ct == 5121 || ct == 5123) && uv.path("normalized").asBoolean())
            .as(e.getKey() + ": float, or normalized unsigned byte or short").isTrue();
      }
    });
    if (prim.has("material")) {
      assertThat(prim.get("material").asInt()).as("primitive.material").isBetween(0, root.path("materials").size() - 1);
      JsonNode base = root.path("materials").path(prim.get("material").asInt()).path("pbrMetallicRoughness").path("baseColorTexture");
      if (!base.isMissingNode()) {
        assertThat(attributes.has("TEXCOORD_" + base.path("texCoord").asInt(0))).as("the base colour texture's coordinates").isTrue();
      }
    }
  }

  private static long offsetOf(JsonNode root, JsonNode accessor) {
    JsonNode v = root.path("bufferViews").path(accessor.path("bufferView").asInt());
    return v.path("byteOffset").asLong(0) + accessor.path("byteOffset").asLong(0);
  }

  private static double component(ByteBuffer bin, int at, int componentType) {
    return switch (componentType) {
      case 5126 -> bin.getFloat(at);
      case 5125 -> bin.getInt(at) & 0xFFFFFFFFL;
      case 5123 -> bin.getShort(at) & 0xFFFF;
      case 5122 -> bin.getShort(at);
      case 5121 -> bin.get(at) & 0xFF;
      default -> bin.get(at);
    };
  }
}
