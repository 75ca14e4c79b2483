package dev.rayform.recon.geometry.mc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.geometry.Mesh;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarchingCubesTest {

  private static ScalarGrid sphereSdf(int n, double r, double half) {
    return ScalarGrid.sampleCube(n, -half, half, (x, y, z) -> Math.sqrt(x * x + y * y + z * z) - r);
  }

  @Test
  void sphereHasEulerCharacteristicTwoAndTheRightArea() {
    double r = 0.4;
    Mesh mesh = MarchingCubes.extract(sphereSdf(129, r, 0.55), 0f, false);
    long edges = undirectedEdgeCount(mesh);
    long euler = mesh.vertexCount() - edges + mesh.faceCount();
    assertThat(euler).isEqualTo(2);
    assertThat(mesh.area()).isCloseTo(4 * Math.PI * r * r, within(0.01 * 4 * Math.PI * r * r));
    assertThat(signedVolume(mesh)).isCloseTo(4.0 / 3 * Math.PI * r * r * r, within(0.01 * 4.0 / 3 * Math.PI * r * r * r));
    assertClosedAndConsistentlyOriented(mesh);
  }

  @Test
  void theFaceCountMatchesTheExtractionWithoutMakingIt() {
    Random random = new Random(5);
    float[] noise = new float[17 * 17 * 17];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = random.nextFloat();
    }
    ScalarGrid noisy = new ScalarGrid(17, 17, 17, noise, 0, 0, 0, 0.1);
    assertThat(MarchingCubes.faceCount(noisy, 0.5f, true)).isEqualTo(MarchingCubes.extract(noisy, 0.5f, true).faceCount());
    ScalarGrid sphere = sphereSdf(33, 0.3, 0.5);
    assertThat(MarchingCubes.faceCount(sphere, 0f, false)).isEqualTo(MarchingCubes.extract(sphere, 0f, false).faceCount());
  }

  @Test
  void halvingAveragesBlocksAtTheirCentres() {
    // A linear field is its own block mean at the block centre; the odd end keeps its lone sample.
    ScalarGrid linear = ScalarGrid.sample(5, 4, 4, 1, 2, 3, 0.5, (x, y, z) -> x + 2 * y - z);
    ScalarGrid half = linear.halved();
    assertThat(new int[] {half.nx(), half.ny(), half.nz()}).containsExactly(3, 2, 2);
    assertThat(half.spacing()).isEqualTo(1.0);
    for (int z = 0; z < 2; z++) {
      for (int y = 0; y < 2; y++) {
        for (int x = 0; x < 2; x++) {
          double px = half.originX() + x, py = half.originY() + y, pz = half.originZ() + z;
          assertThat((double) half.get(x, y, z)).isCloseTo(px + 2 * py - pz, within(1e-5));
        }
        assertThat(half.get(2, y, z)).isEqualTo((float) ((linear.get(4, 2 * y, 2 * z) + linear.get(4, 2 * y + 1, 2 * z)
            + linear.get(4, 2 * y, 2 * z + 1) + linear.get(4, 2 * y + 1, 2 * z + 1)) / 4.0));
      }
    }
  }

  @Test
  void vertexNormalsPointOutwardAndHaveUnitLength() {
    Mesh mesh = MarchingCubes.extract(sphereSdf(33, 0.3, 0.5), 0f, false);
    float[] p = mesh.positions(), n = mesh.normals();
    for (int v = 0; v < mesh.vertexCount(); v++) {
      double len = Math.sqrt(p[3 * v] * p[3 * v] + p[3 * v + 1] * p[3 * v + 1] + p[3 * v + 2] * p[3 * v + 2]);
      double dot = (p[3 * v] * n[3 * v] + p[3 * v + 1] * n[3 * v + 1] + p[3 * v + 2] * n[3 * v + 2]) / len;
      assertThat(dot).isGreaterThan(0.99);
      assertThat(n[3 * v] * n[3 * v] + n[3 * v + 1] * n[3 * v + 1] + n[3 * v + 2] * n[3 * v + 2])
          .isCloseTo(1f, within(1e-4f));
    }
  }

  @Test
  void occupancyTouchingTheBorderIsClosedByPadding() {
    // A box filling the whole grid: without padding there would be no surface at all.
    ScalarGrid full = ScalarGrid.sampleCube(8, 0, 1, (x, y, z) -> 1.0);
    Mesh mesh = MarchingCubes.extract(full, 0.2f, true);
    assertThat(mesh.faceCount()).isPositive();
    assertClosedAndConsistentlyOriented(mesh);
    assertThat(signedVolume(mesh)).isPositive();
    assertThat(undirectedEdgeCount(mesh)).isEqualTo(mesh.vertexCount() + mesh.faceCount() - 2);
  }

  @Test
  void everyCornerPatternGivesAClosedOrientedSurface() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 5;
      float[] values = new float[n * n * n];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextBoolean() ? 1f : 0f;
      }
      Mesh mesh = MarchingCubes.extract(new ScalarGrid(n, n, n, values, 0, 0, 0, 1), 0.5f, true);
      assertClosedAndConsistentlyOriented(mesh);
      // Binary fields put every vertex at an edge midpoint: the enclosed volume is positive.
      if (mesh.faceCount() > 0) {
        assertThat(signedVolume(mesh)).isPositive();
      }
    }
  }

  @Test
  void everyTableCaseHasClosedLoops() {
    for (int mask = 0; mask < 256; mask++) {
      int[] tris = CubeTable.TRIANGLES[mask];
      assertThat(tris.length % 3).isZero();
      int inside = Integer.bitCount(mask);
      if (inside == 0 || inside == 8) {
        assertThat(tris).isEmpty();
      } else {
        assertThat(tris).isNotEmpty();
      }
    }
  }

  @Test
  void emptyFieldGivesEmptyMesh() {
    Mesh mesh = MarchingCubes.extract(ScalarGrid.sampleCube(6, 0, 1, (x, y, z) -> 0.0), 0.2f, true);
    assertThat(mesh.isEmpty()).isTrue();
  }

  static long undirectedEdgeCount(Mesh mesh) {
    Set<Long> edges = new HashSet<>();
    int[] t = mesh.triangles();
    for (int f = 0; f < mesh.faceCount(); f++) {
      for (int k = 0; k < 3; k++) {
        long a = t[3 * f + k], b = t[3 * f + (k + 1) % 3];
        edges.add(Math.min(a, b) << 32 | Math.max(a, b));
      }
    }
    return edges.size();
  }

  /** Every directed edge appears once, and its reverse once: closed, two faces per edge, same winding. */
  static void assertClosedAndConsistentlyOriented(Mesh mesh) {
    Map<Long, Integer> directed = new HashMap<>();
    int[] t = mesh.triangles();
    for (int f = 0; f < mesh.faceCount(); f++) {
      for (int k = 0; k < 3; k++) {
        long a = t[3 * f + k], b = t[3 * f + (k + 1) % 3];
        directed.merge(a << 32 | b, 1, Integer::sum);
      }
    }
    for (Map.Entry<Long, Integer> e : directed.entrySet()) {
      long a = e.getKey() >>> 32, b = e.getKey() & 0xffffffffL;
      assertThat(e.getValue()).as("directed edge %d->%d used once", a, b).isEqualTo(1);
      assertThat(directed.get(b << 32 | a)).as("edge %d->%d has a twin", a, b).isEqualTo(1);
    }
  }

  static double signedVolume(Mesh mesh) {
    double vol = 0;
    int[] t = mesh.triangles();
    for (int f = 0; f < mesh.faceCount(); f++) {
      int a = t[3 * f], b = t[3 * f + 1], c = t[3 * f + 2];
      vol += (mesh.x(a) * (mesh.y(b) * mesh.z(c) - mesh.z(b) * mesh.y(c))
          - mesh.y(a) * (mesh.x(b) * mesh.z(c) - mesh.z(b) * mesh.x(c))
          + mesh.z(a) * (mesh.x(b) * mesh.y(c) - mesh.y(b) * mesh.x(c))) / 6;
    }
    return vol;
  }
}
