package dev.rayform.recon.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import dev.rayform.recon.geometry.io.MeshReaders;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.BitPacking;
import dev.rayform.recon.rays.DepthSampling;
import dev.rayform.recon.rays.RayLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderTest {
  private static final DatasetSpec SMALL = DatasetSpec.defaults()
      .withCategories(List.of("chair", "table"))
      .withShapes(2, 2)
      .withSeed(42)
      .withSizes(64, 300, 2000, 2000)
      .withDepths(new DepthSampling(32, 0.63, 2.16));

  @Test
  void buildsIdenticallyTwiceWithTheSameSeed(@TempDir Path tmp) throws IOException {
    DatasetManifest a = new DatasetBuilder(new ProceduralSource(48), SMALL).build(tmp.resolve("a"), Progress.NONE);
    new DatasetBuilder(new ProceduralSource(48), SMALL).build(tmp.resolve("b"), Progress.NONE);
    Map<String, byte[]> filesA = files(tmp.resolve("a")), filesB = files(tmp.resolve("b"));
    assertThat(filesA.keySet()).isEqualTo(filesB.keySet());
    // 4 shapes x (mesh, points, surface, rays, cameras, 2 views) + manifest.
    assertThat(filesA).hasSize(4 * 7 + 1);
    for (String name : filesA.keySet()) {
      assertThat(filesB.get(name)).as(name).isEqualTo(filesA.get(name));
    }
    assertThat(a.shapes()).hasSize(4);
    assertThat(a.failures()).isEmpty();
    assertThat(a.splits().get("train") + a.splits().get("val") + a.splits().get("test")).isEqualTo(4);
    assertThat(a.splits().get("test")).isEqualTo(2);
  }

  @Test
  void aTrainingPoolCanVaryItsLightAndSkipPointsOfTrainingShapes(@TempDir Path tmp) throws IOException {
    DatasetSpec pool = SMALL.withShapes(4, 2).withSplits(0.25, 0).withVariedLight(true).withTrainPoints(false);
    DatasetManifest m = new DatasetBuilder(new ProceduralSource(48), pool).build(tmp.resolve("pool"), Progress.NONE);
    new DatasetBuilder(new ProceduralSource(48), pool.withVariedLight(false)).build(tmp.resolve("fixed"), Progress.NONE);
    assertThat(m.variedLight()).isTrue();
    assertThat(m.trainWithoutPoints()).isTrue();
    assertThat(DatasetManifest.read(tmp.resolve("pool"))).isEqualTo(m);
    assertThat(m.splits()).containsEntry("train", 6).containsEntry("val", 2).containsEntry("test", 0);
    int lit = 0;
    for (DatasetManifest.Shape shape : m.shapes()) {
      Path dir = tmp.resolve("pool").resolve(shape.path()), fixed = tmp.resolve("fixed").resolve(shape.path());
      boolean train = shape.split().equals("train");
      assertThat(Files.exists(dir.resolve("points.bin"))).as(shape.id()).isEqualTo(!train);
      assertThat(Files.exists(dir.resolve("surface.bin"))).as(shape.id()).isEqualTo(!train);
      // Same geometry, cameras and labels; only the shading differs.
      assertThat(Files.readAllBytes(dir.resolve("rays.bin"))).isEqualTo(Files.readAllBytes(fixed.resolve("rays.bin")));
      assertThat(Files.readAllBytes(dir.resolve("cameras.json"))).isEqualTo(Files.readAllBytes(fixed.resolve("cameras.json")));
      for (int v = 0; v < 2; v++) {
        String view = String.format("view_%02d.png", v);
        lit += java.util.Arrays.equals(Files.readAllBytes(dir.resolve(view)), Files.readAllBytes(fixed.resolve(view))) ? 0 : 1;
      }
    }
    assertThat(lit).isEqualTo(16);
  }

  @Test
  void viewsAreDrawnFromTheElevationsAsked(@TempDir Path tmp) throws IOException {
    assertThat(SMALL.minElevation()).isEqualTo(20);
    assertThat(SMALL.maxElevation()).isEqualTo(40);
    DatasetManifest m = new DatasetBuilder(new ProceduralSource(48), SMALL.withShapes(3, 2).withElevations(0, 5))
        .build(tmp.resolve("low"), Progress.NONE);
    assertThat(m.elevations()).isEqualTo(new DatasetManifest.Elevations(0, 5));
    assertThat(DatasetManifest.read(tmp.resolve("low"))).isEqualTo(m);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    int views = 0;
    for (DatasetManifest.Shape shape : m.shapes()) {
      for (com.fasterxml.jackson.databind.JsonNode view : json.readTree(tmp.resolve("low").resolve(shape.path()).resolve("cameras.json").toFile())) {
        assertThat(view.get("elevation").asDouble()).as(shape.id()).isBetween(0.0, 5.0);
        views++;
      }
    }
    assertThat(views).isEqualTo(12);
    assertThatThrownBy(() -> SMALL.withElevations(40, 20)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SMALL.withElevations(0, 90)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stretchedCopiesAreTrainingShapesOfTheirOwnAndLeaveTheHeldOutOnesAsTheyWere(@TempDir Path tmp) throws IOException {
    DatasetSpec plain = SMALL.withShapes(4, 2).withSplits(0.25, 0.25).withTrainPoints(false);
    ProceduralSource source = new ProceduralSource(48);
    DatasetManifest before = new DatasetBuilder(source, plain).build(tmp.resolve("plain"), Progress.NONE);
    DatasetManifest m = new DatasetBuilder(source, plain.withStretchedCopies(2)).build(tmp.resolve("stretched"), Progress.NONE);
    assertThat(m.stretchedCopies()).isEqualTo(2);
    assertThat(DatasetManifest.read(tmp.resolve("stretched"))).isEqualTo(m);
    assertThat(m.splits()).containsEntry("train", 4 * 3).containsEntry("val", 2).containsEntry("test", 2);
    assertThat(m.failures()).isEmpty();
    for (DatasetManifest.Shape original : before.shapes()) {
      Path a = tmp.resolve("plain").resolve(original.path()), b = tmp.resolve("stretched").resolve(original.path());
      // Every shape of the plain build is there byte for byte, in its split.
      assertThat(m.shapes()).contains(original);
      assertThat(Files.readAllBytes(b.resolve("rays.bin"))).isEqualTo(Files.readAllBytes(a.resolve("rays.bin")));
      assertThat(Files.readAllBytes(b.resolve("view_00.png"))).isEqualTo(Files.readAllBytes(a.resolve("view_00.png")));
      List<DatasetManifest.Shape> copies = m.shapes().stream()
          .filter(s -> s.id().startsWith(original.id() + DatasetBuilder.STRETCHED)).toList();
      if (!original.split().equals("train")) {
        assertThat(copies).isEmpty();
        continue;
      }
      assertThat(copies).extracting(DatasetManifest.Shape::id)
          .containsExactly(original.id() + DatasetBuilder.STRETCHED + 1, original.id() + DatasetBuilder.STRETCHED + 2);
      Aabb o = MeshReaders.read(a.resolve("mesh.ply")).bounds();
      for (DatasetManifest.Shape copy : copies) {
        assertThat(copy.split()).isEqualTo("train");
        assertThat(copy.sourceId()).isEqualTo(original.sourceId());
        assertThat(copy.category()).isEqualTo(original.category());
        Path c = tmp.resolve("stretched").resolve(copy.path());
        Aabb s = MeshReaders.read(c.resolve("mesh.ply")).bounds();
        assertThat(s.longestSide()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-4));
        // The proportions are the original's times the drawn factors.
        Stretch f = Stretch.draw(Seeds.mix(42, copy.id() + "/stretch"));
        assertThat(s.sizeY() / s.sizeX()).isCloseTo(o.sizeY() / o.sizeX() * f.y() / f.x(), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(s.sizeZ() / s.sizeX()).isCloseTo(o.sizeZ() / o.sizeX() * f.z() / f.x(), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(Files.readAllBytes(c.resolve("rays.bin"))).isNotEqualTo(Files.readAllBytes(a.resolve("rays.bin")));
        assertThat(DatasetFiles.readRays(c.resolve("rays.bin")).views().get(0).occupiedFraction()).isGreaterThan(0.0);
      }
    }
  }

  @Test
  void differentSeedsGiveDifferentData(@TempDir Path tmp) throws IOException {
    new DatasetBuilder(new ProceduralSource(48), SMALL).build(tmp.resolve("a"), Progress.NONE);
    new DatasetBuilder(new ProceduralSource(48), SMALL.withSeed(43)).build(tmp.resolve("b"), Progress.NONE);
    assertThat(Files.readAllBytes(tmp.resolve("a/shapes/chair/000000/rays.bin")))
        .isNotEqualTo(Files.readAllBytes(tmp.resolve("b/shapes/chair/000000/rays.bin")));
  }

  @Test
  void labelsAndPointsAgreeWithTheShapesOccupancy(@TempDir Path tmp) {
    ProceduralSource source = new ProceduralSource(48);
    DatasetManifest m = new DatasetBuilder(source, SMALL).build(tmp, Progress.NONE);
    DatasetManifest read = DatasetManifest.read(tmp);
    assertThat(read).isEqualTo(m);
    DatasetManifest.Shape shape = m.shapes().get(0);
    SourceShape loaded = source.load(new ShapeRef(shape.id(), shape.category(), shape.sourceId()));
    Path dir = tmp.resolve(shape.path());

    DatasetFiles.LabelledPoints points = DatasetFiles.readPoints(dir.resolve("points.bin"));
    assertThat(points.occupied()).hasSize(2000);
    for (int i = 0; i < 2000; i++) {
      float[] p = points.xyz();
      assertThat(points.occupied()[i]).isEqualTo(loaded.occupancy().inside(p[3 * i], p[3 * i + 1], p[3 * i + 2]));
    }
    DatasetFiles.RayShard shard = DatasetFiles.readRays(dir.resolve("rays.bin"));
    assertThat(shard.views()).hasSize(2);
    assertThat(shard.m()).isEqualTo(32);
    RayLabels first = shard.views().get(0);
    assertThat(first.k()).isEqualTo(300);
    assertThat(first.occupiedFraction()).isGreaterThan(0.0).isLessThan(0.5);

    dev.rayform.recon.eval.SurfaceSamples surface = DatasetFiles.readSurface(dir.resolve("surface.bin"));
    assertThat(surface.points()).hasSize(6000);
    Mesh mesh = MeshReaders.read(dir.resolve("mesh.ply"));
    assertThat(mesh.bounds().longestSide()).isBetween(0.97, 1.01);
  }

  @Test
  void aShapeThatFailsIsRecordedAndTheOthersGoOn(@TempDir Path tmp) {
    ShapeSource flaky = new ShapeSource() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public List<String> categories() {
        return List.of("box");
      }

      @Override
      public List<ShapeRef> shapes(String category, int limit, long seed) {
        return List.of(new ShapeRef("box/good", "box", "good"), new ShapeRef("box/bad", "box", "bad"));
      }

      @Override
      public SourceShape load(ShapeRef ref) {
        if (ref.sourceId().equals("bad")) {
          throw new dev.rayform.recon.ReconException("mesh_malformed", "broken on purpose");
        }
        return new SourceShape(ref, MeshPrimitives.box(1, 0.5, 0.5), (x, y, z) -> Math.abs(x) < 0.5 && Math.abs(y) < 0.25 && Math.abs(z) < 0.25, "test box");
      }
    };
    DatasetManifest m = new DatasetBuilder(flaky, SMALL.withCategories(List.of())).build(tmp, Progress.NONE);
    assertThat(m.shapes()).extracting(DatasetManifest.Shape::id).containsExactly("box/good");
    assertThat(m.failures()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("box/bad");
      assertThat(f.code()).isEqualTo("mesh_malformed");
    });
    assertThat(tmp.resolve("ATTRIBUTION.md")).content().contains("test box");
  }

  @Test
  void splitsCoverEveryShapeOnce() {
    List<String> s = Splits.assign(20, 0.1, 0.2, 1);
    assertThat(s).hasSize(20);
    assertThat(s.stream().filter("test"::equals).count()).isEqualTo(4);
    assertThat(s.stream().filter("val"::equals).count()).isEqualTo(2);
    assertThat(Splits.assign(20, 0.1, 0.2, 1)).isEqualTo(s);
    assertThat(BitPacking.packedLength(9)).isEqualTo(2);
  }

  private static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
