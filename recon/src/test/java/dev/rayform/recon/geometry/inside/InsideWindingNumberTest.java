package dev.rayform.recon.geometry.inside;

import static dev.rayform.recon.geometry.TestMeshes.icosphere;
import static dev.rayform.recon.geometry.TestMeshes.withoutFacesAbove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsideWindingNumberTest {

  @Test
  void closedSphereIsOneInsideAndZeroOutside() {
    MeshInsideTest test = MeshInsideTest.of(icosphere(3, 0.3));
    assertThat(test.windingNumber(0, 0, 0)).isCloseTo(1, within(3e-3));
    assertThat(test.windingNumber(0.1, -0.1, 0.2)).isCloseTo(1, within(3e-3));
    assertThat(test.windingNumber(0.45, 0.3, 0)).isCloseTo(0, within(3e-3));
    assertThat(test.windingNumber(5, 5, 5)).isCloseTo(0, within(1e-6));
  }

  @Test
  void overlappingPartsAddUp() {
    Mesh two = Mesh.concat(List.of(icosphere(3, 0.3, -0.1, 0, 0), icosphere(3, 0.3, 0.1, 0, 0)));
    assertThat(MeshInsideTest.of(two).windingNumber(0, 0, 0)).isCloseTo(2, within(1.5e-2));
  }

  @Test
  void treeMatchesBruteForceSum() {
    Mesh open = withoutFacesAbove(Mesh.concat(List.of(icosphere(4, 0.3), icosphere(3, 0.2, 0.25, 0.1, 0))), 0.25);
    TriangleSet triangles = TriangleSet.of(open);
    WindingNumberTree tree = new WindingNumberTree(triangles, MeshInsideTest.BETA);
    float[] p = InsideBench.uniformPoints(Aabb.cube(0.5), 1000, 9);
    double maxError = 0;
    for (int i = 0; i < 1000; i++) {
      double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
      double exact = 0;
      for (int t = 0; t < triangles.count; t++) {
        exact += SolidAngle.of(triangles.v, 9 * t, x, y, z);
      }
      exact /= 4 * Math.PI;
      maxError = Math.max(maxError, Math.abs(tree.windingNumber(x, y, z) - exact));
    }
    System.out.printf("winding number tree: max |error| %.2e over 1000 points, %d triangles%n", maxError, triangles.count);
    assertThat(maxError).isLessThan(1e-2);
  }
}
