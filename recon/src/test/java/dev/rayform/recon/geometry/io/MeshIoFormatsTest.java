package dev.rayform.recon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.geometry.Mesh;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading small hand-written files of every format. */
class MeshIoFormatsTest {
  @TempDir Path dir;

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static Mesh read(String name, String text) {
    return MeshReaders.read(name, ascii(text), SiblingResolver.NONE);
  }

  @Test
  void objWithGroupsMaterialsAndMtlFromDisk() throws Exception {
    Files.writeString(dir.resolve("chair.mtl"), "newmtl wood\nKa 0 0 0\nKd 0.6 0.4 0.2\n\nnewmtl metal\nKd 0.5 0.5 0.5\n");
    Files.writeString(dir.resolve("chair.obj"), """
        # a quad seat and a triangle leg
        mtllib chair.mtl
        v 0 0 0
        v 1 0 0
        v 1 0 1
        v 0 0 1
        vt 0 0
        vn 0 1 0
        o chair
        g seat
        usemtl wood
        f 1/1/1 2/1/1 3/1/1 4/1/1
        g leg
        usemtl metal
        f -4//1 -3//1 -1//1
        unknownkeyword 1 2 3
        s off
        l 1 2
        """);
    Mesh m = MeshReaders.read(dir.resolve("chair.obj"));
    assertThat(m.vertexCount()).isEqualTo(4);
    assertThat(m.faceCount()).isEqualTo(3);
    assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3, 0, 1, 3);
    assertThat(m.parts()).extracting(Mesh.Part::name).containsExactly("seat/wood", "leg/metal");
    assertThat(m.parts().get(0).color()).containsExactly(0.6f, 0.4f, 0.2f);
    assertThat(m.partOf(2)).isEqualTo(1);
    assertThat(m.hasNormals()).isTrue();
  }

  @Test
  void objWithoutItsMtlStillReadsWithoutColours() {
    Mesh m = read("x.obj", "mtllib missing.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl red\nf 1 2 3\n");
    assertThat(m.parts()).hasSize(1);
    assertThat(m.parts().get(0).name()).isEqualTo("red");
    assertThat(m.parts().get(0).color()).isNull();
  }

  @Test
  void objMtlThroughResolverAndCrlf() {
    SiblingResolver r = name -> name.equals("m.mtl") ? new ByteArrayInputStream(ascii("newmtl a\r\nKd 1 0 0\r\n")) : null;
    Mesh m = MeshReaders.read("x.obj", ascii("mtllib m.mtl\r\nv 0 0 0\r\nv 1 0 0\r\nv 0 1 0\r\nusemtl a\r\nf 1 2 3\r\n"), r);
    assertThat(m.parts().get(0).color()).containsExactly(1f, 0f, 0f);
  }

  @Test
  void objMaterialMapsAreDecodedAndReadAtTheFacesTextureCoordinates() throws Exception {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(2, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0x804020);
    image.setRGB(1, 0, 0x204080);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", png);
    // The map is named by an absolute path from the modeller's machine, behind an option: it is
    // found by its file name beside the OBJ. A second material's map is not an image.
    Map<String, byte[]> files = Map.of("m.mtl", ascii("newmtl wood\nKd 0.5 0.5 0.5\nmap_Kd -s 1 1 1 C:\\Users\\me\\wood.png\n"
        + "newmtl broken\nKd 0 0 1\nmap_Kd broken.jpg\n"), "wood.png", png.toByteArray(), "broken.jpg", ascii("not a jpeg"));
    SiblingResolver r = name -> files.containsKey(name) ? new ByteArrayInputStream(files.get(name)) : null;
    String obj = "mtllib m.mtl\nv 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nvt 0 0\nvt 2 0\nvt 2 1\nvt 0 1 0\n"
        + "usemtl wood\nf 1/1/ 2/2 3/3 4/-1\nusemtl broken\nf 1 2 3\nf 1/9 2/x 3/0\n";
    Mesh m = MeshReaders.read("x.obj", ascii(obj), r);
    assertThat(m.parts()).hasSize(2);
    Mesh.Part wood = m.parts().get(0);
    assertThat(wood.color()).containsExactly(0.5f, 0.5f, 0.5f);
    assertThat(wood.map().width()).isEqualTo(2);
    assertThat(wood.map().pixel(0, 0)).isEqualTo(0x804020);
    assertThat(wood.map().pixel(1, 0)).isEqualTo(0x204080);
    // The quad is a fan of two triangles (1 2 3, 1 3 4); the last faces have no coordinates, or
    // broken ones (out of range, not a number, 0), which cost only their texture: (0, 0).
    assertThat(m.faceCount()).isEqualTo(4);
    assertThat(m.cornerUvs()).containsExactly(0, 0, 2, 0, 2, 1, 0, 0, 2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(m.parts().get(1).map()).isNull();
    assertThat(m.parts().get(1).color()).containsExactly(0f, 0f, 1f);
  }

  @Test
  void anObjNamingMoreMapsThanTheLimitKeepsTheRestAsColours() throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
    StringBuilder mtl = new StringBuilder(), obj = new StringBuilder("mtllib m.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0\n");
    int n = ObjReader.MAX_MAPS + 1;
    for (int i = 0; i < n; i++) {
      mtl.append("newmtl m").append(i).append("\nKd 1 1 1\nmap_Kd t").append(i).append(".png\n");
      obj.append("usemtl m").append(i).append("\nf 1/1 2/1 3/1\n");
    }
    byte[] image = png.toByteArray();
    SiblingResolver r = name -> new ByteArrayInputStream(name.equals("m.mtl") ? ascii(mtl.toString()) : image);
    Mesh m = MeshReaders.read("x.obj", ascii(obj.toString()), r);
    assertThat(m.parts()).hasSize(n);
    assertThat(m.parts().subList(0, n - 1)).allSatisfy(p -> assertThat(p.map()).isNotNull());
    assertThat(m.parts().get(n - 1).map()).isNull();
    assertThat(m.parts().get(n - 1).color()).containsExactly(1f, 1f, 1f);
  }

  @Test
  void siblingResolverStaysInsideTheFolder() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("secret.mtl"), "newmtl a\nKd 1 1 1\n");
    assertThat(SiblingResolver.directory(sub).open("../secret.mtl")).isNull();
    assertThat(SiblingResolver.directory(sub).open("/etc/passwd")).isNull();
  }

  @Test
  void off() {
    Mesh m = read("q.off", """
        OFF
        # comment
        4 2 0
        0 0 0
        1 0 0
        1 1 0
        0 1 0
        4 0 1 2 3 255 0 0
        3 0 2 3
        """);
    assertThat(m.vertexCount()).isEqualTo(4);
    assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3, 0, 2, 3);
  }

  @Test
  void offWithCountsOnTheMagicLine() {
    Mesh m = read("t.off", "OFF 3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n");
    assertThat(m.faceCount()).isEqualTo(1);
  }

  private static final String PLY_HEADER_TAIL = """
      element vertex 4
      property float x
      property float y
      property float z
      property uchar red
      element face 1
      property uchar flags
      property list uchar int vertex_indices
      element edge 1
      property int a
      property list ushort short b
      end_header
      """;

  @Test
  void plyAscii() {
    Mesh m = read("a.ply", "ply\nformat ascii 1.0\ncomment hi\n" + PLY_HEADER_TAIL
        + "0 0 0 1\n1 0 0 2\n1 1 0 3\n0 1 0 4\n7 4 0 1 2 3\n5 2 9 9\n");
    assertThat(m.vertexCount()).isEqualTo(4);
    assertThat(m.positions()).containsExactly(0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0);
    assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3);
  }

  static byte[] binaryPly(ByteOrder order) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String fmt = order == ByteOrder.LITTLE_ENDIAN ? "binary_little_endian" : "binary_big_endian";
    out.writeBytes(ascii("ply\nformat " + fmt + " 1.0\n" + PLY_HEADER_TAIL.replace("property float z", "property double z")));
    ByteBuffer b = ByteBuffer.allocate(200).order(order);
    float[][] v = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}};
    for (float[] p : v) {
      b.putFloat(p[0]).putFloat(p[1]).putDouble(p[2]).put((byte) 7);
    }
    b.put((byte) 1).put((byte) 4).putInt(0).putInt(1).putInt(2).putInt(3);
    b.putInt(5).putShort((short) 2).putShort((short) 9).putShort((short) 9);
    out.write(b.array(), 0, b.position());
    return out.toByteArray();
  }

  @Test
  void plyBinaryBothEndians() {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      Mesh m = MeshReaders.read("b.ply", binaryPly(order), null);
      assertThat(m.positions()).as(order.toString()).containsExactly(0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0);
      assertThat(m.triangles()).containsExactly(0, 1, 2, 0, 2, 3);
    }
  }

  @Test
  void plyVertexIndexWithUnsignedShortItems() {
    Mesh m = read("c.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty double x\nproperty double y\n"
        + "property double z\nelement face 1\nproperty list uint8 uint16 vertex_index\nend_header\n"
        + "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n");
    assertThat(m.faceCount()).isEqualTo(1);
  }

  @Test
  void stlAscii() {
    Mesh m = read("a.stl", """
        solid cube part
          facet normal 0 0 -1
            outer loop
              vertex 0 0 0
              vertex 1 1 0
              vertex 1 0 0
            endloop
          endfacet
          facet normal 0 0 -1
            outer loop
              vertex 0 0 0
              vertex 0 1 0
              vertex 1 1 0
            endloop
          endfacet
        endsolid cube part
        """);
    assertThat(m.vertexCount()).as("welded").isEqualTo(4);
    assertThat(m.faceCount()).isEqualTo(2);
    assertThat(m.parts().get(0).name()).isEqualTo("cube part");
  }

  static byte[] binaryStl(String headerText, float[][] tris) {
    ByteBuffer b = ByteBuffer.allocate(84 + 50 * tris.length).order(ByteOrder.LITTLE_ENDIAN);
    byte[] h = ascii(headerText);
    b.put(h, 0, Math.min(80, h.length));
    b.position(80);
    b.putInt(tris.length);
    for (float[] t : tris) {
      b.putFloat(0).putFloat(0).putFloat(1);
      for (float f : t) {
        b.putFloat(f);
      }
      b.putShort((short) 0);
    }
    return b.array();
  }

  @Test
  void stlBinaryEvenWhenTheHeaderSaysSolid() {
    float[][] tris = {{0, 0, 0, 1, 0, 0, 0, 1, 0}, {1, 0, 0, 1, 1, 0, 0, 1, 0}};
    Mesh m = MeshReaders.read("b.stl", binaryStl("solid exported by a CAD tool", tris), null);
    assertThat(m.vertexCount()).isEqualTo(4);
    assertThat(m.triangles()).containsExactly(0, 1, 2, 1, 3, 2);
  }

  @Test
  void readFromStreamChoosesByExtension() {
    for (Map.Entry<String, String> e : Map.of(
        "t.OBJ", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n",
        "t.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n").entrySet()) {
      Mesh m = MeshReaders.read(e.getKey(), new ByteArrayInputStream(ascii(e.getValue())), SiblingResolver.NONE);
      assertThat(m.faceCount()).isEqualTo(1);
    }
  }
}
