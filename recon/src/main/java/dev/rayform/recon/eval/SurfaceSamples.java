package dev.rayform.recon.eval;

/** Points on a surface (packed x,y,z) with the unit normal of the face each was drawn from. */
public record SurfaceSamples(float[] points, float[] normals) {
  public SurfaceSamples {
    if (points.length != normals.length || points.length % 3 != 0) {
      throw new IllegalArgumentException("points and normals need equal lengths, a multiple of 3");
    }
  }

  public int size() {
    return points.length / 3;
  }
}
