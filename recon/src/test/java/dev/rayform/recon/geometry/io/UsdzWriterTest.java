package dev.rayform.recon.geometry.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** USDZ checked from the bytes: zip local headers read by hand (ZIP APPNOTE 4.3.7), the layer parsed by a small reader. */
class UsdzWriterTest {
  @TempDir Path dir;

  /** A local file entry as the file has it. */
  record LocalEntry(String name, int flags, int method, long crc, long compressedSize, long size, long dataOffset, long headerOffset) {}

  static List<LocalEntry> localEntries(byte[] zip) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    List<LocalEntry> out = new ArrayList<>();
    int pos = 0;
    while (b.getInt(pos) == 0x04034b50) {
      int flags = b.getShort(pos + 6) & 0xffff;
      int method = b.getShort(pos + 8) & 0xffff;
      long crc = b.getInt(pos + 14) & 0xffffffffL;
      long compressed = b.getInt(pos + 18) & 0xffffffffL;
      long size = b.getInt(pos + 22) & 0xffffffffL;
      int nameLen = b.getShort(pos + 26) & 0xffff;
      int extraLen = b.getShort(pos + 28) & 0xffff;
      String name = new String(zip, pos + 30, nameLen, StandardCharsets.UTF_8);
      long data = pos + 30L + nameLen + extraLen;
      out.add(new LocalEntry(name, flags, method, crc, compressed, size, data, pos));
      pos = (int) (data + compressed);
    }
    assertThat(b.getInt(pos)).as("central directory follows the entries").isEqualTo(0x02014b50);
    return out;
  }

  /** Central directory entries: their names and local header offsets, in order. */
  static List<String> centralDirectory(byte[] zip) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = zip.length - 22;
    while (b.getInt(eocd) != 0x06054b50) {
      eocd--;
    }
    int count = b.getShort(eocd + 10) & 0xffff;
    int pos = b.getInt(eocd + 16);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      assertThat(b.getInt(pos)).isEqualTo(0x02014b50);
      assertThat(b.getShort(pos + 10) & 0xffff).as("central method").isZero();
      int nameLen = b.getShort(pos + 28) & 0xffff, extraLen = b.getShort(pos + 30) & 0xffff, commentLen = b.getShort(pos + 32) & 0xffff;
      out.add(new String(zip, pos + 46, nameLen, StandardCharsets.UTF_8) + "@" + (b.getInt(pos + 42) & 0xffffffffL));
      pos += 46 + nameLen + extraLen + commentLen;
    }
    return out;
  }

  /** The little of usda a test needs: the numbers inside {@code name = [ ... ]}. */
  static double[] numbers(String usda, String declaration) {
    Matcher m = Pattern.compile(Pattern.quote(declaration) + " = \\[([^\\]]*)\\]").matcher(usda);
    assertThat(m.find()).as(declaration).isTrue();
    String body = m.group(1).replaceAll("[()]", " ").replace(',', ' ').trim();
    return body.isEmpty() ? new double[0] : Stream.of(body.split("\\s+")).mapToDouble(Double::parseDouble).toArray();
  }

  private byte[] written(Mesh mesh, String name) throws Exception {
    Path file = dir.resolve(name);
    MeshWriters.write(mesh, file);
    return Files.readAllBytes(file);
  }

  private static String layer(byte[] zip) {
    LocalEntry e = localEntries(zip).get(0);
    return new String(zip, (int) e.dataOffset(), (int) e.size(), StandardCharsets.UTF_8);
  }

  @Test
  void everyEntryIsStoredAnd64ByteAlignedAndTheLayerComesFirst() throws Exception {
    for (Mesh mesh : List.of(TestMeshes.cubeWithParts(), MeshPrimitives.icosphere(0.5, 2), Mesh.empty(), TexturedMeshesTest.texturedSphere())) {
      byte[] zip = written(mesh, "m.usdz");
      List<LocalEntry> entries = localEntries(zip);
      assertThat(entries).isNotEmpty();
      assertThat(entries.get(0).name()).endsWith(".usda");
      List<String> central = new ArrayList<>();
      for (LocalEntry e : entries) {
        assertThat(e.method()).as("STORED").isZero();
        assertThat(e.flags() & 0x8).as("no data descriptor").isZero();
        assertThat(e.flags() & 0x1).as("not encrypted").isZero();
        assertThat(e.dataOffset() % 64).as(e.name() + " data offset " + e.dataOffset()).isZero();
        assertThat(e.compressedSize()).isEqualTo(e.size());
        CRC32 crc = new CRC32();
        crc.update(zip, (int) e.dataOffset(), (int) e.size());
        assertThat(crc.getValue()).as("crc").isEqualTo(e.crc());
        central.add(e.name() + "@" + e.headerOffset());
      }
      assertThat(centralDirectory(zip)).as("central directory matches the local headers").isEqualTo(central);
    }
  }

  @Test
  void theLayerParsesBackToTheSameGeometry() throws Exception {
    Mesh sphere = MeshPrimitives.icosphere(0.5, 2);
    String usda = layer(written(sphere, "sphere.usdz"));
    assertThat(usda).startsWith("#usda 1.0\n");
    assertThat(usda).contains("metersPerUnit = 1", "upAxis = \"Y\"", "defaultPrim = \"Product\"", "def Xform \"Product\"",
        "def Mesh \"Mesh\"", "uniform token info:id = \"UsdPreviewSurface\"", "rel material:binding = </Product/Materials/mesh>");
    double[] points = numbers(usda, "point3f[] points");
    double[] indices = numbers(usda, "int[] faceVertexIndices");
    double[] counts = numbers(usda, "int[] faceVertexCounts");
    double[] normals = numbers(usda, "normal3f[] normals");
    assertThat(points).hasSize(3 * sphere.vertexCount());
    assertThat(normals).hasSize(3 * sphere.vertexCount());
    assertThat(counts).hasSize(sphere.faceCount()).containsOnly(3);
    assertThat(indices).hasSize(3 * sphere.faceCount());
    for (int i = 0; i < points.length; i++) {
      assertThat((float) points[i]).isEqualTo(sphere.positions()[i]);
    }
    for (int i = 0; i < indices.length; i++) {
      assertThat((int) indices[i]).isEqualTo(sphere.triangles()[i]);
    }
    double[] extent = numbers(usda, "float3[] extent");
    assertThat(extent[1]).isEqualTo((float) sphere.bounds().minY());
    assertThat(extent[4]).isEqualTo((float) sphere.bounds().maxY());
    assertThat(usda.chars().filter(c -> c == '{').count()).isEqualTo(usda.chars().filter(c -> c == '}').count());
  }

  @Test
  void partsBecomeMaterialSubsetsCoveringEveryFaceOnce() throws Exception {
    Mesh cube = TestMeshes.cubeWithParts();
    String usda = layer(written(cube, "parts.usdz"));
    assertThat(usda).contains("def GeomSubset \"bottom\"", "def GeomSubset \"top\"", "def GeomSubset \"sides\"",
        "uniform token familyName = \"materialBind\"", "color3f inputs:diffuseColor = (0.1, 0.2, 0.3)",
        "rel material:binding = </Product/Materials/top>");
    TreeSet<Integer> covered = new TreeSet<>();
    Matcher m = Pattern.compile("int\\[\\] indices = \\[([^\\]]*)\\]").matcher(usda);
    int subsets = 0;
    while (m.find()) {
      subsets++;
      for (String s : m.group(1).split(",\\s*")) {
        assertThat(covered.add(Integer.parseInt(s.trim()))).as("face in one subset").isTrue();
      }
    }
    assertThat(subsets).isEqualTo(3);
    assertThat(covered).hasSize(cube.faceCount()).first().isEqualTo(0);
  }

  @Test
  void theSameMeshGivesTheSameBytesAndNoTemporaryFilesRemain() throws Exception {
    byte[] a = written(TestMeshes.cubeWithParts(), "a.usdz");
    byte[] b = written(TestMeshes.cubeWithParts(), "b.usdz");
    assertThat(a).isEqualTo(b);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.usdz", "b.usdz");
    }
  }
}
