package dev.rayform.recon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A structural GLB check written from the glTF 2.0 spec, independent of the reader. */
final class GlbValidator {
  private GlbValidator() {}

  static JsonNode validate(byte[] glb) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(glb.length).as("file length multiple of 4").isGreaterThanOrEqualTo(20);
    assertThat(glb.length % 4).isZero();
    assertThat(b.getInt(0)).as("magic glTF").isEqualTo(0x46546C67);
    assertThat(b.getInt(4)).as("version").isEqualTo(2);
    assertThat(b.getInt(8)).as("header length").isEqualTo(glb.length);
    int jsonLen = b.getInt(12);
    assertThat(b.getInt(16)).as("first chunk is JSON").isEqualTo(0x4E4F534A);
    assertThat(jsonLen % 4).as("JSON chunk padded").isZero();
    String jsonText = new String(glb, 20, jsonLen, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(jsonText).as("padding is spaces").doesNotContain("\0");
    JsonNode root = new ObjectMapper().readTree(jsonText);
    assertThat(root.path("asset").path("version").asText()).isEqualTo("2.0");
    int pos = 20 + jsonLen;
    ByteBuffer bin = null;
    if (pos < glb.length) {
      int binLen = b.getInt(pos);
      assertThat(b.getInt(pos + 4)).as("second chunk is BIN").isEqualTo(0x004E4942);
      assertThat(binLen % 4).as("BIN chunk padded").isZero();
      assertThat(pos + 8 + binLen).as("BIN chunk ends the file").isEqualTo(glb.length);
      bin = ByteBuffer.wrap(glb, pos + 8, binLen).slice().order(ByteOrder.LITTLE_ENDIAN);
      long declared = root.path("buffers").path(0).path("byteLength").asLong();
      assertThat(declared).isLessThanOrEqualTo(binLen).isGreaterThan(binLen - 4);
    }
    for (JsonNode v : root.path("bufferViews")) {
      long off = v.path("byteOffset").asLong(0), len = v.path("byteLength").asLong();
      assertThat(off % 4).as("bufferView aligned").isZero();
      assertThat(bin).isNotNull();
      assertThat(off + len).as("bufferView within BIN").isLessThanOrEqualTo(bin.capacity());
    }
    for (JsonNode a : root.path("accessors")) {
      JsonNode v = root.path("bufferViews").path(a.path("bufferView").asInt());
      int comps = switch (a.path("type").asText()) {
        case "SCALAR" -> 1;
        case "VEC3" -> 3;
        default -> throw new AssertionError("unexpected type " + a.path("type"));
      };
      int ct = a.path("componentType").asInt();
      int size = ct == 5126 || ct == 5125 ? 4 : ct == 5123 ? 2 : 1;
      long off = v.path("byteOffset").asLong(0) + a.path("byteOffset").asLong(0);
      long count = a.path("count").asLong();
      assertThat(count).isPositive();
      assertThat(off % size).as("accessor aligned").isZero();
      assertThat(a.path("byteOffset").asLong(0) + count * comps * size).isLessThanOrEqualTo(v.path("byteLength").asLong());
      if (a.has("min") || a.has("max")) {
        double[] min = new double[comps], max = new double[comps];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (long i = 0; i < count; i++) {
          for (int c = 0; c < comps; c++) {
            int o = (int) (off + (i * comps + c) * size);
            double x = ct == 5126 ? bin.getFloat(o) : ct == 5125 ? bin.getInt(o) & 0xFFFFFFFFL : bin.getShort(o) & 0xFFFF;
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
    for (JsonNode mesh : root.path("meshes")) {
      for (JsonNode prim : mesh.path("primitives")) {
        JsonNode pos3 = root.path("accessors").path(prim.path("attributes").path("POSITION").asInt());
        assertThat(pos3.has("min") && pos3.has("max")).as("POSITION has min/max").isTrue();
        JsonNode idx = root.path("accessors").path(prim.path("indices").asInt());
        assertThat(idx.path("componentType").asInt()).isEqualTo(5125);
        assertThat(idx.path("count").asLong() % 3).isZero();
        JsonNode v = root.path("bufferViews").path(idx.path("bufferView").asInt());
        long off = v.path("byteOffset").asLong(0) + idx.path("byteOffset").asLong(0);
        for (long i = 0; i < idx.path("count").asLong(); i++) {
          long vi = bin.getInt((int) (off + 4 * i)) & 0xFFFFFFFFL;
          assertThat(vi).as("index in range").isLessThan(pos3.path("count").asLong());
        }
        assertThat(prim.has("material")).isTrue();
      }
    }
    return root;
  }
}
