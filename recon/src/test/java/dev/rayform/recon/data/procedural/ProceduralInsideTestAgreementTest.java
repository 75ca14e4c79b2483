package dev.rayform.recon.data.procedural;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.inside.MeshInsideTest;
import dev.rayform.recon.geometry.mc.MarchingCubes;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mesh inside test against the exact answer (the sign of the signed distance) on procedural
 * shapes: the closed marching-cubes mesh, the parts meshed separately and overlapping (multi-part,
 * self-intersecting), and the same with holes cut into every part (open). Points closer to the
 * surface than two grid cells are left out: there the mesh itself, not the inside test, differs
 * from the solid.
 */
class ProceduralInsideTestAgreementTest {
  private static final int N = 96;
  private static final double LO = -0.55, HI = 0.55, H = (HI - LO) / (N - 1);
  private static final int POINTS = 20_000;

  static List<String> categories() {
    return ProceduralGenerator.categories();
  }

  @ParameterizedTest
  @MethodSource("categories")
  void insideTestAgreesWithTheSignedDistance(String category) {
    ProceduralShape shape = ProceduralGenerator.generate(category, 11);
    ShapeSdf sdf = shape.sdf();
    Mesh closed = MarchingCubes.extract(ScalarGrid.sampleCube(N, LO, HI, sdf::distance), 0f, false);

    List<Mesh> parts = new ArrayList<>();
    for (int i = 0; i < sdf.partCount(); i++) {
      int part = i;
      Mesh m = MarchingCubes.extract(ScalarGrid.sampleCube(N, LO, HI, (x, y, z) -> sdf.partDistance(part, x, y, z)), 0f, false);
      if (!m.isEmpty()) {
        parts.add(m);
      }
    }
    Mesh overlapping = Mesh.concat(parts);
    Mesh open = Mesh.concat(parts.stream().map(p -> withHole(p, 0.04)).toList());
    assertThat(open.faceCount()).isLessThan(overlapping.faceCount());

    float[] points = new float[3 * POINTS];
    boolean[] truth = new boolean[POINTS];
    SplittableRandom random = new SplittableRandom(category.hashCode());
    int kept = 0;
    while (kept < POINTS) {
      double x = LO + (HI - LO) * random.nextDouble(), y = LO + (HI - LO) * random.nextDouble(), z = LO + (HI - LO) * random.nextDouble();
      double d = sdf.distance(x, y, z);
      if (Math.abs(d) > 2 * H) {
        points[3 * kept] = (float) x;
        points[3 * kept + 1] = (float) y;
        points[3 * kept + 2] = (float) z;
        truth[kept++] = d < 0;
      }
    }
    for (Mesh mesh : List.of(closed, overlapping, open)) {
      boolean[] answer = MeshInsideTest.of(mesh).inside(points);
      int agree = 0;
      for (int i = 0; i < POINTS; i++) {
        if (answer[i] == truth[i]) {
          agree++;
        }
      }
      assertThat(agree / (double) POINTS).as("%s: %s", category, mesh).isGreaterThanOrEqualTo(0.999);
    }
  }

  /** Removes the faces within {@code radius} of the mesh's first vertex: a hole in a closed part. */
  private static Mesh withHole(Mesh mesh, double radius) {
    double cx = mesh.x(0), cy = mesh.y(0), cz = mesh.z(0);
    int[] t = mesh.triangles();
    int[] kept = new int[t.length];
    int n = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      int a = t[3 * f];
      double dx = mesh.x(a) - cx, dy = mesh.y(a) - cy, dz = mesh.z(a) - cz;
      if (dx * dx + dy * dy + dz * dz > radius * radius) {
        System.arraycopy(t, 3 * f, kept, 3 * n++, 3);
      }
    }
    return Mesh.of(mesh.positions(), Arrays.copyOf(kept, 3 * n));
  }
}
