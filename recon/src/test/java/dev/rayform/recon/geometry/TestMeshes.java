package dev.rayform.recon.geometry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Meshes with known answers for tests. */
public final class TestMeshes {
  private TestMeshes() {}

  /** A closed, outward-oriented icosphere: {@code 20 * 4^subdivisions} faces, vertices on the sphere. */
  public static Mesh icosphere(int subdivisions, double radius, double cx, double cy, double cz) {
    double g = (1 + Math.sqrt(5)) / 2;
    List<double[]> verts = new ArrayList<>(List.of(
        new double[] {-1, g, 0}, new double[] {1, g, 0}, new double[] {-1, -g, 0}, new double[] {1, -g, 0},
        new double[] {0, -1, g}, new double[] {0, 1, g}, new double[] {0, -1, -g}, new double[] {0, 1, -g},
        new double[] {g, 0, -1}, new double[] {g, 0, 1}, new double[] {-g, 0, -1}, new double[] {-g, 0, 1}));
    verts.replaceAll(TestMeshes::unit);
    int[] faces = {0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11, 1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
        3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9, 4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};
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
    float[] p = new float[3 * verts.size()];
    for (int i = 0; i < verts.size(); i++) {
      p[3 * i] = (float) (cx + radius * verts.get(i)[0]);
      p[3 * i + 1] = (float) (cy + radius * verts.get(i)[1]);
      p[3 * i + 2] = (float) (cz + radius * verts.get(i)[2]);
    }
    Mesh mesh = Mesh.of(p, faces);
    for (int f = 0; f < mesh.faceCount(); f++) {
      double[] n = mesh.faceCross(f);
      int a = faces[3 * f];
      double dot = n[0] * (mesh.x(a) - cx) + n[1] * (mesh.y(a) - cy) + n[2] * (mesh.z(a) - cz);
      if (dot < 0) {
        int tmp = faces[3 * f + 1];
        faces[3 * f + 1] = faces[3 * f + 2];
        faces[3 * f + 2] = tmp;
      }
    }
    return Mesh.of(p, faces);
  }

  /** Icosphere of {@code 20 * 4^subdivisions} faces centred at the origin. */
  public static Mesh icosphere(int subdivisions, double radius) {
    return icosphere(subdivisions, radius, 0, 0, 0);
  }

  /** The same mesh with every face's winding reversed (normals pointing inwards). */
  public static Mesh inverted(Mesh mesh) {
    int[] t = mesh.triangles().clone();
    for (int f = 0; f < mesh.faceCount(); f++) {
      int tmp = t[3 * f + 1];
      t[3 * f + 1] = t[3 * f + 2];
      t[3 * f + 2] = tmp;
    }
    return Mesh.of(mesh.positions().clone(), t);
  }

  /** The mesh without the faces whose centroid satisfies {@code z > zAbove}: an open mesh. */
  public static Mesh withoutFacesAbove(Mesh mesh, double zAbove) {
    int[] t = mesh.triangles();
    int[] kept = new int[t.length];
    int n = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      double z = (mesh.z(t[3 * f]) + mesh.z(t[3 * f + 1]) + mesh.z(t[3 * f + 2])) / 3;
      if (z <= zAbove) {
        System.arraycopy(t, 3 * f, kept, 3 * n, 3);
        n++;
      }
    }
    return Mesh.of(mesh.positions().clone(), java.util.Arrays.copyOf(kept, 3 * n));
  }

  /** A closed, welded, outward-oriented axis-aligned box of 12 triangles. */
  public static Mesh box(double hx, double hy, double hz) {
    float[] p = new float[24];
    for (int i = 0; i < 8; i++) {
      p[3 * i] = (float) ((i & 1) == 0 ? -hx : hx);
      p[3 * i + 1] = (float) ((i & 2) == 0 ? -hy : hy);
      p[3 * i + 2] = (float) ((i & 4) == 0 ? -hz : hz);
    }
    int[] quads = {0, 2, 3, 1, 4, 5, 7, 6, 0, 1, 5, 4, 2, 6, 7, 3, 0, 4, 6, 2, 1, 3, 7, 5};
    int[] t = new int[36];
    for (int q = 0; q < 6; q++) {
      int a = quads[4 * q], b = quads[4 * q + 1], c = quads[4 * q + 2], d = quads[4 * q + 3];
      System.arraycopy(new int[] {a, b, c, a, c, d}, 0, t, 6 * q, 6);
    }
    return Mesh.of(p, t);
  }

  /** The box as six separate, unwelded quads (each face its own component with its own 4 vertices). */
  public static Mesh unweldedBox(double hx, double hy, double hz) {
    Mesh welded = box(hx, hy, hz);
    int[] t = welded.triangles();
    float[] p = new float[6 * 4 * 3];
    int[] out = new int[t.length];
    for (int q = 0; q < 6; q++) {
      int[] corners = {t[6 * q], t[6 * q + 1], t[6 * q + 2], t[6 * q + 5]};
      for (int k = 0; k < 4; k++) {
        System.arraycopy(welded.positions(), 3 * corners[k], p, 3 * (4 * q + k), 3);
      }
      System.arraycopy(new int[] {4 * q, 4 * q + 1, 4 * q + 2, 4 * q, 4 * q + 2, 4 * q + 3}, 0, out, 6 * q, 6);
    }
    return Mesh.of(p, out);
  }

  private static int midpoint(List<double[]> verts, Map<Long, Integer> cache, int a, int b) {
    long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
    return cache.computeIfAbsent(key, k -> {
      double[] va = verts.get(a), vb = verts.get(b);
      verts.add(unit(new double[] {va[0] + vb[0], va[1] + vb[1], va[2] + vb[2]}));
      return verts.size() - 1;
    });
  }

  private static double[] unit(double[] v) {
    double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return new double[] {v[0] / len, v[1] / len, v[2] / len};
  }
}
