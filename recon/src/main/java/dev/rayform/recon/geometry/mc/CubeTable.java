package dev.rayform.recon.geometry.mc;

import java.util.ArrayList;
import java.util.List;

/**
 * The marching-cubes case table, derived at class load rather than typed in: for each of the 256
 * inside/outside corner patterns, the iso-contour is traced on the six faces, the face segments are
 * chained into loops, each loop is oriented so its normal points from the inside corners to the
 * outside ones, and fanned into triangles.
 *
 * <p>Ambiguous faces (two diagonal corners inside) always separate the inside corners. The choice
 * depends only on the face's own corners, so two cells sharing a face trace the same segments and
 * the surface has no cracks: every output mesh is closed.
 *
 * <p>Corner {@code c} sits at offset {@code (c & 1, c >> 1 & 1, c >> 2 & 1)}; edges 0-3 run along
 * x, 4-7 along y, 8-11 along z.
 */
final class CubeTable {
  /** Corner pairs of the 12 edges; the first corner is the one at the lower coordinate. */
  static final int[][] EDGES = {
    {0, 1}, {2, 3}, {4, 5}, {6, 7},
    {0, 2}, {1, 3}, {4, 6}, {5, 7},
    {0, 4}, {1, 5}, {2, 6}, {3, 7}
  };

  private static final int[][] FACES = {
    {0, 2, 6, 4}, {1, 3, 7, 5}, {0, 1, 5, 4}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 5, 7, 6}
  };

  /** For each corner mask (bit c set = corner c inside), edge indices, three per triangle. */
  static final int[][] TRIANGLES = new int[256][];

  static {
    for (int mask = 0; mask < 256; mask++) {
      TRIANGLES[mask] = triangulate(mask);
    }
  }

  private CubeTable() {}

  static int edgeBetween(int a, int b) {
    for (int e = 0; e < 12; e++) {
      if ((EDGES[e][0] == a && EDGES[e][1] == b) || (EDGES[e][0] == b && EDGES[e][1] == a)) {
        return e;
      }
    }
    throw new IllegalStateException("corners " + a + " and " + b + " share no edge");
  }

  private static boolean inside(int mask, int corner) {
    return (mask >> corner & 1) != 0;
  }

  private static int[] triangulate(int mask) {
    int[][] neighbours = new int[12][2];
    int[] degree = new int[12];
    for (int[] face : FACES) {
      boolean[] in = new boolean[4];
      int crossings = 0;
      for (int k = 0; k < 4; k++) {
        in[k] = inside(mask, face[k]);
      }
      for (int k = 0; k < 4; k++) {
        if (in[k] != in[(k + 1) % 4]) {
          crossings++;
        }
      }
      if (crossings == 2) {
        int first = -1;
        for (int k = 0; k < 4; k++) {
          if (in[k] != in[(k + 1) % 4]) {
            int e = edgeBetween(face[k], face[(k + 1) % 4]);
            if (first < 0) {
              first = e;
            } else {
              link(neighbours, degree, first, e);
            }
          }
        }
      } else if (crossings == 4) {
        for (int k = 0; k < 4; k++) {
          if (in[k]) {
            link(neighbours, degree,
                edgeBetween(face[(k + 3) % 4], face[k]), edgeBetween(face[k], face[(k + 1) % 4]));
          }
        }
      }
    }
    List<Integer> tris = new ArrayList<>();
    boolean[] used = new boolean[12];
    for (int start = 0; start < 12; start++) {
      if (degree[start] == 0 || used[start]) {
        continue;
      }
      List<Integer> loop = new ArrayList<>();
      int prev = -1, cur = start;
      do {
        loop.add(cur);
        used[cur] = true;
        int next = neighbours[cur][0] != prev ? neighbours[cur][0] : neighbours[cur][1];
        prev = cur;
        cur = next;
      } while (cur != start);
      if (!pointsOutward(mask, loop)) {
        java.util.Collections.reverse(loop);
      }
      for (int k = 1; k + 1 < loop.size(); k++) {
        tris.add(loop.get(0));
        tris.add(loop.get(k));
        tris.add(loop.get(k + 1));
      }
    }
    return tris.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void link(int[][] neighbours, int[] degree, int a, int b) {
    neighbours[a][degree[a]++] = b;
    neighbours[b][degree[b]++] = a;
  }

  /** Newell normal of the loop through edge midpoints against the inside-to-outside directions. */
  private static boolean pointsOutward(int mask, List<Integer> loop) {
    double nx = 0, ny = 0, nz = 0, dx = 0, dy = 0, dz = 0;
    for (int k = 0; k < loop.size(); k++) {
      double[] a = midpoint(loop.get(k));
      double[] b = midpoint(loop.get((k + 1) % loop.size()));
      nx += (a[1] - b[1]) * (a[2] + b[2]);
      ny += (a[2] - b[2]) * (a[0] + b[0]);
      nz += (a[0] - b[0]) * (a[1] + b[1]);
      int[] e = EDGES[loop.get(k)];
      int in = inside(mask, e[0]) ? e[0] : e[1];
      int out = in == e[0] ? e[1] : e[0];
      dx += (out & 1) - (in & 1);
      dy += (out >> 1 & 1) - (in >> 1 & 1);
      dz += (out >> 2 & 1) - (in >> 2 & 1);
    }
    return nx * dx + ny * dy + nz * dz > 0;
  }

  private static double[] midpoint(int edge) {
    int a = EDGES[edge][0], b = EDGES[edge][1];
    return new double[] {
      0.5 * ((a & 1) + (b & 1)), 0.5 * ((a >> 1 & 1) + (b >> 1 & 1)), 0.5 * ((a >> 2 & 1) + (b >> 2 & 1))
    };
  }
}
