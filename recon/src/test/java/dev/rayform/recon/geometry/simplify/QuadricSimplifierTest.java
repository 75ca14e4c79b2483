package dev.rayform.recon.geometry.simplify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuadricSimplifierTest {

  /** A welded, closed, outward-oriented unit cube [0,1]^3 with each side an n x n grid of quads. */
  static Mesh subdividedCube(int n) {
    List<float[]> points = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    List<Integer> tris = new ArrayList<>();
    // Per side: origin, u and v with u x v the outward normal.
    double[][][] sides = {
      {{0, 0, 0}, {0, 1, 0}, {1, 0, 0}}, // z = 0, normal -z
      {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}, // z = 1, +z
      {{0, 0, 0}, {1, 0, 0}, {0, 0, 1}}, // y = 0, -y
      {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}, // y = 1, +y
      {{0, 0, 0}, {0, 0, 1}, {0, 1, 0}}, // x = 0, -x
      {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}; // x = 1, +x
    for (double[][] s : sides) {
      int[][] grid = new int[n + 1][n + 1];
      for (int i = 0; i <= n; i++) {
        for (int j = 0; j <= n; j++) {
          float[] p = new float[3];
          for (int a = 0; a < 3; a++) {
            p[a] = (float) (s[0][a] + s[1][a] * i / n + s[2][a] * j / n);
          }
          String key = p[0] + "," + p[1] + "," + p[2];
          grid[i][j] = index.computeIfAbsent(key, k -> {
            points.add(p);
            return points.size() - 1;
          });
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          tris.addAll(List.of(grid[i][j], grid[i + 1][j], grid[i + 1][j + 1], grid[i][j], grid[i + 1][j + 1], grid[i][j + 1]));
        }
      }
    }
    float[] p = new float[3 * points.size()];
    for (int v = 0; v < points.size(); v++) {
      System.arraycopy(points.get(v), 0, p, 3 * v, 3);
    }
    return Mesh.of(p, tris.stream().mapToInt(Integer::intValue).toArray());
  }

  /** An n x n grid on z = 0 over [0,1]^2, faces towards +z. */
  static Mesh plane(int n) {
    float[] p = new float[3 * (n + 1) * (n + 1)];
    int[] t = new int[6 * n * n];
    int k = 0;
    for (int i = 0; i <= n; i++) {
      for (int j = 0; j <= n; j++) {
        int v = i * (n + 1) + j;
        p[3 * v] = (float) i / n;
        p[3 * v + 1] = (float) j / n;
        if (i < n && j < n) {
          int a = v, b = v + n + 1, c = v + n + 2, d = v + 1;
          t[k++] = a; t[k++] = b; t[k++] = c;
          t[k++] = a; t[k++] = c; t[k++] = d;
        }
      }
    }
    return Mesh.of(p, t);
  }

  static boolean watertight(Mesh m) {
    return dev.rayform.recon.geometry.Watertight.check(m);
  }

  static double volume(Mesh m) {
    double v = 0;
    int[] t = m.triangles();
    for (int f = 0; f < m.faceCount(); f++) {
      int a = t[3 * f], b = t[3 * f + 1], c = t[3 * f + 2];
      v += m.x(a) * (m.y(b) * m.z(c) - m.z(b) * m.y(c)) - m.y(a) * (m.x(b) * m.z(c) - m.z(b) * m.x(c))
          + m.z(a) * (m.x(b) * m.y(c) - m.y(b) * m.x(c));
    }
    return v / 6;
  }

  static int euler(Mesh m) {
    Set<Long> edges = new HashSet<>();
    int[] t = m.triangles();
    for (int f = 0; f < m.faceCount(); f++) {
      for (int k = 0; k < 3; k++) {
        int a = t[3 * f + k], b = t[3 * f + (k + 1) % 3];
        edges.add(a < b ? (long) a << 32 | b : (long) b << 32 | a);
      }
    }
    return m.vertexCount() - edges.size() + m.faceCount();
  }

  @Test
  void aSubdividedCubeGoesBelowTheTargetStaysClosedAndKeepsItsVolumeExactly() {
    Mesh cube = subdividedCube(8);
    assertThat(cube.faceCount()).isEqualTo(768);
    assertThat(watertight(cube)).isTrue();
    for (int target : new int[] {200, 50, 24}) {
      Mesh s = QuadricSimplifier.simplify(cube, target);
      assertThat(s.faceCount()).as("faces for target " + target).isLessThanOrEqualTo(target);
      assertThat(watertight(s)).isTrue();
      assertThat(euler(s)).isEqualTo(2);
      // Flat sides and straight edges collapse without error: the solid is the same cube.
      assertThat(volume(s)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(s.area()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(s.bounds().minX()).isEqualTo(0);
      assertThat(s.bounds().maxY()).isEqualTo(1);
    }
  }

  @Test
  void aFlatPlaneCollapsesWithZeroGeometricError() {
    Mesh plane = plane(16);
    Mesh s = QuadricSimplifier.simplify(plane, 40);
    assertThat(s.faceCount()).isLessThanOrEqualTo(40);
    for (int v = 0; v < s.vertexCount(); v++) {
      assertThat(s.z(v)).as("on the plane").isEqualTo(0.0);
      boolean onBorder = s.x(v) == 0 || s.x(v) == 1 || s.y(v) == 0 || s.y(v) == 1;
      boolean inside = s.x(v) > 0 && s.x(v) < 1 && s.y(v) > 0 && s.y(v) < 1;
      assertThat(onBorder || inside).isTrue();
    }
    for (int f = 0; f < s.faceCount(); f++) {
      assertThat(s.faceCross(f)[2]).as("face " + f + " still faces +z").isPositive();
    }
    // All faces up and the outline kept: they tile the square exactly once.
    assertThat(s.area()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.bounds()).isEqualTo(plane.bounds());
  }

  @Test
  void aSphereKeepsItsVolumeAndAreaWithinAFewPercent() {
    Mesh sphere = MeshPrimitives.icosphere(1, 4).withoutNormals();
    Mesh s = QuadricSimplifier.simplify(sphere, 500);
    assertThat(s.faceCount()).isLessThanOrEqualTo(500).isGreaterThan(400);
    assertThat(watertight(s)).isTrue();
    assertThat(euler(s)).isEqualTo(2);
    assertThat(volume(s) / volume(sphere)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.03));
    assertThat(s.area() / sphere.area()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.03));
    for (int v = 0; v < s.vertexCount(); v++) {
      double r = Math.sqrt(s.x(v) * s.x(v) + s.y(v) * s.y(v) + s.z(v) * s.z(v));
      assertThat(r).as("vertices stay near the sphere").isBetween(0.95, 1.05);
    }
  }

  @Test
  void aTorusKeepsItsGenusAndPartsAndNormalsSurvive() {
    Mesh torus = MeshPrimitives.torus(48, 24, 1, 0.3);
    int[] parts = new int[torus.faceCount()];
    for (int f = 0; f < parts.length; f++) {
      parts[f] = f % 2;
    }
    Mesh coloured = Mesh.of(torus.positions(), torus.triangles(), null, parts,
        List.of(new Mesh.Part("a", new float[] {1, 0, 0}), new Mesh.Part("b", null))).withVertexNormals();
    Mesh s = QuadricSimplifier.simplify(coloured, 600);
    assertThat(s.faceCount()).isLessThanOrEqualTo(600);
    assertThat(watertight(s)).isTrue();
    assertThat(euler(s)).isZero();
    assertThat(s.parts()).isEqualTo(coloured.parts());
    assertThat(s.faceParts()).hasSize(s.faceCount());
    assertThat(s.hasNormals()).isTrue();
  }

  @Test
  void aMeshAlreadySmallEnoughIsReturnedAsItIsAndABadTargetIsRefused() {
    Mesh box = MeshPrimitives.box(1, 1, 1);
    assertThat(QuadricSimplifier.simplify(box, 12)).isSameAs(box);
    assertThatThrownBy(() -> QuadricSimplifier.simplify(box, 3))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo(QuadricSimplifier.INVALID_TARGET));
  }

  @Test
  void nothingCollapsesBelowATetrahedron() {
    float[] p = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
    int[] t = {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3};
    Mesh tet = Mesh.of(p, t);
    assertThat(watertight(tet)).isTrue();
    assertThat(QuadricSimplifier.simplify(tet, 4).faceCount()).isEqualTo(4);
    Mesh cube = subdividedCube(4);
    Mesh smallest = QuadricSimplifier.simplify(cube, 4);
    assertThat(smallest.faceCount()).isBetween(4, 12);
    assertThat(watertight(smallest)).isTrue();
  }
}
