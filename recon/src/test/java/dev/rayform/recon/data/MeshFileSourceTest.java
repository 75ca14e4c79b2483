package dev.rayform.recon.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.MeshPrimitives;
import dev.rayform.recon.geometry.io.MeshWriters;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshFileSourceTest {
  private static final DatasetSpec TINY = DatasetSpec.defaults().withShapes(5, 1).withSizes(48, 50, 1000, 500)
      .withDepths(new DepthSampling(16, 0.63, 2.16));

  @Test
  void foldersBecomeCategoriesAndMeshesAreNormalised(@TempDir Path tmp) {
    Path dir = tmp.resolve("meshes");
    MeshWriters.write(MeshPrimitives.box(2, 1, 1), dir.resolve("cabinet/tall.obj"));
    MeshWriters.write(MeshPrimitives.icosphere(3, 2), dir.resolve("lamp/globe.ply"));
    MeshWriters.write(MeshPrimitives.box(1, 1, 1), dir.resolve("loose.glb"));
    MeshFileSource source = MeshFileSource.ofDirectory(dir);
    assertThat(source.categories()).containsExactly("cabinet", "lamp", "uncategorized");
    ShapeRef globe = source.shapes("lamp", 10, 0).get(0);
    SourceShape shape = source.load(globe);
    assertThat(shape.mesh().bounds().longestSide()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(shape.occupancy().inside(0, 0, 0)).isTrue();
    assertThat(shape.occupancy().inside(0.45, 0.45, 0.45)).isFalse();
    assertThatThrownBy(() -> source.shapes("car", 1, 0)).isInstanceOf(ReconException.class).hasMessageContaining("car");
  }

  @Test
  void aZipOfMeshesBuildsADataset(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("src");
    MeshWriters.write(MeshPrimitives.box(2, 1, 1), dir.resolve("a.obj"));
    Path zip = tmp.resolve("meshes.zip");
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("table/box.obj"));
      z.write(Files.readAllBytes(dir.resolve("a.obj")));
      z.closeEntry();
      z.putNextEntry(new ZipEntry("readme.txt"));
      z.write("not a mesh".getBytes());
      z.closeEntry();
    }
    ShapeSource source = ShapeSources.open(zip.toString(), 32);
    assertThat(source.categories()).containsExactly("table");
    DatasetManifest m = new DatasetBuilder(source, TINY).build(tmp.resolve("ds"), Progress.NONE);
    assertThat(m.shapes()).singleElement().satisfies(s -> assertThat(s.category()).isEqualTo("table"));
    assertThat(m.source()).isEqualTo("archive");
    assertThat(m.categories()).isEqualTo(List.of("table"));
  }

  @Test
  void anUnknownSourceIsAClearError(@TempDir Path tmp) {
    assertThatThrownBy(() -> ShapeSources.open(tmp.resolve("missing").toString(), 32))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("source_not_found"));
  }
}
