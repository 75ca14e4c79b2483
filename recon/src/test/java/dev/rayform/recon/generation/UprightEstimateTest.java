package dev.rayform.recon.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A product reconstructed in its photo's camera frame leans back by the camera's elevation; the
 * estimate must stand it upright again, from the shape alone.
 */
class UprightEstimateTest {
  /** A table in its own frame (y up): a 1.2 x 0.8 top 0.75 high on four legs. */
  private static Mesh table() {
    Mesh top = MeshPrimitives.box(1.2, 0.05, 0.8).translatedScaled(0, -0.725, 0, 1);
    double[][] legs = {{-0.55, -0.35}, {0.55, -0.35}, {-0.55, 0.35}, {0.55, 0.35}};
    List<Mesh> parts = new java.util.ArrayList<>(List.of(top));
    for (double[] leg : legs) {
      parts.add(MeshPrimitives.box(0.05, 0.7, 0.05).translatedScaled(-leg[0], -0.35, -leg[1], 1));
    }
    return Mesh.concat(parts);
  }

  /** The object as a camera at this azimuth and elevation sees it, in the viewer frame (y up of the camera). */
  private static Mesh photographed(Mesh object, double azimuth, double elevation) {
    Mesh camera = object.transformed(Extrinsics.orbit(azimuth, elevation, 2.5).worldToCameraMatrix());
    return CameraToObject.toViewerFrame(camera);
  }

  @ParameterizedTest
  @CsvSource({"20, 10", "35, 25", "-15, 40", "10, 55", "0, 30"})
  void aTablePhotographedFromAboveIsStoodUprightWithItsOwnSides(double azimuth, double elevation) {
    Mesh viewer = photographed(table(), azimuth, elevation);
    UprightEstimate.Orientation o = UprightEstimate.estimate(viewer);
    assertThat(o.pitchDegrees()).as("pitch").isCloseTo(elevation, within(2.0));
    // The yaw squares the table to the axes, turning it by the camera's azimuth.
    assertThat(o.yawDegrees()).as("yaw").isCloseTo(azimuth, within(3.0));

    Aabb box = viewer.transformed(o.matrix()).bounds();
    assertThat(box.sizeY()).as("height").isCloseTo(0.75, within(0.04));
    assertThat(box.sizeX()).as("width").isCloseTo(1.2, within(0.06));
    assertThat(box.sizeZ()).as("depth").isCloseTo(0.8, within(0.06));
  }

  @Test
  void theCameraFrameWithoutCorrectionLeansBackByTheElevation() {
    // The defect the estimate removes: seen from 30 degrees up, the table's box is far from its own.
    Aabb leaning = photographed(table(), 0, 30).bounds();
    assertThat(leaning.sizeY()).isGreaterThan(0.75 + 0.2);
    Aabb upright = CameraToObject.toUpright(table().transformed(Extrinsics.orbit(0, 30, 2.5).worldToCameraMatrix())).bounds();
    assertThat(upright.sizeY()).isCloseTo(0.75, within(0.04));
  }

  @Test
  void aStrayFragmentDoesNotTiltTheProduct() {
    Mesh stray = MeshPrimitives.box(0.01, 0.01, 0.01).translatedScaled(-0.9, -1.1, 0.4, 1);
    Mesh viewer = photographed(Mesh.concat(List.of(table(), stray)), 25, 30);
    assertThat(UprightEstimate.estimate(viewer).pitchDegrees()).isCloseTo(30, within(2.0));
  }

  @Test
  void theUprightingIsARotation() {
    double[] m = new UprightEstimate.Orientation(27, -13).matrix();
    for (int i = 0; i < 3; i++) {
      assertThat(m[4 * i + 3]).isZero();
      for (int j = 0; j < 3; j++) {
        double dot = m[4 * i] * m[4 * j] + m[4 * i + 1] * m[4 * j + 1] + m[4 * i + 2] * m[4 * j + 2];
        assertThat(dot).isCloseTo(i == j ? 1 : 0, within(1e-12));
      }
    }
    // The world's up as the camera sees it, (0, cos p, sin p), becomes y.
    double p = Math.toRadians(27);
    double[] up = {0, Math.cos(p), Math.sin(p)};
    assertThat(m[0] * up[0] + m[1] * up[1] + m[2] * up[2]).isCloseTo(0, within(1e-12));
    assertThat(m[4] * up[0] + m[5] * up[1] + m[6] * up[2]).isCloseTo(1, within(1e-12));
  }

  @Test
  void anEmptyMeshStaysLevel() {
    UprightEstimate.Orientation o = UprightEstimate.estimate(Mesh.empty());
    assertThat(o.pitchDegrees()).isZero();
    assertThat(o.yawDegrees()).isZero();
    assertThat(CameraToObject.toUpright(Mesh.empty()).isEmpty()).isTrue();
  }

  @Test
  void selectionGivesWhatSortingWould() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int n : new int[] {1, 2, 3, 10, 101, 3000}) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = random.nextInt(7) == 0 ? 0.5 : random.nextDouble(); // ties as well
      }
      double[] sorted = v.clone();
      java.util.Arrays.sort(sorted);
      for (int k : new int[] {0, n / 100, n / 2, n - 1 - n / 100, n - 1}) {
        assertThat(UprightEstimate.select(v.clone(), k)).as("n %d, k %d", n, k).isEqualTo(sorted[k]);
      }
    }
  }

  @Test
  void aKnownElevationIsTakenAsGivenAndOnlyTheYawIsRead() {
    Mesh viewer = photographed(table(), 20, 12.5);
    UprightEstimate.Orientation o = UprightEstimate.estimate(viewer, 12.5);
    assertThat(o.pitchDegrees()).isEqualTo(12.5);
    assertThat(o.yawDegrees()).isCloseTo(20, within(3.0));
    assertThat(viewer.transformed(o.matrix()).bounds().sizeY()).isCloseTo(0.75, within(0.02));
    assertThat(UprightEstimate.estimate(Mesh.empty(), 12.5).pitchDegrees()).isEqualTo(12.5);
    assertThatThrownBy(() -> UprightEstimate.estimate(viewer, 90.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UprightEstimate.estimate(viewer, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
