package dev.rayform.recon.geometry.inside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import org.junit.jupiter.api.Test;

/** Prints throughput; never a timed assertion (shared build machines). */
class InsideBenchTest {

  @Test
  void printsThroughputOnATenThousandTriangleTorus() {
    Mesh torus = MeshPrimitives.torus(100, 50, 0.35, 0.15);
    assertThat(torus.faceCount()).isEqualTo(10_000);
    double qps = InsideBench.queriesPerSecond(torus, 500_000, 42);
    System.out.printf("inside test, closed 10k-triangle torus, %d threads: %.2f M queries/s%n",
        Runtime.getRuntime().availableProcessors(), qps / 1e6);
    assertThat(qps).isPositive();
  }
}
