package dev.rayform.recon.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.TestMeshes;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import dev.rayform.recon.rays.DepthSampling;
import org.junit.jupiter.api.Test;

class FrustumGridTest {
  private static final Intrinsics K = Intrinsics.centered(224, 224, 1.45);
  private static final DepthSampling DEPTHS = DepthSampling.PAPER;
  private static final int RAYS = 128;
  private static final double R = 0.3;
  private static final double[] C = {0.06, -0.04, 1.4};

  @Test
  void sphereSeenAlongRaysComesBackAsTheSphere() {
    float[] probs = sphereProbs(RAYS, RAYS);
    for (int resolution : new int[] {64, 128}) {
      long start = System.nanoTime();
      ScalarGrid grid = FrustumGrid.resample(probs, RAYS, RAYS, DEPTHS, K, resolution);
      Mesh mesh = FrustumGrid.extractMesh(grid);
      double seconds = (System.nanoTime() - start) / 1e9;
      double volume = GenerationTestSupport.volume(mesh), area = mesh.area();
      double trueVolume = 4.0 / 3 * Math.PI * R * R * R, trueArea = 4 * Math.PI * R * R;
      System.out.printf("frustum grid %d: %dx%dx%d, volume %+.2f%%, area %+.2f%%, %.2f s%n", resolution, grid.nx(),
          grid.ny(), grid.nz(), 100 * (volume / trueVolume - 1), 100 * (area / trueArea - 1), seconds);
      assertThat(Math.max(grid.nx(), Math.max(grid.ny(), grid.nz()))).isEqualTo(resolution);
      assertThat(GenerationTestSupport.isClosed(mesh)).isTrue();
      // Level 0.2 on a 0/1 field puts the surface 0.8 of a sample step out from the last inside
      // sample: on average 0.3 steps outside the true surface.
      double radiusFromVolume = Math.cbrt(3 * volume / (4 * Math.PI));
      assertThat((radiusFromVolume - R) / grid.spacing()).isBetween(0.0, 0.5);
      if (resolution == 128) {
        // The area also carries marching cubes' terracing of a step field.
        assertThat(volume / trueVolume).isCloseTo(1, within(0.05));
        assertThat(area / trueArea).isCloseTo(1, within(0.10));
      }
      Aabb box = mesh.bounds();
      double tolerance = 1.5 * grid.spacing();
      assertThat(box.centerX()).isCloseTo(C[0], within(tolerance));
      assertThat(box.centerY()).isCloseTo(C[1], within(tolerance));
      assertThat(box.centerZ()).isCloseTo(C[2], within(tolerance));
      assertThat(box.sizeX()).isCloseTo(2 * R, within(2 * tolerance));
    }
  }

  @Test
  void smoothProbabilitiesGiveTheSphereWithinAPercent() {
    // A ramp through 0.2 on the sphere, as a network's soft output might be: trilinear reads it
    // almost exactly, so any misplaced ray, pixel or depth would show.
    float[] probs = sphereProbs(RAYS, RAYS, d -> Math.max(0, Math.min(1, 0.2 - d / 0.06)));
    ScalarGrid grid = FrustumGrid.resample(probs, RAYS, RAYS, DEPTHS, K, 96);
    Mesh mesh = FrustumGrid.extractMesh(grid);
    double volume = GenerationTestSupport.volume(mesh);
    System.out.printf("frustum grid smooth 96: volume %+.2f%%, area %+.2f%%%n",
        100 * (volume / (4.0 / 3 * Math.PI * R * R * R) - 1), 100 * (mesh.area() / (4 * Math.PI * R * R) - 1));
    assertThat(volume / (4.0 / 3 * Math.PI * R * R * R)).isCloseTo(1, within(0.01));
    assertThat(mesh.area() / (4 * Math.PI * R * R)).isCloseTo(1, within(0.01));
    Aabb box = mesh.bounds();
    assertThat(box.centerX()).isCloseTo(C[0], within(0.2 * grid.spacing()));
    assertThat(box.centerY()).isCloseTo(C[1], within(0.2 * grid.spacing()));
    assertThat(box.centerZ()).isCloseTo(C[2], within(0.2 * grid.spacing()));
  }

  @Test
  void gridCoversTheFrustumAndIsEmptyOutsideIt() {
    float[] probs = new float[8 * 4 * DEPTHS.m()];
    java.util.Arrays.fill(probs, 1f);
    ScalarGrid grid = FrustumGrid.resample(probs, 4, 8, DEPTHS, K, 40);
    double far = DEPTHS.dmax() * 112 / (1.45 * 224);
    assertThat(grid.originX()).isCloseTo(-far, within(grid.spacing()));
    assertThat(grid.originZ() + (grid.nz() - 1) * grid.spacing()).isCloseTo(DEPTHS.dmax(), within(grid.spacing()));
    int mid = grid.nx() / 2;
    int zMid = (int) Math.round((1.4 - grid.originZ()) / grid.spacing());
    assertThat(grid.get(mid, grid.ny() / 2, zMid)).isEqualTo(1f);
    assertThat(grid.get(0, 0, 0)).isEqualTo(0f);
    assertThat(FrustumGrid.extractMesh(grid).isEmpty()).isFalse();
  }

  @Test
  void cameraMeshGoesBackToTheObjectFrame() {
    Mesh object = TestMeshes.icosphere(2, 0.3, 0.1, -0.2, 0.05);
    Extrinsics e = Extrinsics.orbit(35, 25, 1.3);
    double scale = 0.6;
    Mesh camera = object.translatedScaled(0, 0, 0, scale).transformed(e.worldToCameraMatrix());
    Mesh back = CameraToObject.toObject(camera, e, scale);
    for (int i = 0; i < object.positions().length; i++) {
      assertThat((double) back.positions()[i]).isCloseTo(object.positions()[i], within(1e-5));
    }
    assertThat(GenerationTestSupport.volume(back)).isCloseTo(GenerationTestSupport.volume(object), within(1e-6));
  }

  @Test
  void wrongProbabilityCountIsRefused() {
    assertThatThrownBy(() -> FrustumGrid.resample(new float[10], 2, 2, DEPTHS, K, 32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Occupancy 1 inside the sphere along each ray of a {@code w x h} ray grid, 0 outside. */
  private static float[] sphereProbs(int h, int w) {
    return sphereProbs(h, w, d -> d < 0 ? 1 : 0);
  }

  /** {@code probability} of the signed distance to the sphere, along each ray. */
  private static float[] sphereProbs(int h, int w, java.util.function.DoubleUnaryOperator probability) {
    int m = DEPTHS.m();
    float[] probs = new float[h * w * m];
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        double px = (u + 0.5) / w * K.width(), py = (v + 0.5) / h * K.height();
        for (int j = 0; j < m; j++) {
          double z = DEPTHS.depth(j);
          double x = (px - K.cx()) / K.fx() * z, y = (py - K.cy()) / K.fy() * z;
          double dx = x - C[0], dy = y - C[1], dz = z - C[2];
          probs[(v * w + u) * m + j] = (float) probability.applyAsDouble(Math.sqrt(dx * dx + dy * dy + dz * dz) - R);
        }
      }
    }
    return probs;
  }
}
