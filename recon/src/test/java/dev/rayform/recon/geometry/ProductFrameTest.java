package dev.rayform.recon.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.rayform.recon.ReconException;
import org.junit.jupiter.api.Test;

class ProductFrameTest {
  /** A lopsided, off-centre mesh: a sphere stretched 2 x 1 x 0.5 and moved away from the origin. */
  private static Mesh product() {
    return MeshPrimitives.icosphere(0.5, 3).transformed(new double[] {2, 0, 0, 3, 0, 1, 0, -4, 0, 0, 0.5, 7});
  }

  @Test
  void allThreeDimensionsFitEachAxisInMetresWithTheOriginAtTheBaseCentre() {
    ProductFrame.Placed placed = ProductFrame.place(product(), RealDimensions.parse("50", "40", "100", "cm"));
    Aabb b = placed.mesh().bounds();
    assertThat(placed.units()).isEqualTo("m");
    assertThat(b.sizeX()).isCloseTo(0.5, offset(1e-6));
    assertThat(b.sizeY()).isCloseTo(1.0, offset(1e-6));
    assertThat(b.sizeZ()).isCloseTo(0.4, offset(1e-6));
    assertThat(b.minY()).isCloseTo(0, offset(1e-7));
    assertThat(b.centerX()).isCloseTo(0, offset(1e-7));
    assertThat(b.centerZ()).isCloseTo(0, offset(1e-7));
    assertThat(placed.mesh().hasNormals()).isTrue();
  }

  @Test
  void oneDimensionScalesUniformlyAndTwoMeetTheGivenOnesExactly() {
    Mesh m = product();
    Aabb before = m.bounds();
    Aabb one = ProductFrame.place(m, RealDimensions.parse("", "", "36", "in")).mesh().bounds();
    assertThat(one.sizeY()).isCloseTo(0.9144, offset(1e-6));
    assertThat(one.sizeX() / one.sizeY()).isCloseTo(before.sizeX() / before.sizeY(), offset(1e-5));
    assertThat(one.sizeZ() / one.sizeY()).isCloseTo(before.sizeZ() / before.sizeY(), offset(1e-5));

    ProductFrame.Placed two = ProductFrame.place(m, RealDimensions.parse("3", "", "2", "ft"));
    Aabb b = two.mesh().bounds();
    assertThat(b.sizeX()).isCloseTo(0.9144, offset(1e-6));
    assertThat(b.sizeY()).isCloseTo(0.6096, offset(1e-6));
    assertThat(two.scale()[2]).isCloseTo(Math.sqrt(two.scale()[0] * two.scale()[1]), offset(1e-9));
  }

  @Test
  void withoutDimensionsTheFrameIsTheSameInNormalisedUnits() {
    ProductFrame.Placed placed = ProductFrame.place(product(), null);
    Aabb b = placed.mesh().bounds();
    assertThat(placed.units()).isEqualTo("normalized");
    assertThat(b.longestSide()).isCloseTo(1, offset(1e-6));
    assertThat(b.minY()).isCloseTo(0, offset(1e-7));
    assertThat(b.centerX()).isCloseTo(0, offset(1e-7));
    assertThat(b.sizeX() / b.sizeZ()).isCloseTo(4, offset(1e-4));
  }

  @Test
  void dimensionsAreCheckedWithAStableCode() {
    assertThat(RealDimensions.parse(" ", "", null, "")).isNull();
    assertThat(RealDimensions.parse("1200", "", "", "MM").width()).isCloseTo(1.2, offset(1e-12));
    for (String[] bad : new String[][] {{"1", "", "", ""}, {"1", "", "", "furlong"}, {"wide", "", "", "m"}, {"-2", "", "", "m"}, {"NaN", "", "", "m"}}) {
      assertThatThrownBy(() -> RealDimensions.parse(bad[0], bad[1], bad[2], bad[3]))
          .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo(RealDimensions.INVALID));
    }
    Mesh flat = Mesh.of(new float[] {0, 0, 0, 1, 0, 0, 0, 0, 1}, new int[] {0, 2, 1});
    assertThatThrownBy(() -> ProductFrame.place(flat, RealDimensions.parse("", "", "1", "m")))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo(ProductFrame.FLAT_MESH));
  }
}
