package dev.rayform.recon.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeshTest {

  @Test
  void unitCubeHasAreaSix() {
    assertThat(MeshPrimitives.box(1, 1, 1).area()).isCloseTo(6.0, within(1e-12));
  }

  @Test
  void icosphereAreaConvergesToTheSphere() {
    double area = MeshPrimitives.icosphere(1, 5).area();
    assertThat(area).isCloseTo(4 * Math.PI, within(0.005 * 4 * Math.PI));
  }

  @Test
  void normalizationCentresTheBoxAndScalesTheLongestSideToOne() {
    Mesh m = MeshPrimitives.box(2, 4, 1).translatedScaled(-3, -1, 5, 1);
    Aabb b = Normalization.normalize(m).bounds();
    assertThat(b.longestSide()).isCloseTo(1, within(1e-6));
    assertThat(b.centerX()).isCloseTo(0, within(1e-6));
    assertThat(b.centerY()).isCloseTo(0, within(1e-6));
    assertThat(b.centerZ()).isCloseTo(0, within(1e-6));
    assertThat(b.sizeX()).isCloseTo(0.5, within(1e-6));
  }

  @Test
  void invalidArraysAreRefusedWithAClearError() {
    assertThatThrownBy(() -> Mesh.of(new float[] {0, 0, 0}, new int[] {0, 0, 1}))
        .isInstanceOf(InvalidMeshException.class).hasMessageContaining("references vertex 1");
    assertThatThrownBy(() -> Mesh.of(new float[] {Float.NaN, 0, 0}, new int[0]))
        .isInstanceOf(InvalidMeshException.class).hasMessageContaining("non-finite");
    assertThatThrownBy(() -> Normalization.normalize(Mesh.empty())).isInstanceOf(InvalidMeshException.class);
  }

  @Test
  void mirroringKeepsFacesOutward() {
    Mesh box = MeshPrimitives.box(1, 1, 1);
    Mesh mirrored = box.transformed(new double[] {-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
    double[] n = mirrored.faceCross(0);
    // Face 0 is the -x face; mirrored in x it becomes the +x face and must point along +x.
    assertThat(n[0]).isPositive();
  }

  @Test
  void faceCornerCoordinatesFollowTheirCornersThroughMirroringAndConcatenation() {
    Mesh tri = Mesh.of(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2}).withCornerUvs(new float[] {0, 0, 1, 0, 0, 1});
    Mesh mirrored = tri.transformed(new double[] {-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
    // Corners 1 and 2 swap places to keep the face outward; each keeps its own coordinates.
    assertThat(mirrored.triangles()).containsExactly(0, 2, 1);
    assertThat(mirrored.cornerUvs()).containsExactly(0, 0, 0, 1, 1, 0);
    assertThat(tri.translatedScaled(1, 2, 3, 2).cornerUvs()).containsExactly(0, 0, 1, 0, 0, 1);
    Mesh plain = Mesh.of(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2});
    assertThat(Mesh.concat(java.util.List.of(plain, tri)).cornerUvs()).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1);
    assertThat(Mesh.concat(java.util.List.of(plain, plain)).cornerUvs()).isNull();
    assertThatThrownBy(() -> tri.withCornerUvs(new float[] {0, 0, 1, 0})).isInstanceOf(InvalidMeshException.class)
        .hasMessageContaining("!= 6 per face x 1");
  }
}
