package dev.rayform.recon.geometry;

import java.util.HashMap;
import java.util.Map;

/** Closed, outward-oriented meshes of simple solids, for tests, benchmarks and placeholders in views. */
public final class MeshPrimitives {
  private MeshPrimitives() {}

  /** An axis-aligned box centred at the origin with the given side lengths (12 triangles). */
  public static Mesh box(double sx, double sy, double sz) {
    float hx = (float) (sx / 2), hy = (float) (sy / 2), hz = (float) (sz / 2);
    float[] p = new float[24];
    for (int c = 0; c < 8; c++) {
      p[3 * c] = (c & 1) != 0 ? hx : -hx;
      p[3 * c + 1] = (c & 2) != 0 ? hy : -hy;
      p[3 * c + 2] = (c & 4) != 0 ? hz : -hz;
    }
    int[] t = {
      0, 4, 6, 0, 6, 2, // -x
      1, 3, 7, 1, 7, 5, // +x
      0, 1, 5, 0, 5, 4, // -y
      2, 6, 7, 2, 7, 3, // +y
      0, 2, 3, 0, 3, 1, // -z
      4, 5, 7, 4, 7, 6 // +z
    };
    return Mesh.of(p, t);
  }

  /**
   * An icosphere of radius {@code r} centred at the origin: an icosahedron subdivided
   * {@code subdivisions} times (20 * 4^n faces) with vertices pushed onto the sphere.
   */
  public static Mesh icosphere(double r, int subdivisions) {
    double g = (1 + Math.sqrt(5)) / 2;
    double[][] base = {
      {-1, g, 0}, {1, g, 0}, {-1, -g, 0}, {1, -g, 0}, {0, -1, g}, {0, 1, g},
      {0, -1, -g}, {0, 1, -g}, {g, 0, -1}, {g, 0, 1}, {-g, 0, -1}, {-g, 0, 1}
    };
    int[] faces = {
      0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
      3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1
    };
    java.util.List<double[]> verts = new java.util.ArrayList<>();
    for (double[] v : base) {
      verts.add(unit(v));
    }
    for (int s = 0; s < subdivisions; s++) {
      Map<Long, Integer> midpoints = new HashMap<>();
      int[] next = new int[faces.length * 4];
      for (int f = 0; f < faces.length / 3; f++) {
        int a = faces[3 * f], b = faces[3 * f + 1], c = faces[3 * f + 2];
        int ab = midpoint(verts, midpoints, a, b), bc = midpoint(verts, midpoints, b, c), ca = midpoint(verts, midpoints, c, a);
        int[] sub = {a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca};
        System.arraycopy(sub, 0, next, 12 * f, 12);
      }
      faces = next;
    }
    float[] p = new float[verts.size() * 3];
    float[] n = new float[verts.size() * 3];
    for (int i = 0; i < verts.size(); i++) {
      for (int d = 0; d < 3; d++) {
        n[3 * i + d] = (float) verts.get(i)[d];
        p[3 * i + d] = (float) (r * verts.get(i)[d]);
      }
    }
    return Mesh.of(p, faces, n, null, null);
  }

  private static int midpoint(java.util.List<double[]> verts, Map<Long, Integer> cache, int a, int b) {
    long key = (long) Math.min(a, b) << 32 | Math.max(a, b);
    return cache.computeIfAbsent(key, k -> {
      double[] va = verts.get(a), vb = verts.get(b);
      verts.add(unit(new double[] {va[0] + vb[0], va[1] + vb[1], va[2] + vb[2]}));
      return verts.size() - 1;
    });
  }

  private static double[] unit(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }
}
