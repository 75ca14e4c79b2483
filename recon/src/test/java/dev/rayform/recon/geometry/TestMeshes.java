package dev.rayform.recon.geometry;


/** Meshes with known answers for tests. */
public final class TestMeshes {
  private TestMeshes() {}

  /** A closed, outward-oriented icosphere: {@code 20 * 4^subdivisions} faces, vertices on the sphere. */
  public static Mesh icosphere(int subdivisions, double radius, double cx, double cy, double cz) {
    return MeshPrimitives.icosphere(radius, subdivisions).withoutNormals().translatedScaled(-cx, -cy, -cz, 1);
  }

  /** Icosphere of {@code 20 * 4^subdivisions} faces centred at the origin. */
  public static Mesh icosphere(int subdivisions, double radius) {
    return icosphere(subdivisions, radius, 0, 0, 0);
  }

  /** The same mesh with every face's winding reversed (normals pointing inwards). */
  public static Mesh inverted(Mesh mesh) {
    int[] t = mesh.triangles().clone();
    for (int f = 0; f < mesh.faceCount(); f++) {
      int tmp = t[3 * f + 1];
      t[3 * f + 1] = t[3 * f + 2];
      t[3 * f + 2] = tmp;
    }
    return Mesh.of(mesh.positions().clone(), t);
  }

  /** The mesh without the faces whose centroid satisfies {@code z > zAbove}: an open mesh. */
  public static Mesh withoutFacesAbove(Mesh mesh, double zAbove) {
    int[] t = mesh.triangles();
    int[] kept = new int[t.length];
    int n = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      double z = (mesh.z(t[3 * f]) + mesh.z(t[3 * f + 1]) + mesh.z(t[3 * f + 2])) / 3;
      if (z <= zAbove) {
        System.arraycopy(t, 3 * f, kept, 3 * n, 3);
        n++;
      }
    }
    return Mesh.of(mesh.positions().clone(), java.util.Arrays.copyOf(kept, 3 * n));
  }

  /** A closed, welded, outward-oriented axis-aligned box of 12 triangles. */
  public static Mesh box(double hx, double hy, double hz) {
    return MeshPrimitives.box(2 * hx, 2 * hy, 2 * hz);
  }

  /** The box as six separate, unwelded quads (each face its own component with its own 4 vertices). */
  public static Mesh unweldedBox(double hx, double hy, double hz) {
    Mesh welded = box(hx, hy, hz);
    int[] t = welded.triangles();
    float[] p = new float[6 * 4 * 3];
    int[] out = new int[t.length];
    for (int q = 0; q < 6; q++) {
      int[] corners = {t[6 * q], t[6 * q + 1], t[6 * q + 2], t[6 * q + 5]};
      for (int k = 0; k < 4; k++) {
        System.arraycopy(welded.positions(), 3 * corners[k], p, 3 * (4 * q + k), 3);
      }
      System.arraycopy(new int[] {4 * q, 4 * q + 1, 4 * q + 2, 4 * q, 4 * q + 2, 4 * q + 3}, 0, out, 6 * q, 6);
    }
    return Mesh.of(p, out);
  }
}
