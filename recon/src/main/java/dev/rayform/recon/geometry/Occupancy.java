package dev.rayform.recon.geometry;

import java.util.stream.IntStream;

/**
 * A solid: answers whether a point is inside. Implemented exactly by signed distance functions
 * (procedural shapes) and by the mesh inside test. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Occupancy {

  boolean inside(double x, double y, double z);

  /** Occupancy of packed x,y,z points, computed on every core. */
  default boolean[] inside(float[] xyz) {
    int n = xyz.length / 3;
    boolean[] out = new boolean[n];
    int chunk = 4096;
    IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
      int end = Math.min(n, (c + 1) * chunk);
      for (int i = c * chunk; i < end; i++) {
        out[i] = inside(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
      }
    });
    return out;
  }
}
