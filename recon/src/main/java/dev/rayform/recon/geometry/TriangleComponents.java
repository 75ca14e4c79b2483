package dev.rayform.recon.geometry;

/**
 * The connected components of a triangle list: vertices joined by the triangles' edges (union-find
 * with path halving). Each component is named by its smallest vertex, so the labels do not depend
 * on the order of the triangles.
 */
public final class TriangleComponents {
  private final int[] parent;

  private TriangleComponents(int vertices) {
    parent = new int[vertices];
    for (int i = 0; i < vertices; i++) {
      parent[i] = i;
    }
  }

  /**
   * Components of {@code vertices} vertices joined by the triangles in {@code corners} (three
   * vertex indices per triangle, each below {@code vertices}); a vertex no triangle uses is a
   * component of its own.
   */
  public static TriangleComponents of(int vertices, int[] corners) {
    if (corners.length % 3 != 0) {
      throw new IllegalArgumentException("corners hold " + corners.length + " indices, not a multiple of 3");
    }
    TriangleComponents components = new TriangleComponents(vertices);
    for (int t = 0; t < corners.length; t += 3) {
      components.union(corners[t], corners[t + 1]);
      components.union(corners[t], corners[t + 2]);
    }
    return components;
  }

  /** The smallest vertex of {@code vertex}'s component, in [0, vertices). */
  public int root(int vertex) {
    int i = vertex;
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private void union(int a, int b) {
    int ra = root(a), rb = root(b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
