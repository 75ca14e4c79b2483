package dev.rayform.recon.geometry.inside;

import static dev.rayform.recon.geometry.TestMeshes.box;
import static dev.rayform.recon.geometry.TestMeshes.icosphere;
import static dev.rayform.recon.geometry.TestMeshes.inverted;
import static dev.rayform.recon.geometry.TestMeshes.unweldedBox;
import static dev.rayform.recon.geometry.TestMeshes.withoutFacesAbove;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Occupancy;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsideTestAccuracyTest {
  private static final int POINTS = 100_000;
  private static final double R = 0.3;
  /** Icosphere faces lie up to ~2.5e-4 inside the true sphere at 4 subdivisions. */
  private static final double BAND = 2e-3;

  @Test
  void closedSphere() {
    Mesh sphere = icosphere(4, R);
    assertAgreement(sphere, (x, y, z) -> norm(x, y, z) < R, (x, y, z) -> Math.abs(norm(x, y, z) - R) < BAND);
  }

  @Test
  void overlappingSpheresAreTheirUnion() {
    Mesh union = Mesh.concat(List.of(icosphere(4, R, -0.1, 0, 0), icosphere(4, 0.25, 0.12, 0.05, 0)));
    Occupancy truth = (x, y, z) -> norm(x + 0.1, y, z) < R || norm(x - 0.12, y - 0.05, z) < 0.25;
    Occupancy band = (x, y, z) -> Math.abs(norm(x + 0.1, y, z) - R) < BAND || Math.abs(norm(x - 0.12, y - 0.05, z) - 0.25) < BAND;
    assertAgreement(union, truth, band);
  }

  @Test
  void sphereWithAHoleIsStillSolid() {
    Mesh open = withoutFacesAbove(icosphere(4, R), R * Math.cos(Math.toRadians(12)));
    assertThat(open.faceCount()).isLessThan(icosphere(4, R).faceCount());
    assertAgreement(open, (x, y, z) -> norm(x, y, z) < R, (x, y, z) -> Math.abs(norm(x, y, z) - R) < BAND);
    assertThat(MeshInsideTest.of(open).inside(0, 0, R * 0.9)).isTrue();
  }

  @Test
  void boxOfSixUnweldedQuads() {
    Mesh quads = unweldedBox(0.3, 0.2, 0.25);
    assertThat(quads.vertexCount()).isEqualTo(24);
    assertAgreement(quads, (x, y, z) -> Math.abs(x) < 0.3 && Math.abs(y) < 0.2 && Math.abs(z) < 0.25, (x, y, z) -> false);
  }

  @Test
  void invertedClosedPartCountsAsSolid() {
    Mesh mixed = Mesh.concat(List.of(inverted(icosphere(3, 0.25, -0.1, 0, 0)), box(0.2, 0.2, 0.2)));
    Occupancy truth = (x, y, z) -> norm(x + 0.1, y, z) < 0.25 || Math.max(Math.abs(x), Math.max(Math.abs(y), Math.abs(z))) < 0.2;
    Occupancy band = (x, y, z) -> Math.abs(norm(x + 0.1, y, z) - 0.25) < 4 * BAND;
    assertAgreement(mixed, truth, band);
  }

  @Test
  void gridQueriesThroughSharedEdgesAndDiagonalsAreExact() {
    // Every grid point's axis rays run exactly through quad diagonals, edges or vertices.
    for (Mesh cube : List.of(box(0.25, 0.25, 0.25), unweldedBox(0.25, 0.25, 0.25))) {
      MeshInsideTest test = MeshInsideTest.of(cube);
      int wrong = 0, total = 0;
      for (int i = -6; i <= 6; i++) {
        for (int j = -6; j <= 6; j++) {
          for (int k = -6; k <= 6; k++) {
            double x = i * 0.05, y = j * 0.05, z = k * 0.05;
            if (Math.abs(i) == 5 || Math.abs(j) == 5 || Math.abs(k) == 5) {
              continue; // on the surface: either answer is fine
            }
            boolean truth = Math.abs(i) < 5 && Math.abs(j) < 5 && Math.abs(k) < 5;
            total++;
            if (test.inside(x, y, z) != truth) {
              wrong++;
            }
          }
        }
      }
      assertThat(total).isGreaterThan(1000);
      assertThat(wrong).as("misclassified grid points").isZero();
    }
  }

  @Test
  void fastPathMatchesThresholdedWindingNumber() {
    Mesh open = withoutFacesAbove(Mesh.concat(List.of(icosphere(3, R, -0.1, 0, 0), icosphere(3, 0.25, 0.12, 0, 0))), 0.27);
    MeshInsideTest test = MeshInsideTest.of(open);
    float[] p = InsideBench.uniformPoints(Aabb.cube(0.5), 20_000, 3);
    int agree = 0;
    for (int i = 0; i < 20_000; i++) {
      double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
      if (test.inside(x, y, z) == (test.windingNumber(x, y, z) >= 0.5)) {
        agree++;
      }
    }
    assertThat(agree / 20_000.0).isGreaterThanOrEqualTo(0.999);
  }

  @Test
  void batchMatchesSingleQueries() {
    MeshInsideTest test = MeshInsideTest.of(icosphere(3, R));
    float[] p = InsideBench.uniformPoints(Aabb.cube(0.5), 10_000, 5);
    boolean[] batch = test.inside(p);
    for (int i = 0; i < 10_000; i++) {
      assertThat(batch[i]).isEqualTo(test.inside(p[3 * i], p[3 * i + 1], p[3 * i + 2]));
    }
  }

  @Test
  void emptyMeshHasNothingInside() {
    MeshInsideTest test = MeshInsideTest.of(Mesh.empty());
    assertThat(test.inside(0, 0, 0)).isFalse();
    assertThat(test.windingNumber(0, 0, 0)).isZero();
    assertThat(test.inside(new float[] {0, 0, 0, 1, 1, 1})).containsExactly(false, false);
  }

  private static void assertAgreement(Mesh mesh, Occupancy truth, Occupancy ambiguous) {
    MeshInsideTest test = MeshInsideTest.of(mesh);
    float[] p = InsideBench.uniformPoints(Aabb.cube(0.5), POINTS, 11);
    boolean[] answers = test.inside(p);
    int agree = 0, counted = 0, insideCount = 0;
    for (int i = 0; i < POINTS; i++) {
      double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
      if (ambiguous.inside(x, y, z)) {
        continue;
      }
      counted++;
      boolean t = truth.inside(x, y, z);
      insideCount += t ? 1 : 0;
      if (answers[i] == t) {
        agree++;
      }
    }
    assertThat(counted).isGreaterThan(POINTS * 9 / 10);
    assertThat(insideCount).isGreaterThan(POINTS / 50);
    assertThat(agree / (double) counted).as("agreement with the analytic answer").isGreaterThanOrEqualTo(0.999);
  }

  private static double norm(double x, double y, double z) {
    return Math.sqrt(x * x + y * y + z * z);
  }
}
