package dev.rayform.recon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import dev.rayform.recon.geometry.Texture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A textured mesh in every format: the texture and the coordinates travel, read back from the bytes. */
class TexturedMeshesTest {
  @TempDir Path dir;

  /** A sphere coloured by a texture that is red on its left half and blue on its right, u = x + 0.5, v = 0.5 - y. */
  static Mesh texturedSphere() {
    Mesh sphere = MeshPrimitives.icosphere(0.5, 2);
    float[] uv = new float[2 * sphere.vertexCount()];
    for (int v = 0; v < sphere.vertexCount(); v++) {
      uv[2 * v] = (float) (sphere.x(v) + 0.5);
      uv[2 * v + 1] = (float) (0.5 - sphere.y(v));
    }
    int[] px = new int[64 * 64];
    for (int i = 0; i < px.length; i++) {
      px[i] = i % 64 < 32 ? 0xd02020 : 0x2040d0;
    }
    return sphere.withTexture(uv, Texture.of(64, 64, px));
  }

  @Test
  void glbCarriesTexcoordsAndTheJpegAsBaseColorTexture() throws Exception {
    Mesh mesh = texturedSphere();
    Path file = dir.resolve("t.glb");
    MeshWriters.write(mesh, file);
    byte[] glb = Files.readAllBytes(file);
    JsonNode root = GlbValidator.validate(glb);
    assertThat(root.path("images").get(0).path("mimeType").asText()).isEqualTo("image/jpeg");
    assertThat(root.path("textures").get(0).path("source").asInt()).isZero();
    JsonNode pbr = root.path("materials").get(0).path("pbrMetallicRoughness");
    assertThat(pbr.path("baseColorTexture").path("index").asInt()).isZero();
    JsonNode prim = root.path("meshes").get(0).path("primitives").get(0);
    JsonNode texcoord = root.path("accessors").get(prim.path("attributes").path("TEXCOORD_0").asInt());
    assertThat(texcoord.path("type").asText()).isEqualTo("VEC2");
    assertThat(texcoord.path("count").asInt()).isEqualTo(mesh.vertexCount());

    // The embedded image decodes to the texture, and the coordinates are the mesh's, in order.
    ByteBuffer b = ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN);
    int binStart = 20 + b.getInt(12) + 8;
    JsonNode imageView = root.path("bufferViews").get(root.path("images").get(0).path("bufferView").asInt());
    int offset = binStart + imageView.path("byteOffset").asInt();
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(glb, offset, imageView.path("byteLength").asInt()));
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getRGB(8, 32) >> 16 & 0xff).as("red half").isGreaterThan(180);
    assertThat(image.getRGB(56, 32) & 0xff).as("blue half").isGreaterThan(180);
    JsonNode uvView = root.path("bufferViews").get(texcoord.path("bufferView").asInt());
    int uvStart = binStart + uvView.path("byteOffset").asInt() + texcoord.path("byteOffset").asInt();
    for (int i = 0; i < mesh.uvs().length; i++) {
      assertThat(b.getFloat(uvStart + 4 * i)).isEqualTo(mesh.uvs()[i]);
    }

    // The checker sees a texture that points nowhere, and an image that is not whole.
    String json = new String(glb, 20, b.getInt(12), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(json).contains("\"source\":0");
    byte[] dangling = glb.clone();
    int at = 20 + json.indexOf("\"source\":0") + "\"source\":".length();
    dangling[at] = '7';
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GlbValidator.validate(dangling)).hasMessageContaining("texture.source");
    byte[] cut = glb.clone();
    cut[offset + imageView.path("byteLength").asInt() - 1] = 0;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GlbValidator.validate(cut)).hasMessageContaining("JPEG ends");
  }

  @Test
  void usdzHasTheTextureAsAnAlignedEntryAndTheLayerReadsItAtSt() throws Exception {
    Mesh mesh = texturedSphere();
    Path file = dir.resolve("t.usdz");
    MeshWriters.write(mesh, file);
    byte[] zip = Files.readAllBytes(file);
    List<UsdzWriterTest.LocalEntry> entries = UsdzWriterTest.localEntries(zip);
    assertThat(entries).extracting(UsdzWriterTest.LocalEntry::name).containsExactly(UsdzWriter.LAYER, UsdaWriter.TEXTURE);
    UsdzWriterTest.LocalEntry texture = entries.get(1);
    assertThat(texture.dataOffset() % 64).isZero();
    assertThat(ImageIO.read(new ByteArrayInputStream(zip, (int) texture.dataOffset(), (int) texture.size())).getWidth()).isEqualTo(64);
    String usda = new String(zip, (int) entries.get(0).dataOffset(), (int) entries.get(0).size(), StandardCharsets.UTF_8);
    assertThat(usda).contains("texCoord2f[] primvars:st = [", "uniform token info:id = \"UsdUVTexture\"",
        "asset inputs:file = @texture.jpg@", "string inputs:varname = \"st\"",
        "color3f inputs:diffuseColor.connect = </Product/Materials/Photo/Texture.outputs:rgb>");
    // st is (u, 1 - v): USD's t runs up.
    String st = usda.substring(usda.indexOf("primvars:st = [") + 15);
    String first = st.substring(1, st.indexOf(')'));
    String[] parts = first.split(", ");
    assertThat(Float.parseFloat(parts[0])).isEqualTo(mesh.uvs()[0]);
    assertThat(Float.parseFloat(parts[1])).isCloseTo(1 - mesh.uvs()[1], org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void objReferencesTheTextureThroughItsMtlAndPlyCarriesVertexColours() throws Exception {
    Mesh mesh = texturedSphere();
    Path obj = dir.resolve("t.obj");
    MeshWriters.write(mesh, obj);
    String mtl = Files.readString(MeshWriters.mtlPathFor(obj));
    assertThat(mtl).contains("map_Kd t.jpg");
    assertThat(ImageIO.read(MeshWriters.texturePathFor(obj).toFile()).getWidth()).isEqualTo(64);
    String text = Files.readString(obj);
    assertThat(text.lines().filter(l -> l.startsWith("vt ")).count()).isEqualTo(mesh.vertexCount());
    assertThat(text).contains("f 1/1/1 ");
    assertThat(MeshReaders.read(obj).faceCount()).isEqualTo(mesh.faceCount());

    Path ply = dir.resolve("t.ply");
    MeshWriters.write(mesh, ply);
    String header = new String(Files.readAllBytes(ply), 0, 600, StandardCharsets.ISO_8859_1);
    assertThat(header.substring(header.indexOf("element vertex"), header.indexOf("element face")))
        .contains("property uchar red", "property uchar green", "property uchar blue");
    int[] colours = mesh.vertexColors();
    for (int v = 0; v < mesh.vertexCount(); v++) {
      int expected = mesh.x(v) < -0.1 ? 0xd02020 : mesh.x(v) > 0.1 ? 0x2040d0 : -1;
      if (expected >= 0) {
        assertThat(colours[v]).as("vertex " + v).isEqualTo(expected);
      }
    }
    assertThat(MeshReaders.read(ply).faceCount()).isEqualTo(mesh.faceCount());
  }
}
