package dev.rayform.recon.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CameraTest {
  private final Camera camera = new Camera(Intrinsics.centered(224, 224, 1.25), Extrinsics.orbit(30, 25, 1.6));

  @Test
  void orbitPlacesTheCameraAtTheGivenDistanceLookingAtTheOrigin() {
    Extrinsics front = Extrinsics.orbit(0, 0, 2);
    assertThat(front.center()).containsExactly(new double[] {0, 0, 2}, within(1e-12));
    double[] origin = camera.project(0, 0, 0);
    assertThat(origin[0]).isCloseTo(112, within(1e-9));
    assertThat(origin[1]).isCloseTo(112, within(1e-9));
    assertThat(origin[2]).isCloseTo(1.6, within(1e-12));
    assertThat(camera.distanceToOrigin()).isCloseTo(1.6, within(1e-12));
  }

  @Test
  void worldUpAppearsUpAndWorldRightAppearsRightFromTheFront() {
    Camera front = new Camera(Intrinsics.centered(100, 100, 1), Extrinsics.orbit(0, 0, 2));
    assertThat(front.project(0, 0.1, 0)[1]).isLessThan(50);
    assertThat(front.project(0.1, 0, 0)[0]).isGreaterThan(50);
    // Pinhole: x = f * X / Z + c with f = 100 px, Z = 2.
    assertThat(front.project(0.1, 0, 0)[0]).isCloseTo(55, within(1e-9));
  }

  @Test
  void pixelToWorldInvertsProjection() {
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      double x = random.nextDouble() - 0.5, y = random.nextDouble() - 0.5, z = random.nextDouble() - 0.5;
      double[] uvd = camera.project(x, y, z);
      double[] back = camera.pixelToWorld(uvd[0], uvd[1], uvd[2]);
      assertThat(back).containsExactly(new double[] {x, y, z}, within(1e-9));
    }
  }

  @Test
  void rayDirectionPointsThroughTheProjectedPoint() {
    double[] uvd = camera.project(0.2, -0.1, 0.3);
    double[] dir = camera.rayDirection(uvd[0], uvd[1]);
    double[] o = camera.extrinsics().center();
    double[] to = {0.2 - o[0], -0.1 - o[1], 0.3 - o[2]};
    double len = Math.sqrt(to[0] * to[0] + to[1] * to[1] + to[2] * to[2]);
    for (int d = 0; d < 3; d++) {
      assertThat(dir[d]).isCloseTo(to[d] / len, within(1e-9));
    }
  }

  @Test
  void cameraToWorldMatrixInvertsWorldToCamera() {
    double[] a = camera.extrinsics().worldToCameraMatrix(), b = camera.extrinsics().cameraToWorldMatrix();
    double[] p = {0.3, -0.2, 0.1};
    double[] c = apply(a, p), back = apply(b, c);
    assertThat(back).containsExactly(p, within(1e-12));
  }

  private static double[] apply(double[] m, double[] p) {
    return new double[] {
      m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3],
      m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7],
      m[8] * p[0] + m[9] * p[1] + m[10] * p[2] + m[11]
    };
  }
}
