package dev.rayform.recon.geometry.inside;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import dev.rayform.recon.geometry.Occupancy;
import java.util.SplittableRandom;

/** Throughput of {@link MeshInsideTest}, for {@code rayform bench geometry} and quick checks. */
public final class InsideBench {
  private InsideBench() {}

  /**
   * Batch inside-test queries per second on every core, for {@code queries} points uniform in the
   * mesh bounding box padded by 10% of its longest side. Building the test is not timed; one
   * untimed warm-up batch runs first so the JIT has compiled the query path.
   */
  public static double queriesPerSecond(Mesh mesh, int queries, long seed) {
    MeshInsideTest test = MeshInsideTest.of(mesh);
    float[] points = uniformPoints(mesh.bounds(), queries, seed);
    test.inside(uniformPoints(mesh.bounds(), Math.min(queries, 200_000), seed + 1));
    long start = System.nanoTime();
    boolean[] out = test.inside(points);
    long elapsed = System.nanoTime() - start;
    if (out.length != queries) {
      throw new IllegalStateException("batch returned " + out.length + " answers for " + queries + " queries");
    }
    return queries / (Math.max(1, elapsed) * 1e-9);
  }

  /**
   * Like {@link #queriesPerSecond} but thresholding the winding number at every point (no ray fast
   * path): the cost of the hierarchy alone, for comparison.
   */
  public static double windingNumberQueriesPerSecond(Mesh mesh, int queries, long seed) {
    MeshInsideTest test = MeshInsideTest.of(mesh);
    float[] points = uniformPoints(mesh.bounds(), queries, seed);
    Occupancy byWinding = (x, y, z) -> test.windingNumber(x, y, z) >= 0.5;
    byWinding.inside(uniformPoints(mesh.bounds(), Math.min(queries, 50_000), seed + 1));
    long start = System.nanoTime();
    byWinding.inside(points);
    return queries / (Math.max(1, System.nanoTime() - start) * 1e-9);
  }

  /** Fraction of those points where the six axis rays disagree and the winding number is evaluated. */
  public static double windingNumberFallbackRate(Mesh mesh, int queries, long seed) {
    MeshInsideTest test = MeshInsideTest.of(mesh);
    float[] p = uniformPoints(mesh.bounds(), queries, seed);
    int fallbacks = 0;
    for (int i = 0; i < queries; i++) {
      if (test.needsWindingNumber(p[3 * i], p[3 * i + 1], p[3 * i + 2])) {
        fallbacks++;
      }
    }
    return fallbacks / (double) queries;
  }

  /** Points uniform in the bounds padded by 10% of their longest side. */
  static float[] uniformPoints(Aabb bounds, int count, long seed) {
    return bounds.padded(0.1 * bounds.longestSide()).uniformPoints(count, seed);
  }

  /** Prints throughput on a 10,000-triangle torus, closed and with a band of faces removed. */
  public static void main(String[] args) {
    int queries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Mesh closed = MeshPrimitives.torus(100, 50, 0.35, 0.15);
    int[] t = closed.triangles();
    Mesh open = Mesh.of(closed.positions(), java.util.Arrays.copyOfRange(t, 600, t.length));
    for (int round = 0; round < 3; round++) {
      System.out.printf("closed torus %d faces: %.2f M queries/s (fallback %.4f)%n", closed.faceCount(),
          queriesPerSecond(closed, queries, 42) / 1e6, windingNumberFallbackRate(closed, 100_000, 7));
      System.out.printf("open torus %d faces: %.2f M queries/s (fallback %.4f)%n", open.faceCount(),
          queriesPerSecond(open, queries, 42) / 1e6, windingNumberFallbackRate(open, 100_000, 7));
    }
    System.out.printf("winding number only, closed torus: %.2f M queries/s%n",
        windingNumberQueriesPerSecond(closed, queries / 4, 42) / 1e6);
  }
}
