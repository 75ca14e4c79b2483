package dev.rayform.recon.data.sh3d;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue parser, mesh sizing and attribution on a small synthetic .sh3f. */
class Sh3dCatalogTest {
  @TempDir Path dir;

  static final String PROPERTIES = """
      id=Test#Catalog
      license=Creative Commons Attribution 3.0 license
      id#1=Test#chair1
      name#1=Office armchair
      category#1=Office
      icon#1=/test/chair.png
      model#1=/test/chair/chair.obj
      width#1=50
      depth#1=40
      height#1=100
      creator#1=Alice
      modelRotation#1=1 0 0 0 0 1 0 -1 0
      id#2=Test#broken
      name#2=No size
      model#2=/test/x.obj
      name#3=Caf\\u00e9 table
      category#3=Kitchen
      model#3=/test/chair/chair.obj
      width#3=80
      depth#3=80
      height#3=75
      license#3=CC0
      """;

  static final String OBJ = "mtllib chair.mtl\nv 0 0 0\nv 2 0 0\nv 0 4 0\nv 0 0 1\nusemtl red\nf 1 2 3\nf 1 3 4\nf 1 4 2\n";

  Path sh3f() throws IOException {
    Path p = dir.resolve("Test.sh3f");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(p)) {
      put(z, "PluginFurnitureCatalog.properties", PROPERTIES.getBytes(StandardCharsets.ISO_8859_1));
      put(z, "test/chair/chair.obj", OBJ.getBytes(StandardCharsets.US_ASCII));
      put(z, "test/chair/chair.mtl", "newmtl red\nKd 1 0 0\n".getBytes(StandardCharsets.US_ASCII));
      put(z, "test/chair.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
    return p;
  }

  static void put(ZipArchiveOutputStream z, String name, byte[] data) throws IOException {
    z.putArchiveEntry(new ZipArchiveEntry(name));
    z.write(data);
    z.closeArchiveEntry();
  }

  @Test
  void parsesItemsSkippingIncompleteOnes() throws IOException {
    List<Sh3dItem> items = Sh3dCatalogParser.parse(PROPERTIES, Path.of("Test.sh3f"), "pkg");
    assertThat(items).extracting(Sh3dItem::name).containsExactly("Office armchair", "Café table");
    Sh3dItem chair = items.get(0);
    assertThat(chair.id()).isEqualTo("Test#chair1");
    assertThat(chair.creator()).isEqualTo("Alice");
    assertThat(chair.licence()).isEqualTo("Creative Commons Attribution 3.0 license");
    assertThat(chair.widthCm()).isEqualTo(50);
    assertThat(chair.modelRotation()).containsExactly(1, 0, 0, 0, 0, 1, 0, -1, 0);
    assertThat(chair.shapeNetCategory()).isEqualTo("chair");
    assertThat(items.get(1).licence()).isEqualTo("CC0");
    assertThat(items.get(1).shapeNetCategory()).isEqualTo("table");
    assertThat(items.get(1).id()).isEqualTo("Test.sh3f#3");
  }

  @Test
  void meshIsRotatedAndFittedToTheCatalogueSize() throws IOException {
    try (Sh3dCatalog c = Sh3dCatalog.loadFiles(List.of(sh3f()))) {
      Sh3dItem chair = c.items().get(0);
      Mesh m = c.mesh(chair);
      Aabb b = m.bounds();
      assertThat(b.sizeX()).isCloseTo(50, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(b.sizeY()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(b.sizeZ()).isCloseTo(40, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(b.minY()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(b.centerX()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
      // the rotation maps model z (size 1) to y and model y (size 4) to -z: vertex (0,0,1) is the top
      int top = 0;
      for (int v = 0; v < m.vertexCount(); v++) {
        if (m.y(v) > m.y(top)) {
          top = v;
        }
      }
      assertThat(top).isEqualTo(3);
      assertThat(m.parts().get(0).color()).containsExactly(1f, 0f, 0f);
      assertThat(c.icon(chair)).startsWith((byte) 0x89, (byte) 'P');
    }
  }

  @Test
  void writesAttributionAsCsvAndMarkdown() throws IOException {
    try (Sh3dCatalog c = Sh3dCatalog.loadFiles(List.of(sh3f()))) {
      Path csv = dir.resolve("ATTRIBUTION.csv");
      c.writeAttribution(csv);
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines.get(0)).isEqualTo("item,name,creator,licence,package,catalogue,model");
      assertThat(lines.get(1)).startsWith("Test#chair1,Office armchair,Alice,Creative Commons");
      assertThat(lines).hasSize(3);
      Path md = dir.resolve("ATTRIBUTION.md");
      c.writeAttribution(md);
      assertThat(Files.readString(md)).contains("| Test#chair1 | Office armchair | Alice |");
    }
  }
}
