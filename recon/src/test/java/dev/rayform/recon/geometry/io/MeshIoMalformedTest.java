package dev.rayform.recon.geometry.io;

import static dev.rayform.recon.geometry.io.MeshIoFormatsTest.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.recon.geometry.Mesh;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken inputs fail with a typed error and the right code, quickly. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MeshIoMalformedTest {

  static void assertCode(String name, byte[] data, String code) {
    assertThatThrownBy(() -> MeshReaders.read(name, data, SiblingResolver.NONE))
        .isInstanceOfSatisfying(MeshFormatException.class, e -> {
          assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
          assertThat(e.getMessage()).contains(name);
        });
  }

  static byte[] cut(byte[] data, int keep) {
    return Arrays.copyOf(data, keep);
  }

  @Test
  void truncatedFilesOfEveryFormat() throws Exception {
    String obj = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";
    assertCode("t.obj", cut(ascii(obj), obj.indexOf("v 0 1") + 5), MeshFormatException.TRUNCATED);
    assertCode("t.obj", new byte[0], MeshFormatException.TRUNCATED);
    String off = "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n";
    assertCode("t.off", cut(ascii(off), off.indexOf("1 0 0")), MeshFormatException.TRUNCATED);
    byte[] ply = MeshIoFormatsTest.binaryPly(ByteOrder.LITTLE_ENDIAN);
    assertCode("t.ply", cut(ply, ply.length - 3), MeshFormatException.TRUNCATED);
    assertCode("t.ply", cut(ply, 30), MeshFormatException.TRUNCATED);
    String plyAscii = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
        + "element face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n";
    assertCode("t.ply", cut(ascii(plyAscii), plyAscii.length() - 4), MeshFormatException.TRUNCATED);
    byte[] stl = MeshIoFormatsTest.binaryStl("x", new float[][] {{0, 0, 0, 1, 0, 0, 0, 1, 0}, {0, 0, 0, 1, 0, 0, 0, 1, 0}});
    assertCode("t.stl", cut(stl, stl.length - 20), MeshFormatException.TRUNCATED);
    assertCode("t.stl", cut(stl, 50), MeshFormatException.TRUNCATED);
    String stlAscii = "solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid a\n";
    assertCode("t.stl", cut(ascii(stlAscii), stlAscii.indexOf("endloop")), MeshFormatException.TRUNCATED);
    java.nio.file.Path tmp = java.nio.file.Files.createTempFile("t", ".glb");
    try {
      MeshWriters.write(TestMeshes.cubeWithParts(), tmp);
      byte[] glb = java.nio.file.Files.readAllBytes(tmp);
      assertCode("t.glb", cut(glb, glb.length - 10), MeshFormatException.TRUNCATED);
      assertCode("t.glb", cut(glb, 8), MeshFormatException.TRUNCATED);
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "n.obj | v 0 0 0\\nv nan 0 0\\nv 0 1 0\\nf 1 2 3\\n",
      "n.obj | v 0 0 0\\nv 1e999 0 0\\nv 0 1 0\\nf 1 2 3\\n",
      "n.off | OFF\\n3 1 0\\n0 0 0\\nNaN 0 0\\n0 1 0\\n3 0 1 2\\n",
      "n.ply | ply\\nformat ascii 1.0\\nelement vertex 3\\nproperty float x\\nproperty float y\\nproperty float z\\nelement face 0\\nproperty list uchar int vertex_indices\\nend_header\\n0 0 0\\ninf 0 0\\n0 1 0\\n",
      "n.stl | solid a\\nfacet normal 0 0 1\\nouter loop\\nvertex 0 0 0\\nvertex NaN 0 0\\nvertex 0 1 0\\nendloop\\nendfacet\\nendsolid a\\n"})
  void nonFiniteVertices(String name, String text) {
    assertCode(name, ascii(text.replace("\\n", "\n")), MeshFormatException.NON_FINITE);
  }

  @Test
  void nanInBinaryStl() {
    byte[] stl = MeshIoFormatsTest.binaryStl("x", new float[][] {{0, 0, 0, Float.NaN, 0, 0, 0, 1, 0}});
    assertCode("n.stl", stl, MeshFormatException.NON_FINITE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "i.obj | v 0 0 0\\nv 1 0 0\\nv 0 1 0\\nf 1 2 4\\n",
      "i.obj | v 0 0 0\\nv 1 0 0\\nv 0 1 0\\nf -1 -2 -4\\n",
      "i.off | OFF\\n3 1 0\\n0 0 0\\n1 0 0\\n0 1 0\\n3 0 1 3\\n",
      "i.off | OFF\\n3 1 0\\n0 0 0\\n1 0 0\\n0 1 0\\n3 0 1 -1\\n",
      "i.ply | ply\\nformat ascii 1.0\\nelement vertex 3\\nproperty float x\\nproperty float y\\nproperty float z\\nelement face 1\\nproperty list uchar int vertex_indices\\nend_header\\n0 0 0\\n1 0 0\\n0 1 0\\n3 0 1 7\\n"})
  void indicesOutOfRange(String name, String text) {
    assertCode(name, ascii(text.replace("\\n", "\n")), MeshFormatException.INDEX_OUT_OF_RANGE);
  }

  @Test
  void objIndexZeroAndGarbageAreMalformed() {
    assertCode("z.obj", ascii("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n"), MeshFormatException.MALFORMED);
    assertCode("z.obj", ascii("v 0 0 0\nv 1 x 0\nv 0 1 0\nf 1 2 3\n"), MeshFormatException.MALFORMED);
    assertCode("z.ply", ascii("ply\nformat ascii 1.0\nbogus\nend_header\n"), MeshFormatException.MALFORMED);
    assertCode("z.off", ascii("NOPE\n"), MeshFormatException.MALFORMED);
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.SECONDS)
  void hugeHeaderCountsFailFastWithoutAllocating() {
    String header = "ply\nformat binary_little_endian 1.0\nelement vertex 2147483647\nproperty float x\n"
        + "property float y\nproperty float z\nelement face 2147483647\nproperty list uchar int vertex_indices\nend_header\n";
    byte[] body = new byte[100];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii(header));
    out.writeBytes(body);
    assertCode("huge.ply", out.toByteArray(), MeshFormatException.TRUNCATED);
    assertCode("huge.ply", ascii(header.replace("binary_little_endian", "ascii") + "0 0 0\n"), MeshFormatException.TRUNCATED);
    assertCode("huge.off", ascii("OFF\n2147483647 2147483647 0\n0 0 0\n1 0 0\n"), MeshFormatException.TRUNCATED);
    ByteBuffer stl = ByteBuffer.allocate(184).order(ByteOrder.LITTLE_ENDIAN);
    stl.putInt(80, Integer.MAX_VALUE);
    assertCode("huge.stl", stl.array(), MeshFormatException.TRUNCATED);
  }

  /** Found by Jazzer (MeshReadersFuzzTestInputs/ply/timeout-*): an element with no properties claiming 10^18 records hung. */
  @Test
  @Timeout(value = 2, unit = TimeUnit.SECONDS)
  void elementsWithoutPropertiesAreSkippedHoweverManyRecordsTheyClaim() {
    String header = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
        + "element junk 9000000000000000000\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n";
    Mesh m = MeshReaders.read("empty-element.ply", ascii(header + "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n"), SiblingResolver.NONE);
    assertThat(m.faceCount()).isEqualTo(1);
    ByteBuffer body = ByteBuffer.allocate(9 * 4 + 1 + 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
    body.putFloat(0).putFloat(0).putFloat(0).putFloat(1).putFloat(0).putFloat(0).putFloat(0).putFloat(1).putFloat(0);
    body.put((byte) 3).putInt(0).putInt(1).putInt(2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii(header.replace("ascii", "binary_little_endian")));
    out.writeBytes(body.array());
    assertThat(MeshReaders.read("empty-element-binary.ply", out.toByteArray(), SiblingResolver.NONE).faceCount()).isEqualTo(1);
  }

  @Test
  void unknownExtension() {
    assertCode("x.fbx", new byte[10], MeshFormatException.UNSUPPORTED_FORMAT);
  }

  @Test
  void bigEnoughValidFileStillReads() {
    // guards against the fast-fail checks rejecting real data: 20,000 faces in ascii PLY
    StringBuilder sb = new StringBuilder("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n"
        + "property float z\nelement face 20000\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n");
    sb.append("3 0 1 2\n".repeat(20000));
    Mesh m = MeshReaders.read("ok.ply", ascii(sb.toString()), null);
    assertThat(m.faceCount()).isEqualTo(20000);
  }
}
