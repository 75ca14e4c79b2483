package dev.rayform.recon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rayform.recon.geometry.Mesh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeshIoRoundTripTest {
  @TempDir Path dir;

  private static void assertSameGeometry(Mesh read, Mesh written) {
    assertThat(read.positions()).containsExactly(written.positions());
    assertThat(read.triangles()).containsExactly(written.triangles());
    for (int f = 0; f < written.faceCount(); f++) {
      assertThat(read.parts().get(read.partOf(f)).name()).isEqualTo(written.parts().get(written.partOf(f)).name());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cube.obj", "cube.ply", "cube.glb"})
  void roundTripKeepsPositionsFacesPartsAndColours(String file) {
    Mesh cube = TestMeshes.cubeWithParts();
    Path path = dir.resolve(file);
    MeshWriters.write(cube, path);
    Mesh back = MeshReaders.read(path);
    assertSameGeometry(back, cube);
    assertThat(back.parts()).hasSize(3);
    assertThat(back.parts().get(0).color()).containsExactly(1f, 0.25f, 0.125f);
    assertThat(back.parts().get(1).color()).containsExactly(0.1f, 0.2f, 0.3f);
    if (file.endsWith(".glb")) {
      assertThat(back.parts().get(2).color()).containsExactly(0.8f, 0.8f, 0.8f); // default light grey
      assertThat(back.hasNormals()).isTrue();
    } else {
      assertThat(back.parts().get(2).color()).isNull();
    }
  }

  @Test
  void objWithColoursWritesASiblingMtl() throws Exception {
    Path obj = dir.resolve("a.obj");
    MeshWriters.write(TestMeshes.cubeWithParts(), obj);
    assertThat(dir.resolve("a.mtl")).exists();
    assertThat(Files.readString(obj)).contains("mtllib a.mtl", "g bottom", "usemtl bottom", "g sides");
    assertThat(Files.readString(dir.resolve("a.mtl"))).contains("newmtl top", "Kd 0.1 0.2 0.3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"n.obj", "n.ply", "n.glb"})
  void normalsRoundTrip(String file) {
    Mesh cube = TestMeshes.cubeWithParts().withVertexNormals();
    Path path = dir.resolve(file);
    MeshWriters.write(cube, path);
    Mesh back = MeshReaders.read(path);
    assertThat(back.normals()).containsExactly(cube.normals());
  }

  @Test
  void objWithoutColoursHasNoMtl() throws Exception {
    Mesh plain = TestMeshes.cubeWithParts().withSinglePart("box", null);
    MeshWriters.write(plain, dir.resolve("plain.obj"));
    assertThat(dir.resolve("plain.mtl")).doesNotExist();
    assertSameGeometry(MeshReaders.read(dir.resolve("plain.obj")), plain);
  }

  @Test
  void writtenGlbPassesTheStructuralValidator() throws Exception {
    Mesh cube = TestMeshes.cubeWithParts();
    Path path = dir.resolve("v.glb");
    MeshWriters.write(cube, path);
    JsonNode root = GlbValidator.validate(Files.readAllBytes(path));
    assertThat(root.path("asset").path("generator").asText()).isEqualTo("rayform");
    assertThat(root.path("meshes").path(0).path("primitives")).hasSize(3);
    assertThat(root.path("materials").path(1).path("pbrMetallicRoughness").path("baseColorFactor").path(2).floatValue())
        .isEqualTo(0.3f);
  }

  @Test
  void emptyMeshWritesAValidGlb() throws Exception {
    Path path = dir.resolve("empty.glb");
    MeshWriters.write(Mesh.empty(), path);
    GlbValidator.validate(Files.readAllBytes(path));
    assertThat(MeshReaders.read(path).isEmpty()).isTrue();
  }

  @Test
  void largerMeshGlbValidatesAndRoundTrips() throws Exception {
    int n = 40;
    float[] p = new float[3 * n * n];
    int[] t = new int[6 * (n - 1) * (n - 1)];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int v = i * n + j;
        p[3 * v] = i * 0.1f;
        p[3 * v + 1] = (float) Math.sin(i * 0.3) * (float) Math.cos(j * 0.2);
        p[3 * v + 2] = -j * 0.07f;
        if (i < n - 1 && j < n - 1) {
          t[k++] = v; t[k++] = v + n; t[k++] = v + 1;
          t[k++] = v + 1; t[k++] = v + n; t[k++] = v + n + 1;
        }
      }
    }
    Mesh grid = Mesh.of(p, t);
    Path path = dir.resolve("grid.glb");
    MeshWriters.write(grid, path);
    GlbValidator.validate(Files.readAllBytes(path));
    assertSameGeometry(MeshReaders.read(path), grid);
  }

  @Test
  void writesAreAtomicAndLeaveNoTemporaryFiles() throws Exception {
    Path path = dir.resolve("x.ply");
    MeshWriters.write(TestMeshes.cubeWithParts(), path);
    MeshWriters.write(TestMeshes.cubeWithParts(), path); // overwrite in place
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("x.ply");
    }
  }

  @Test
  void failedWriteLeavesNoPartialFile() throws Exception {
    Path path = dir.resolve("fail.glb");
    assertThatThrownBy(() -> dev.rayform.recon.util.AtomicFiles.writeChecked(path, out -> {
      out.write(new byte[100]);
      throw new java.io.IOException("disk full");
    })).hasMessageContaining("disk full");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void unknownExtensionIsRejected() {
    assertThatThrownBy(() -> MeshWriters.write(TestMeshes.cubeWithParts(), dir.resolve("x.fbx")))
        .isInstanceOfSatisfying(MeshFormatException.class,
            e -> assertThat(e.code()).isEqualTo(MeshFormatException.UNSUPPORTED_FORMAT));
  }
}
