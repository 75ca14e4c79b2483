package dev.rayform.recon.geometry.inside;

import dev.rayform.recon.geometry.Mesh;
import java.util.Arrays;

/**
 * The non-degenerate triangles of a mesh as a flat array of nine floats each (a, b, c), so the
 * inside-test structures read them without index indirection.
 */
final class TriangleSet {
  final float[] v;
  final int count;

  TriangleSet(float[] v, int count) {
    this.v = v;
    this.count = count;
  }

  static TriangleSet of(Mesh mesh) {
    float[] p = mesh.positions();
    int[] t = mesh.triangles();
    float[] out = new float[t.length * 3];
    int n = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      if (mesh.faceArea(f) == 0) {
        continue; // zero-area faces subtend no solid angle and are never crossed
      }
      for (int k = 0; k < 3; k++) {
        int vi = t[3 * f + k];
        out[9 * n + 3 * k] = p[3 * vi];
        out[9 * n + 3 * k + 1] = p[3 * vi + 1];
        out[9 * n + 3 * k + 2] = p[3 * vi + 2];
      }
      n++;
    }
    return new TriangleSet(Arrays.copyOf(out, 9 * n), n);
  }

  /** Coordinate {@code axis} of vertex {@code k} of triangle {@code i}. */
  float coord(int i, int k, int axis) {
    return v[9 * i + 3 * k + axis];
  }
}
