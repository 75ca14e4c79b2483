package dev.rayform.recon.data.procedural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.ShapeRef;
import dev.rayform.recon.data.ShapeSource;
import dev.rayform.recon.data.ShapeSources;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Occupancy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The light-fitting family: a second family of lamps that leaves the 13 categories' shapes as they were. */
class LightFittingsTest {
  private static final ProceduralFamily LIGHTS = ProceduralFamily.LIGHT_FITTINGS;

  @Test
  void isOneLampCategoryUnderItsOwnSourceName() {
    assertThat(LIGHTS.categories()).containsExactly("lamp");
    ShapeSource source = ShapeSources.open("procedural-lights", 32);
    assertThat(source.name()).isEqualTo("procedural-lights");
    assertThat(source.categories()).containsExactly("lamp");
    assertThat(ShapeSources.NAMED).contains("procedural", "procedural-lights");
    assertThat(ShapeSources.open("procedural", 32).name()).isEqualTo("procedural");
    assertThatThrownBy(() -> source.shapes("chair", 1, 0))
        .isInstanceOf(ReconException.class)
        .hasMessageContaining("procedural-lights")
        .satisfies(e -> assertThat(((ReconException) e).code()).isEqualTo("unknown_category"));
    assertThatThrownBy(() -> ProceduralGenerator.generate(LIGHTS, "sofa", 1))
        .isInstanceOf(ReconException.class)
        .satisfies(e -> assertThat(((ReconException) e).code()).isEqualTo("unknown_category"));
  }

  @Test
  void aSourceShapeIsTheGeneratorsShapeForItsSeed() {
    ShapeSource source = ShapeSources.open("procedural-lights", 32);
    ShapeRef ref = source.shapes("lamp", 2, 9).get(1);
    var loaded = source.load(ref);
    ProceduralShape shape = ProceduralGenerator.generate(LIGHTS, "lamp", Long.parseUnsignedLong(ref.sourceId()));
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 500; i++) {
      double x = r.nextDouble(-0.55, 0.55), y = r.nextDouble(-0.55, 0.55), z = r.nextDouble(-0.55, 0.55);
      assertThat(loaded.occupancy().inside(x, y, z)).isEqualTo(shape.occupancy().inside(x, y, z));
    }
  }

  @Test
  void sameSeedSameFittingAndNotTheClassesLampOfThatSeed() {
    for (long seed = 0; seed < 5; seed++) {
      ProceduralShape a = ProceduralGenerator.generate(LIGHTS, "lamp", seed);
      ProceduralShape b = ProceduralGenerator.generate(LIGHTS, "lamp", seed);
      ProceduralShape desk = ProceduralGenerator.generate("lamp", seed);
      assertThat(ProceduralGeneratorTest.fingerprint(b)).isEqualTo(ProceduralGeneratorTest.fingerprint(a));
      assertThat(ProceduralGeneratorTest.fingerprint(desk)).isNotEqualTo(ProceduralGeneratorTest.fingerprint(a));
      assertThat(a.category()).isEqualTo("lamp");
    }
  }

  @Test
  void everySeedGivesANormalisedNonEmptySolid() {
    SplittableRandom r = new SplittableRandom(11);
    for (long seed = 0; seed < 40; seed++) {
      ProceduralShape shape = ProceduralGenerator.generate(LIGHTS, "lamp", seed);
      Aabb box = shape.bounds();
      assertThat(box.longestSide()).as("#%d longest side", seed).isCloseTo(1, within(0.01));
      assertThat(box.centerX()).isCloseTo(0, within(0.01));
      assertThat(box.centerY()).isCloseTo(0, within(0.01));
      assertThat(box.centerZ()).isCloseTo(0, within(0.01));
      assertThat(shape.parts()).extracting(p -> p.name()).containsExactly("body", "glow");
      Occupancy occ = shape.occupancy();
      for (int i = 0; i < 1000; i++) {
        double x = r.nextDouble(-0.55, 0.55), y = r.nextDouble(-0.55, 0.55), z = r.nextDouble(-0.55, 0.55);
        if (!box.contains(x, y, z)) {
          assertThat(occ.inside(x, y, z)).as("#%d: inside point outside its bounds", seed).isFalse();
        }
      }
      int inside = 0, n = 4000;
      for (int i = 0; i < n; i++) {
        double x = r.nextDouble(box.minX(), box.maxX()), y = r.nextDouble(box.minY(), box.maxY());
        if (occ.inside(x, y, r.nextDouble(box.minZ(), box.maxZ()))) {
          inside++;
        }
      }
      assertThat((double) inside / n).as("#%d volume fraction of its box", seed).isBetween(0.002, 0.995);
    }
  }

  @Test
  void theBoxIsTightOnEverySide() {
    for (long seed = 0; seed < 3; seed++) {
      ProceduralShape shape = ProceduralGenerator.generate(LIGHTS, "lamp", seed);
      Aabb box = shape.bounds();
      double[] reach = FaceProbe.reach(shape.sdf(), box, 100, 0.004);
      double[] want = {box.minX(), box.minY(), box.minZ(), box.maxX(), box.maxY(), box.maxZ()};
      for (int f = 0; f < 6; f++) {
        assertThat(reach[f]).as("#%d face %d", seed, f).isCloseTo(want[f], within(0.01));
      }
    }
  }

  /** As ProceduralGeneratorTest's fingerprints: a change that alters these shapes is noticed. */
  @Test
  void seedZeroHasItsRecordedFingerprint() {
    long got = ProceduralGeneratorTest.fingerprint(ProceduralGenerator.generate(LIGHTS, "lamp", 0));
    assertThat(Long.toHexString(got)).isEqualTo("2ca2ce0759e8c7f6");
  }
}
