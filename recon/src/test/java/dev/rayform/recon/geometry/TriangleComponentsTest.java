package dev.rayform.recon.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TriangleComponentsTest {
  private static int[] roots(TriangleComponents components, int vertices) {
    int[] roots = new int[vertices];
    for (int v = 0; v < vertices; v++) {
      roots[v] = components.root(v);
    }
    return roots;
  }

  @Test
  void joinsVerticesThroughTrianglesAndNamesEachComponentByItsSmallestVertex() {
    // {0, 1, 2} and {3, 4, 5, 6} (two triangles sharing edge 4-6); vertex 7 is in no triangle
    int[] corners = {6, 5, 4, 2, 1, 0, 6, 3, 4};
    assertArrayEquals(new int[] {0, 0, 0, 3, 3, 3, 3, 7}, roots(TriangleComponents.of(8, corners), 8));
  }

  @Test
  void labelsDoNotDependOnTheOrderOfTheTriangles() {
    int[] forward = {0, 9, 1, 1, 8, 2, 2, 7, 3, 5, 6, 4};
    int[] backward = {5, 6, 4, 2, 7, 3, 1, 8, 2, 0, 9, 1};
    int[] expected = {0, 0, 0, 0, 4, 4, 4, 0, 0, 0};
    assertArrayEquals(expected, roots(TriangleComponents.of(10, forward), 10));
    assertArrayEquals(expected, roots(TriangleComponents.of(10, backward), 10));
  }

  @Test
  void rejectsAnIndexListThatIsNotWholeTriangles() {
    assertThrows(IllegalArgumentException.class, () -> TriangleComponents.of(3, new int[] {0, 1}));
  }
}
