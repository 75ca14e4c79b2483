package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import java.util.List;

/** Small meshes for the I/O tests. */
final class TestMeshes {
  private TestMeshes() {}

  /** A unit cube (8 vertices, 12 faces) split in two coloured parts and an uncoloured one. */
  static Mesh cubeWithParts() {
    float[] p = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1};
    int[] t = {
        0, 2, 1, 0, 3, 2, // bottom z=0
        4, 5, 6, 4, 6, 7, // top z=1
        0, 1, 5, 0, 5, 4,
        1, 2, 6, 1, 6, 5,
        2, 3, 7, 2, 7, 6,
        3, 0, 4, 3, 4, 7};
    int[] fp = {0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2};
    return Mesh.of(p, t, null, fp, List.of(
        new Mesh.Part("bottom", new float[] {1f, 0.25f, 0.125f}),
        new Mesh.Part("top", new float[] {0.1f, 0.2f, 0.3f}),
        new Mesh.Part("sides", null)));
  }
}
