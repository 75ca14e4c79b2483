package dev.rayform.recon.data.procedural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rayform.recon.geometry.Mesh;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProceduralMeshingTest {

  @Test
  void meshesTheNormalisedSurfaceWithPartsAndColours() {
    ProceduralShape chair = ProceduralGenerator.generate("chair", 3);
    Mesh mesh = chair.mesh(64);
    assertThat(mesh.faceCount()).isGreaterThan(1000);
    assertThat(mesh.hasNormals()).isTrue();
    assertThat(mesh.bounds().longestSide()).isCloseTo(1, within(0.03));
    assertThat(mesh.parts()).isEqualTo(chair.parts());
    assertThat(Arrays.stream(mesh.faceParts()).distinct().count()).isGreaterThanOrEqualTo(3);
    // vertices lie on the zero level set, to within a fraction of a grid cell
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      int v = r.nextInt(mesh.vertexCount());
      assertThat(Math.abs(chair.sdf().distance(mesh.x(v), mesh.y(v), mesh.z(v)))).isLessThan(1.0 / 64);
    }
  }

  @Test
  void theSameShapeMeshesIdentically() {
    assertThat(ProceduralGenerator.generate("lamp", 5).mesh(40))
        .isEqualTo(ProceduralGenerator.generate("lamp", 5).mesh(40));
  }

  /** Prints single-core evaluation speed; the bound only catches pathological slowdowns. */
  @Test
  void evaluatesMillionsOfPointsPerSecondOnOneCore() {
    ProceduralShape chair = ProceduralGenerator.generate("chair", 1);
    ShapeSdf sdf = chair.sdf();
    int n = 400_000;
    float[] p = new float[3 * n];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) r.nextDouble(-0.55, 0.55);
    }
    long inside = 0;
    double sum = 0;
    long best = Long.MAX_VALUE, bestDistance = Long.MAX_VALUE;
    for (int round = 0; round < 4; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        if (sdf.contains(p[3 * i], p[3 * i + 1], p[3 * i + 2])) {
          inside++;
        }
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sum += sdf.distance(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
      }
      long t2 = System.nanoTime();
      best = Math.min(best, t1 - t0);
      bestDistance = Math.min(bestDistance, t2 - t1);
    }
    double containsRate = n / (best / 1e9), distanceRate = n / (bestDistance / 1e9);
    System.out.printf("procedural chair #1, one core: occupancy %.1f M points/s, distance %.1f M points/s (%d, %.1f)%n",
        containsRate / 1e6, distanceRate / 1e6, inside, sum);
    assertThat(containsRate).isGreaterThan(300_000);
  }
}
