package dev.rayform.recon.geometry.mc;

import dev.rayform.recon.geometry.Mesh;
import java.util.Arrays;

/**
 * Marching cubes: the iso-surface of a {@link ScalarGrid} at a level as a closed, consistently
 * oriented triangle mesh (faces counter-clockwise seen from outside) with vertex normals from the
 * field's gradient. The grid is padded by one sample of "outside" on every side, so a solid that
 * touches the border is closed there too.
 */
public final class MarchingCubes {
  private static final int[][] CORNER_OFFSETS = new int[8][];

  static {
    for (int c = 0; c < 8; c++) {
      CORNER_OFFSETS[c] = new int[] {c & 1, c >> 1 & 1, c >> 2 & 1};
    }
  }

  /**
   * Face flags (bit 0: y0 z0, 1: y1 z0, 2: y0 z1, 3: y1 z1) spread to the corner bits of an x = 0
   * face (corners 0, 2, 4, 6); shifting left by one gives the x = 1 face's corners.
   */
  private static final int[] SPREAD = new int[16];

  static {
    for (int f = 0; f < 16; f++) {
      SPREAD[f] = (f & 1) | (f >> 1 & 1) << 2 | (f >> 2 & 1) << 4 | (f >> 3 & 1) << 6;
    }
  }

  private MarchingCubes() {}

  /**
   * Extracts the surface {@code value == level}. With {@code insideAbove} the solid is where the
   * value exceeds the level (occupancy probabilities); otherwise where it is below (signed distances).
   */
  public static Mesh extract(ScalarGrid grid, float level, boolean insideAbove) {
    float pad = insideAbove ? level - 1f : level + (float) grid.spacing();
    return new Extraction(grid, level, insideAbove, pad).run();
  }

  /**
   * The number of triangles {@link #extract(ScalarGrid, float, boolean)} would return, counted from
   * the cube cases alone (no vertices made): memory of one byte per sample.
   */
  public static long faceCount(ScalarGrid grid, float level, boolean insideAbove) {
    float pad = insideAbove ? level - 1f : level + (float) grid.spacing();
    return new Extraction(grid, level, insideAbove, pad).countFaces();
  }

  /** As {@link #extract(ScalarGrid, float, boolean)}, with the value used for the padding given. */
  public static Mesh extract(ScalarGrid grid, float level, boolean insideAbove, float padValue) {
    if (insideAbove ? padValue > level : padValue < level) {
      throw new IllegalArgumentException("pad value " + padValue + " is inside at level " + level);
    }
    return new Extraction(grid, level, insideAbove, padValue).run();
  }

  /** One extraction's state: the padded grid, per-edge vertex ids of two layers, growable outputs. */
  private static final class Extraction {
    private final ScalarGrid grid;
    private final float level;
    private final boolean insideAbove;
    private final float pad;
    private final int px, py, pz;
    /** Inside flags of the padded grid: one byte per sample, 1 = inside. */
    private final byte[] in;
    private int[][] xIds, yIds;
    private int[] zIds;
    private float[] positions = new float[3 * 4096];
    private float[] normals = new float[3 * 4096];
    private int vertexCount;
    private int[] triangles = new int[3 * 8192];
    private int triangleIndexCount;

    Extraction(ScalarGrid grid, float level, boolean insideAbove, float pad) {
      this.grid = grid;
      this.level = level;
      this.insideAbove = insideAbove;
      this.pad = pad;
      px = grid.nx() + 2;
      py = grid.ny() + 2;
      pz = grid.nz() + 2;
      in = new byte[Math.multiplyExact(Math.multiplyExact(px, py), pz)];
      float[] src = grid.values();
      int nx = grid.nx();
      for (int z = 0; z < grid.nz(); z++) {
        for (int y = 0; y < grid.ny(); y++) {
          int from = (z * grid.ny() + y) * nx, to = ((z + 1) * py + y + 1) * px + 1;
          for (int x = 0; x < nx; x++) {
            if (in(src[from + x])) {
              in[to + x] = 1;
            }
          }
        }
      }
    }

    private boolean in(float value) {
      return insideAbove ? value > level : value < level;
    }

    /** The field at padded grid point (i, j, k): the grid's sample, or the pad value outside it. */
    private float value(int i, int j, int k) {
      if (i < 1 || j < 1 || k < 1 || i > grid.nx() || j > grid.ny() || k > grid.nz()) {
        return pad;
      }
      return grid.values()[((k - 1) * grid.ny() + j - 1) * grid.nx() + i - 1];
    }

    /** A cell (i, j) of the current layer that the surface crosses, with its cube case (corner mask). */
    private interface SurfaceCell {
      void visit(int mask, int i, int j);
    }

    /** Every cell of layer k that the surface crosses (its corners neither all inside nor all outside). */
    private void forEachSurfaceCell(int k, SurfaceCell visitor) {
      int layer = px * py;
      for (int j = 0; j + 1 < py; j++) {
        int row = (k * py + j) * px;
        // Corner flags of the cell's left face (x = i); the right face's become the next left's.
        int left = in[row] | in[row + px] << 1 | in[row + layer] << 2 | in[row + layer + px] << 3;
        for (int i = 0; i + 1 < px; i++) {
          int b = row + i + 1;
          int right = in[b] | in[b + px] << 1 | in[b + layer] << 2 | in[b + layer + px] << 3;
          int mask = SPREAD[left] | SPREAD[right] << 1;
          left = right;
          if (mask != 0 && mask != 255) {
            visitor.visit(mask, i, j);
          }
        }
      }
    }

