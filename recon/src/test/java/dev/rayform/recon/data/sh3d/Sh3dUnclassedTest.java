package dev.rayform.recon.data.sh3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.ShapeRef;
import dev.rayform.recon.data.ShapeSource;
import dev.rayform.recon.data.SourceShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogues' items of no class (sh3d-other) beside the classed source, which never holds them. */
class Sh3dUnclassedTest {
  @TempDir Path dir;

  static final String PROPERTIES = """
      id=Test#Catalog
      id#1=Test#chair
      name#1=Office armchair
      category#1=Office
      model#1=/m/m.obj
      width#1=50
      depth#1=40
      height#1=100
      id#2=Test#bed
      name#2=Double bed
      category#2=Bedroom
      model#2=/m/m.obj
      width#2=160
      depth#2=200
      height#2=50
      id#3=Test#light
      name#3=Light source
      category#3=Lights
      model#3=/m/m.obj
      width#3=10
      depth#3=10
      height#3=10
      id#4=Test#fridge
      name#4=Fridge
      category#4=Kitchen
      model#4=/m/m.obj
      width#4=60
      depth#4=60
      height#4=180
      """;

  Sh3dCatalog catalog() throws IOException {
    Path p = dir.resolve("Test.sh3f");
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(p)) {
      Sh3dCatalogTest.put(z, "PluginFurnitureCatalog.properties", PROPERTIES.getBytes(StandardCharsets.ISO_8859_1));
      Sh3dCatalogTest.put(z, "m/m.obj", Sh3dCatalogTest.OBJ.replace("mtllib chair.mtl\n", "").getBytes(StandardCharsets.US_ASCII));
    }
    return Sh3dCatalog.loadFiles(List.of(p));
  }

  @Test
  void theVisibleItemsOfNoClassAreOneUnclassedCategory() throws IOException {
    try (Sh3dCatalog c = catalog()) {
      Sh3dSource classed = new Sh3dSource(c);
      assertThat(classed.name()).isEqualTo("sh3d");
      assertThat(classed.categories()).containsExactly("chair");
      assertThatThrownBy(() -> classed.shapes(ShapeSource.UNCLASSED, 10, 0)).isInstanceOf(ReconException.class);

      Sh3dSource other = new Sh3dSource(c, true);
      assertThat(other.name()).isEqualTo("sh3d-other");
      assertThat(other.categories()).containsExactly(ShapeSource.UNCLASSED);
      List<ShapeRef> refs = other.shapes(ShapeSource.UNCLASSED, 10, 0);
      // the light source is an invisible helper: in neither source
      assertThat(refs).extracting(ShapeRef::sourceId).containsExactly("Test#bed", "Test#fridge");
      assertThat(refs).extracting(ShapeRef::category).containsOnly("other");
      assertThatThrownBy(() -> other.shapes("chair", 10, 0)).isInstanceOf(ReconException.class);

      SourceShape bed = other.load(refs.get(0));
      assertThat(bed.mesh().vertexCount()).isEqualTo(4);
      assertThat(bed.attribution()).contains("Double bed");
      assertThatThrownBy(() -> other.load(classed.shapes("chair", 1, 0).get(0))).isInstanceOf(ReconException.class);
    }
  }
}
