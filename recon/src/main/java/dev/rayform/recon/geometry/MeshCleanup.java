package dev.rayform.recon.geometry;

import java.util.Arrays;

/**
 * Clean-up of a surface extracted from a grid: {@link #dropFragments} removes loose pieces far
 * smaller than the main one, {@link #smooth} takes out the staircase and ray-aligned ridges with
 * Taubin's volume-preserving smoothing (a shrinking Laplacian step, then an inflating one).
 */
public final class MeshCleanup {
  /** A piece is a fragment when its area is below this share of the largest piece's. */
  public static final double FRAGMENT_SHARE = 0.0025;
  /** Taubin's steps: lambda shrinks, mu (slightly larger, negative) inflates back. */
  static final double LAMBDA = 0.5;
  static final double MU = -0.53;

  private MeshCleanup() {}

  /**
   * Keeps the connected pieces (faces joined through shared vertices) whose area is at least
   * {@code share} of the largest piece's; unused vertices go too. Normals are dropped.
   */
  public static Mesh dropFragments(Mesh mesh, double share) {
    if (mesh.isEmpty()) {
      return mesh;
    }
    int n = mesh.vertexCount();
    int[] t = mesh.triangles();
    TriangleComponents components = TriangleComponents.of(n, t);
    double[] area = new double[n];
    double largest = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      int root = components.root(t[3 * f]);
      area[root] += mesh.faceArea(f);
      largest = Math.max(largest, area[root]);
    }
    double min = share * largest;
    int kept = 0;
    boolean[] keepFace = new boolean[mesh.faceCount()];
    for (int f = 0; f < keepFace.length; f++) {
      keepFace[f] = area[components.root(t[3 * f])] >= min;
      kept += keepFace[f] ? 1 : 0;
    }
    if (kept == mesh.faceCount()) {
      return mesh.withoutNormals();
    }
    return subset(mesh, keepFace, kept);
  }

  /** {@code iterations} rounds of Taubin smoothing (uniform weights); faces and vertices are kept. */
  public static Mesh smooth(Mesh mesh, int iterations) {
    if (mesh.isEmpty() || iterations <= 0) {
      return mesh;
    }
    int[][] neighbours = neighbours(mesh);
    float[] p = mesh.positions().clone();
    float[] next = new float[p.length];
    for (int it = 0; it < iterations; it++) {
      step(p, next, neighbours, LAMBDA);
      step(next, p, neighbours, MU);
    }
    return Mesh.of(p, mesh.triangles(), null, mesh.faceParts(), mesh.parts());
  }

  private static void step(float[] from, float[] to, int[][] neighbours, double factor) {
    for (int v = 0; v < neighbours.length; v++) {
      int[] nb = neighbours[v];
      if (nb.length == 0) {
        System.arraycopy(from, 3 * v, to, 3 * v, 3);
        continue;
      }
      double sx = 0, sy = 0, sz = 0;
      for (int u : nb) {
        sx += from[3 * u];
        sy += from[3 * u + 1];
        sz += from[3 * u + 2];
      }
      double k = 1.0 / nb.length;
      to[3 * v] = (float) (from[3 * v] + factor * (sx * k - from[3 * v]));
      to[3 * v + 1] = (float) (from[3 * v + 1] + factor * (sy * k - from[3 * v + 1]));
      to[3 * v + 2] = (float) (from[3 * v + 2] + factor * (sz * k - from[3 * v + 2]));
    }
  }

  /** Each vertex's distinct edge neighbours. */
  static int[][] neighbours(Mesh mesh) {
    int n = mesh.vertexCount();
    int[] t = mesh.triangles();
    long[] edges = new long[2 * t.length];
    int e = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      for (int k = 0; k < 3; k++) {
        int a = t[3 * f + k], b = t[3 * f + (k + 1) % 3];
        edges[e++] = (long) a << 32 | b;
        edges[e++] = (long) b << 32 | a;
      }
    }
    Arrays.sort(edges);
    int[] count = new int[n];
    long previous = -1;
    for (long edge : edges) {
      if (edge != previous) {
        count[(int) (edge >>> 32)]++;
        previous = edge;
      }
    }
    int[][] out = new int[n][];
    for (int v = 0; v < n; v++) {
      out[v] = new int[count[v]];
    }
    int[] fill = new int[n];
    previous = -1;
    for (long edge : edges) {
      if (edge != previous) {
        int a = (int) (edge >>> 32);
        out[a][fill[a]++] = (int) edge;
        previous = edge;
      }
    }
    return out;
  }

  private static Mesh subset(Mesh mesh, boolean[] keepFace, int kept) {
    int[] t = mesh.triangles();
    int[] map = new int[mesh.vertexCount()];
    Arrays.fill(map, -1);
    int[] tri = new int[3 * kept];
    int[] parts = mesh.faceParts() == null ? null : new int[kept];
    int vertices = 0, k = 0;
    for (int f = 0; f < keepFace.length; f++) {
      if (!keepFace[f]) {
        continue;
      }
      for (int c = 0; c < 3; c++) {
        int v = t[3 * f + c];
        if (map[v] < 0) {
          map[v] = vertices++;
        }
        tri[3 * k + c] = map[v];
      }
      if (parts != null) {
        parts[k] = mesh.faceParts()[f];
      }
      k++;
    }
    float[] p = new float[3 * vertices];
    float[] src = mesh.positions();
    for (int v = 0; v < map.length; v++) {
      if (map[v] >= 0) {
        System.arraycopy(src, 3 * v, p, 3 * map[v], 3);
      }
    }
    return Mesh.of(p, tri, null, parts, mesh.parts());
  }
}
