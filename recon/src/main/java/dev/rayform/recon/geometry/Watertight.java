package dev.rayform.recon.geometry;

import java.util.HashSet;
import java.util.Set;

/** Whether a mesh is closed and consistently oriented: every directed edge once, with its reverse once. */
public final class Watertight {
  private Watertight() {}

  /** True for a non-empty mesh whose every edge is shared by exactly two faces in opposite directions. */
  public static boolean check(Mesh mesh) {
    Set<Long> directed = new HashSet<>();
    int[] t = mesh.triangles();
    for (int f = 0; f < mesh.faceCount(); f++) {
      for (int k = 0; k < 3; k++) {
        if (!directed.add((long) t[3 * f + k] << 32 | t[3 * f + (k + 1) % 3])) {
          return false;
        }
      }
    }
    for (long e : directed) {
      if (!directed.contains((e & 0xffffffffL) << 32 | e >>> 32)) {
        return false;
      }
    }
    return !directed.isEmpty();
  }
}
