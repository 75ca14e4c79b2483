package dev.rayform.recon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GlbWriter's output against the structural rules of glTF 2.0 ({@link GlbValidator}), over meshes that reach its corners. */
class GlbStructureTest {
  @TempDir Path dir;

  private byte[] glb(Mesh mesh) throws Exception {
    Path file = dir.resolve("m.glb");
    MeshWriters.write(mesh, file);
    return Files.readAllBytes(file);
  }

  @Test
  void meshesOfEveryKindPassTheStructuralRules() throws Exception {
    Mesh withUnusedPart = Mesh.of(MeshPrimitives.box(1, 2, 3).positions(), MeshPrimitives.box(1, 2, 3).triangles(),
        null, new int[12], List.of(new Mesh.Part("used", new float[] {1, 0, 0}), new Mesh.Part("unused", null)));
    float[] p = MeshPrimitives.box(1, 1, 1).positions();
    float[] withIsolated = java.util.Arrays.copyOf(p, p.length + 3); // a vertex no face uses: its normal is undefined
    Mesh isolated = Mesh.of(withIsolated, MeshPrimitives.box(1, 1, 1).triangles());
    for (Mesh mesh : List.of(TestMeshes.cubeWithParts(), MeshPrimitives.icosphere(0.5, 3), withUnusedPart, isolated,
        MeshPrimitives.torus(24, 12, 0.4, 0.1).withVertexNormals())) {
      JsonNode root = GlbValidator.validate(glb(mesh));
      assertThat(root.path("accessors").path(0).path("count").asInt()).isEqualTo(mesh.vertexCount());
      long indices = 0;
      for (JsonNode prim : root.path("meshes").path(0).path("primitives")) {
        indices += root.path("accessors").path(prim.path("indices").asInt()).path("count").asLong();
      }
      assertThat(indices).isEqualTo(3L * mesh.faceCount());
    }
  }

  @Test
  void jsonOfEveryLengthModFourIsPaddedWithSpacesAndBinWithZeros() throws Exception {
    Set<Integer> residues = new HashSet<>();
    Set<Integer> binResidues = new HashSet<>();
    for (String name : List.of("a", "ab", "abc", "abcd", "abcde")) {
      byte[] bytes = glb(TestMeshes.cubeWithParts().withSinglePart(name, null));
      GlbValidator.validate(bytes);
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int jsonLen = b.getInt(12);
      int text = jsonLen;
      while (bytes[20 + text - 1] == ' ') {
        text--;
      }
      residues.add(text % 4);
      binResidues.add(b.getInt(20 + jsonLen) % 4);
    }
    assertThat(residues).as("the JSON text lengths cover every padding case").containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(binResidues).containsOnly(0);
  }

  @Test
  void anEmptyMeshIsAGlbWithAnEmptySceneAndNoBuffer() throws Exception {
    byte[] bytes = glb(Mesh.empty());
    JsonNode root = GlbValidator.validate(bytes);
    assertThat(root.path("scenes")).hasSize(1);
    assertThat(root.path("scenes").path(0).has("nodes")).isFalse();
    assertThat(root.has("buffers")).isFalse();
    assertThat(bytes.length).isEqualTo(20 + ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(12));
  }
}