    long countFaces() {
      long[] faces = new long[1];
      for (int k = 0; k + 1 < pz; k++) {
        forEachSurfaceCell(k, (mask, i, j) -> faces[0] += CubeTable.TRIANGLES[mask].length / 3);
      }
      return faces[0];
    }

    Mesh run() {
      int layer = px * py;
      xIds = new int[2][layer];
      yIds = new int[2][layer];
      zIds = new int[layer];
      Arrays.fill(xIds[0], -1);
      Arrays.fill(yIds[0], -1);
      int[] edgeVertex = new int[12];
      for (int k = 0; k + 1 < pz; k++) {
        Arrays.fill(xIds[(k + 1) & 1], -1);
        Arrays.fill(yIds[(k + 1) & 1], -1);
        Arrays.fill(zIds, -1);
        int cellLayer = k;
        forEachSurfaceCell(k, (mask, i, j) -> {
          int[] tris = CubeTable.TRIANGLES[mask];
          Arrays.fill(edgeVertex, -1);
          for (int t = 0; t < tris.length; t++) {
            int e = tris[t];
            if (edgeVertex[e] < 0) {
              edgeVertex[e] = edgeVertexId(e, i, j, cellLayer);
            }
            addTriangleIndex(edgeVertex[e]);
          }
        });
      }
      return toMesh();
    }

    /** The shared vertex on cell (i,j,k)'s edge e, created on first use. */
    private int edgeVertexId(int e, int i, int j, int k) {
      int[] a = CORNER_OFFSETS[CubeTable.EDGES[e][0]];
      int gi = i + a[0], gj = j + a[1], gk = k + a[2];
      int slot = gj * px + gi;
      int[] ids;
      int axis = e >> 2;
      if (axis == 0) {
        ids = xIds[gk & 1];
      } else if (axis == 1) {
        ids = yIds[gk & 1];
      } else {
        ids = zIds;
      }
      if (ids[slot] < 0) {
        ids[slot] = newVertex(gi, gj, gk, axis);
      }
      return ids[slot];
    }

    private int newVertex(int i, int j, int k, int axis) {
      int i1 = i + (axis == 0 ? 1 : 0), j1 = j + (axis == 1 ? 1 : 0), k1 = k + (axis == 2 ? 1 : 0);
      float v0 = value(i, j, k), v1 = value(i1, j1, k1);
      double t = v1 == v0 ? 0.5 : (level - v0) / (double) (v1 - v0);
      double h = grid.spacing();
      if (vertexCount * 3 + 3 > positions.length) {
        positions = Arrays.copyOf(positions, positions.length * 2);
        normals = Arrays.copyOf(normals, normals.length * 2);
      }
      int o = 3 * vertexCount;
      positions[o] = (float) (grid.originX() + h * (i - 1 + (axis == 0 ? t : 0)));
      positions[o + 1] = (float) (grid.originY() + h * (j - 1 + (axis == 1 ? t : 0)));
      positions[o + 2] = (float) (grid.originZ() + h * (k - 1 + (axis == 2 ? t : 0)));
      double sign = insideAbove ? -1 : 1;
      for (int d = 0; d < 3; d++) {
        double g0 = gradient(i, j, k, d), g1 = gradient(i1, j1, k1, d);
        normals[o + d] = (float) (sign * (g0 + t * (g1 - g0)));
      }
      return vertexCount++;
    }

    /** Central difference along axis d at a padded grid point, one-sided at the padded border. */
    private double gradient(int i, int j, int k, int d) {
      int[] lo = {i, j, k}, hi = {i, j, k};
      int limit = d == 0 ? px : d == 1 ? py : pz;
      lo[d] = Math.max(0, lo[d] - 1);
      hi[d] = Math.min(limit - 1, hi[d] + 1);
      float a = value(lo[0], lo[1], lo[2]), b = value(hi[0], hi[1], hi[2]);
      return (b - a) / (double) (hi[d] - lo[d]);
    }

    private void addTriangleIndex(int vertex) {
      if (triangleIndexCount == triangles.length) {
        triangles = Arrays.copyOf(triangles, triangles.length * 2);
      }
      triangles[triangleIndexCount++] = vertex;
    }

    private Mesh toMesh() {
      float[] p = Arrays.copyOf(positions, 3 * vertexCount);
      float[] n = Arrays.copyOf(normals, 3 * vertexCount);
      int[] t = Arrays.copyOf(triangles, triangleIndexCount);
      float[] fallback = null;
      for (int vi = 0; vi < vertexCount; vi++) {
        double len = Math.sqrt(n[3 * vi] * n[3 * vi] + n[3 * vi + 1] * n[3 * vi + 1] + n[3 * vi + 2] * n[3 * vi + 2]);
        if (len > 1e-20) {
          for (int d = 0; d < 3; d++) {
            n[3 * vi + d] /= len;
          }
        } else {
          if (fallback == null) {
            fallback = Mesh.of(p, t).withVertexNormals().normals();
          }
          System.arraycopy(fallback, 3 * vi, n, 3 * vi, 3);
        }
      }
      return Mesh.of(p, t, n, null, null);
    }
  }
}
