package dev.rayform.recon.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KdTreeTest {

  @Test
  void matchesBruteForce() {
    float[] points = random(20_000, 1);
    float[] queries = random(2_000, 2);
    KdTree tree = KdTree.of(points);
    KdTree.Neighbours batch = tree.nearest(queries);
    for (int q = 0; q < 2_000; q++) {
      double x = queries[3 * q], y = queries[3 * q + 1], z = queries[3 * q + 2];
      int best = -1;
      double bestD2 = Double.POSITIVE_INFINITY;
      for (int i = 0; i < 20_000; i++) {
        double dx = points[3 * i] - x, dy = points[3 * i + 1] - y, dz = points[3 * i + 2] - z;
        double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < bestD2) {
          bestD2 = d2;
          best = i;
        }
      }
      assertThat(tree.nearestDistance(x, y, z)).isEqualTo(Math.sqrt(bestD2));
      assertThat(tree.nearest(x, y, z)).isEqualTo(best);
      assertThat(batch.index()[q]).isEqualTo(best);
      assertThat(batch.distance()[q]).isEqualTo((float) Math.sqrt(bestD2));
    }
  }

  @Test
  void anyWithinAgreesWithTheNearestDistance() {
    float[] points = random(20_000, 3);
    float[] queries = random(5_000, 4);
    KdTree tree = KdTree.of(points);
    int near = 0;
    for (int q = 0; q < 5_000; q++) {
      double x = queries[3 * q], y = queries[3 * q + 1], z = queries[3 * q + 2];
      for (double r : new double[] {0.001, 0.01, 0.05}) {
        boolean expected = tree.nearestDistance(x, y, z) < r;
        assertThat(tree.anyWithin(x, y, z, r)).isEqualTo(expected);
        near += expected ? 1 : 0;
      }
    }
    assertThat(near).as("both answers occur").isBetween(100, 14_900);
    assertThat(KdTree.of(new float[0]).anyWithin(0, 0, 0, 10)).isFalse();
  }

  @Test
  void handlesDuplicatesAndTinySets() {
    float[] same = new float[3 * 1000];
    java.util.Arrays.fill(same, 0.25f);
    KdTree tree = KdTree.of(same);
    assertThat(tree.nearestDistance(0.25, 0.25, 1.25)).isEqualTo(1.0);
    assertThat(KdTree.of(new float[] {1, 2, 3}).nearest(0, 0, 0)).isZero();
    KdTree empty = KdTree.of(new float[0]);
    assertThat(empty.nearest(0, 0, 0)).isEqualTo(-1);
    assertThat(empty.nearestDistance(0, 0, 0)).isInfinite();
  }

  @Test
  void printsBuildAndQueryTimesFor100kBy100k() {
    float[] points = random(100_000, 3);
    float[] queries = random(100_000, 4);
    KdTree.of(points).nearest(queries); // warm-up
    long t0 = System.nanoTime();
    KdTree tree = KdTree.of(points);
    long t1 = System.nanoTime();
    KdTree.Neighbours nn = tree.nearest(queries);
    long t2 = System.nanoTime();
    System.out.printf("k-d tree 100k points: build %.1f ms, 100k nearest queries %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    assertThat(nn.index()).hasSize(100_000);
  }

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[3 * n];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (r.nextDouble() - 0.5);
    }
    return p;
  }
}
