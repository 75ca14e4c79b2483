package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;

/** The triangle indices of a mesh grouped by part, in part order (empty parts get empty arrays). */
final class PartFaces {
  private PartFaces() {}

  static int[][] of(Mesh mesh) {
    int parts = mesh.parts().size();
    int[] counts = new int[parts];
    for (int f = 0; f < mesh.faceCount(); f++) {
      counts[mesh.partOf(f)]++;
    }
    int[][] out = new int[parts][];
    for (int p = 0; p < parts; p++) {
      out[p] = new int[3 * counts[p]];
    }
    int[] fill = new int[parts];
    int[] t = mesh.triangles();
    for (int f = 0; f < mesh.faceCount(); f++) {
      int p = mesh.partOf(f);
      System.arraycopy(t, 3 * f, out[p], fill[p], 3);
      fill[p] += 3;
    }
    return out;
  }
}
