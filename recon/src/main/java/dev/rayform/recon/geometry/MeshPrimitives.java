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
    // Orient every face outward: its normal must agree with its first vertex's position.
    for (int f = 0; f < faces.length / 3; f++) {
      double[] a = verts.get(faces[3 * f]), b = verts.get(faces[3 * f + 1]), c = verts.get(faces[3 * f + 2]);
      double[] u = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, w = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
      double dot = (u[1] * w[2] - u[2] * w[1]) * a[0] + (u[2] * w[0] - u[0] * w[2]) * a[1] + (u[0] * w[1] - u[1] * w[0]) * a[2];
      if (dot < 0) {
        int tmp = faces[3 * f + 1];
        faces[3 * f + 1] = faces[3 * f + 2];
        faces[3 * f + 2] = tmp;
      }
    }
    return Mesh.of(p, faces, n, null, null);
  }

  /**
   * A torus around the z axis: {@code rings x sides} quads (twice as many triangles), closed and
   * outward-oriented, with tube centre radius {@code major} and tube radius {@code minor}.
   */
  public static Mesh torus(int rings, int sides, double major, double minor) {
    float[] p = new float[3 * rings * sides];
    int[] t = new int[6 * rings * sides];
    for (int i = 0; i < rings; i++) {
      double a = 2 * Math.PI * i / rings;
      for (int j = 0; j < sides; j++) {
        double b = 2 * Math.PI * j / sides;
        int k = i * sides + j;
        p[3 * k] = (float) ((major + minor * Math.cos(b)) * Math.cos(a));
        p[3 * k + 1] = (float) ((major + minor * Math.cos(b)) * Math.sin(a));
        p[3 * k + 2] = (float) (minor * Math.sin(b));
        int i1 = (i + 1) % rings, j1 = (j + 1) % sides;
        int v00 = k, v10 = i1 * sides + j, v01 = i * sides + j1, v11 = i1 * sides + j1;
        System.arraycopy(new int[] {v00, v10, v11, v00, v11, v01}, 0, t, 6 * k, 6);
      }
    }
    return Mesh.of(p, t);
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
