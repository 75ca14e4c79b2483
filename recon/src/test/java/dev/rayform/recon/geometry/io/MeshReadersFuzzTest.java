package dev.rayform.recon.geometry.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rayform.recon.geometry.Mesh;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the mesh readers (Jazzer). A reader either returns a valid mesh (indices
 * in range, finite coordinates, bounds and normals computable) or throws {@link MeshFormatException};
 * anything else (another exception, an error, a hang, running out of memory) is a finding. In
 * {@code mvn test} only the seeds and the kept crash inputs under
 * {@code src/test/resources/.../MeshReadersFuzzTestInputs/<target>/} run; {@code scripts/fuzz} fuzzes.
 */
class MeshReadersFuzzTest {
  private static void read(String name, byte[] data, SiblingResolver siblings) {
    Mesh m;
    try {
      m = MeshReaders.read(name, data, siblings);
    } catch (MeshFormatException expected) {
      return;
    }
    check(m);
  }

  static void check(Mesh m) {
    int n = m.vertexCount();
    for (int i : m.triangles()) {
      if (i < 0 || i >= n) {
        throw new AssertionError("index " + i + " out of range for " + n + " vertices");
      }
    }
    for (float p : m.positions()) {
      if (!Float.isFinite(p)) {
        throw new AssertionError("non-finite coordinate " + p);
      }
    }
    if (!m.isEmpty()) {
      m.bounds();
      m.withVertexNormals();
    }
  }

  @FuzzTest(maxDuration = "60s")
  void obj(byte[] data) {
    read("fuzz.obj", data, SiblingResolver.NONE);
  }

  /** An OBJ whose mtllib (any name) resolves to the first part of the input. */
  @FuzzTest(maxDuration = "60s")
  void objWithMtl(FuzzedDataProvider d) {
    byte[] mtl = d.consumeString(4096).getBytes(StandardCharsets.UTF_8);
    byte[] obj = d.consumeRemainingAsBytes();
    read("fuzz.obj", obj, name -> new ByteArrayInputStream(mtl));
  }

  @FuzzTest(maxDuration = "60s")
  void off(byte[] data) {
    read("fuzz.off", data, SiblingResolver.NONE);
  }

  @FuzzTest(maxDuration = "60s")
  void ply(byte[] data) {
    read("fuzz.ply", data, SiblingResolver.NONE);
  }

  @FuzzTest(maxDuration = "60s")
  void stl(byte[] data) {
    read("fuzz.stl", data, SiblingResolver.NONE);
  }

  @FuzzTest(maxDuration = "60s")
  void glb(byte[] data) {
    read("fuzz.glb", data, SiblingResolver.NONE);
  }
}
