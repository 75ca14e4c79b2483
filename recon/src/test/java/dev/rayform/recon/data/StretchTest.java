package dev.rayform.recon.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.MeshPrimitives;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StretchTest {
  /** A box of sides 1 x 0.5 x 0.25 (already normalised), its occupancy exact. */
  private static final SourceShape BOX = new SourceShape(new ShapeRef("box/a", "box", "a"), MeshPrimitives.box(1, 0.5, 0.25),
      (x, y, z) -> Math.abs(x) <= 0.5 && Math.abs(y) <= 0.25 && Math.abs(z) <= 0.125, "a box by someone");

  @Test
  void stretchesAlongEachAxisAndNormalisesAgainWithTheOccupancyThatGoesWithIt() {
    // 1 x 0.5 x 0.25 stretched by (0.5, 1.5, 4): 0.5 x 0.75 x 1, normalised already.
    ShapeRef copy = new ShapeRef("box/a-stretch1", "box", "a");
    SourceShape s = new Stretch(0.5, 1.5, 4).apply(BOX, copy);
    Aabb b = s.mesh().bounds();
    assertThat(b.sizeX()).isCloseTo(0.5, within(1e-6));
    assertThat(b.sizeY()).isCloseTo(0.75, within(1e-6));
    assertThat(b.sizeZ()).isCloseTo(1.0, within(1e-6));
    assertThat(s.ref()).isEqualTo(copy);
    assertThat(s.attribution()).startsWith("a box by someone, stretched by 0.500 x 1.500 x 4.000");
    assertThat(s.occupancy().inside(0.24, 0.37, 0.49)).isTrue();
    assertThat(s.occupancy().inside(0.26, 0, 0)).isFalse();
    assertThat(s.occupancy().inside(0, 0.38, 0)).isFalse();
    assertThat(s.occupancy().inside(0, 0, 0.51)).isFalse();
  }

  @Test
  void anOffCentreShapeIsCentredAgainAndItsOccupancyFollows() {
    // A box of 0.5 x 0.5 x 0.5 whose centre is at x = 0.25: doubled along x it is 1 x 0.5 x 0.5 about the origin.
    SourceShape offCentre = new SourceShape(BOX.ref(), MeshPrimitives.box(0.5, 0.5, 0.5).translatedScaled(-0.25, 0, 0, 1),
        (x, y, z) -> x >= 0 && x <= 0.5 && Math.abs(y) <= 0.25 && Math.abs(z) <= 0.25, null);
    SourceShape s = new Stretch(2, 1, 1).apply(offCentre, BOX.ref());
    assertThat(s.mesh().bounds().centerX()).isCloseTo(0, within(1e-6));
    assertThat(s.mesh().bounds().sizeX()).isCloseTo(1, within(1e-6));
    assertThat(s.occupancy().inside(-0.49, 0, 0)).isTrue();
    assertThat(s.occupancy().inside(0.49, 0.24, -0.24)).isTrue();
    assertThat(s.occupancy().inside(0, 0.26, 0)).isFalse();
    assertThat(s.attribution()).isNull();
  }

  @Test
  void drawsReproducibleFactorsWithinTheRange() {
    SplittableRandom seeds = new SplittableRandom(7);
    double lo = Double.MAX_VALUE, hi = 0;
    for (int i = 0; i < 2000; i++) {
      long seed = seeds.nextLong();
      Stretch s = Stretch.draw(seed);
      assertThat(Stretch.draw(seed)).isEqualTo(s);
      for (double f : new double[] {s.x(), s.y(), s.z()}) {
        lo = Math.min(lo, f);
        hi = Math.max(hi, f);
      }
    }
    assertThat(lo).isGreaterThanOrEqualTo(1 / Stretch.MAX_FACTOR).isLessThan(1 / Stretch.MAX_FACTOR + 0.01);
    assertThat(hi).isLessThanOrEqualTo(Stretch.MAX_FACTOR).isGreaterThan(Stretch.MAX_FACTOR - 0.01);
    assertThatThrownBy(() -> new Stretch(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Stretch(1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
