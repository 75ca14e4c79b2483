package dev.rayform.recon.generation;

import dev.rayform.recon.geometry.Mesh;

/** Measures of closed meshes for the generation tests. */
final class GenerationTestSupport {
  private GenerationTestSupport() {}

  /** Signed volume by the divergence theorem (positive for outward faces). */
  static double volume(Mesh mesh) {
    int[] t = mesh.triangles();
    double sum = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      int a = t[3 * f], b = t[3 * f + 1], c = t[3 * f + 2];
      double ax = mesh.x(a), ay = mesh.y(a), az = mesh.z(a);
      double bx = mesh.x(b), by = mesh.y(b), bz = mesh.z(b);
      double cx = mesh.x(c), cy = mesh.y(c), cz = mesh.z(c);
      sum += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
    }
    return sum / 6;
  }

  /** Every edge shared by exactly two faces, in opposite directions. */
  static boolean isClosed(Mesh mesh) {
    return dev.rayform.recon.geometry.Watertight.check(mesh);
  }
}
