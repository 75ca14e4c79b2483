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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The training families beside the 13 classes (light fittings, seating): each a second family of one
 * category that leaves the classes' shapes as they were.
 */
class TrainingFamiliesTest {

  private static String category(ProceduralFamily family) {
    return family.categories().get(0);
  }

  @ParameterizedTest
  @EnumSource(names = {"LIGHT_FITTINGS", "SEATING"})
  void isOneCategoryUnderItsOwnSourceName(ProceduralFamily family) {
    assertThat(family.categories()).containsExactly(family == ProceduralFamily.SEATING ? "chair" : "lamp");
    ShapeSource source = ShapeSources.open(family.sourceName(), 32);
    assertThat(source.name()).isEqualTo(family.sourceName());
    assertThat(source.categories()).containsExactly(category(family));
    assertThat(ShapeSources.NAMED).contains("procedural", family.sourceName());
    assertThat(ProceduralFamily.named(family.sourceName())).isSameAs(family);
    assertThatThrownBy(() -> ProceduralFamily.named("procedural-sofas"))
        .isInstanceOf(ReconException.class)
        .hasMessageContaining(family.sourceName())
        .satisfies(e -> assertThat(((ReconException) e).code()).isEqualTo("source_not_found"));
    assertThat(ShapeSources.open("procedural", 32).name()).isEqualTo("procedural");
    assertThatThrownBy(() -> source.shapes("sofa", 1, 0))
        .isInstanceOf(ReconException.class)
        .hasMessageContaining(family.sourceName())
        .satisfies(e -> assertThat(((ReconException) e).code()).isEqualTo("unknown_category"));
    assertThatThrownBy(() -> ProceduralGenerator.generate(family, "sofa", 1))
        .isInstanceOf(ReconException.class)
        .satisfies(e -> assertThat(((ReconException) e).code()).isEqualTo("unknown_category"));
  }

  @ParameterizedTest
  @EnumSource(names = {"LIGHT_FITTINGS", "SEATING"})
  void aSourceShapeIsTheGeneratorsShapeForItsSeed(ProceduralFamily family) {
    ShapeSource source = ShapeSources.open(family.sourceName(), 32);
    ShapeRef ref = source.shapes(category(family), 2, 9).get(1);
    var loaded = source.load(ref);
    ProceduralShape shape = ProceduralGenerator.generate(family, category(family), Long.parseUnsignedLong(ref.sourceId()));
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 500; i++) {
      double x = r.nextDouble(-0.55, 0.55), y = r.nextDouble(-0.55, 0.55), z = r.nextDouble(-0.55, 0.55);
      assertThat(loaded.occupancy().inside(x, y, z)).isEqualTo(shape.occupancy().inside(x, y, z));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"LIGHT_FITTINGS", "SEATING"})
  void sameSeedSameShapeAndNotTheClassesShapeOfThatSeed(ProceduralFamily family) {
    String category = category(family);
    for (long seed = 0; seed < 5; seed++) {
      ProceduralShape a = ProceduralGenerator.generate(family, category, seed);
      ProceduralShape b = ProceduralGenerator.generate(family, category, seed);
      ProceduralShape classes = ProceduralGenerator.generate(category, seed);
      assertThat(ProceduralGeneratorTest.fingerprint(b)).isEqualTo(ProceduralGeneratorTest.fingerprint(a));
      assertThat(ProceduralGeneratorTest.fingerprint(classes)).isNotEqualTo(ProceduralGeneratorTest.fingerprint(a));
      assertThat(a.category()).isEqualTo(category);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"LIGHT_FITTINGS", "SEATING"})
  void everySeedGivesANormalisedNonEmptySolid(ProceduralFamily family) {
    SplittableRandom r = new SplittableRandom(11);
    for (long seed = 0; seed < 40; seed++) {
      ProceduralShape shape = ProceduralGenerator.generate(family, category(family), seed);
      Aabb box = shape.bounds();
      assertThat(box.longestSide()).as("#%d longest side", seed).isCloseTo(1, within(0.01));
      assertThat(box.centerX()).isCloseTo(0, within(0.01));
      assertThat(box.centerY()).isCloseTo(0, within(0.01));
      assertThat(box.centerZ()).isCloseTo(0, within(0.01));
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

  @ParameterizedTest
  @EnumSource(names = {"LIGHT_FITTINGS", "SEATING"})
  void theBoxIsTightOnEverySide(ProceduralFamily family) {
    for (long seed = 0; seed < 3; seed++) {
      ProceduralShape shape = ProceduralGenerator.generate(family, category(family), seed);
      Aabb box = shape.bounds();
      double[] reach = FaceProbe.reach(shape.sdf(), box, 100, 0.004);
      double[] want = {box.minX(), box.minY(), box.minZ(), box.maxX(), box.maxY(), box.maxZ()};
      for (int f = 0; f < 6; f++) {
        assertThat(reach[f]).as("#%d face %d", seed, f).isCloseTo(want[f], within(0.01));
      }
    }
  }

  @Test
  void lightFittingsPaintTheirBodyAndTheirLitParts() {
    for (long seed = 0; seed < 10; seed++) {
      assertThat(ProceduralGenerator.generate(ProceduralFamily.LIGHT_FITTINGS, "lamp", seed).parts())
          .extracting(p -> p.name()).containsExactly("body", "glow");
    }
  }

  @Test
  void seatingDrawsEveryKind() {
    // Each kind names its first part its own way: stool "seat", folding chair and deckchair "frame"
    // (the deckchair's frame with a sling beside it too), lounger "shell", club chair "body".
    Set<String> first = new HashSet<>(), all = new HashSet<>();
    for (long seed = 0; seed < 60; seed++) {
      List<String> names = ProceduralGenerator.generate(ProceduralFamily.SEATING, "chair", seed).parts().stream()
          .map(p -> p.name()).toList();
      first.add(names.get(0));
      all.addAll(names);
    }
    assertThat(first).containsExactlyInAnyOrder("seat", "frame", "shell", "body");
    assertThat(all).contains("sling", "seat and back", "ottoman", "base", "back");
  }

  /** As ProceduralGeneratorTest's fingerprints: a change that alters these shapes is noticed. */
  @Test
  void seedZeroHasItsRecordedFingerprint() {
    long lights = ProceduralGeneratorTest.fingerprint(ProceduralGenerator.generate(ProceduralFamily.LIGHT_FITTINGS, "lamp", 0));
    assertThat(Long.toHexString(lights)).isEqualTo("2ca2ce0759e8c7f6");
    long seating = ProceduralGeneratorTest.fingerprint(ProceduralGenerator.generate(ProceduralFamily.SEATING, "chair", 0));
    assertThat(Long.toHexString(seating)).isEqualTo("b5f785cf8b3899c5");
  }
}
