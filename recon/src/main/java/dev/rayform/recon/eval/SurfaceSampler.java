package dev.rayform.recon.eval;

import dev.rayform.recon.geometry.InvalidMeshException;
import dev.rayform.recon.geometry.Mesh;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Uniform, area-weighted random points on a mesh surface, reproducible from a seed. */
public final class SurfaceSampler {
  private SurfaceSampler() {}

  /**
   * {@code count} points uniform over the surface area, each with its face's unit normal.
   *
   * @throws InvalidMeshException when the mesh has no area to sample
   */
  public static SurfaceSamples sample(Mesh mesh, int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("sample count must be >= 0, got " + count);
    }
    int faces = mesh.faceCount();
    double[] cumulative = new double[faces];
    float[] faceNormals = new float[3 * faces];
    double total = 0;
    for (int f = 0; f < faces; f++) {
      double[] n = mesh.faceCross(f);
      double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
      total += 0.5 * len;
      cumulative[f] = total;
      if (len > 0) {
        faceNormals[3 * f] = (float) (n[0] / len);
        faceNormals[3 * f + 1] = (float) (n[1] / len);
        faceNormals[3 * f + 2] = (float) (n[2] / len);
      }
    }
    if (!(total > 0)) {
      throw new InvalidMeshException("cannot sample a surface with zero area (" + mesh + ")");
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] t = mesh.triangles();
    float[] p = mesh.positions();
    float[] points = new float[3 * count];
    float[] normals = new float[3 * count];
    for (int i = 0; i < count; i++) {
      int f = pickFace(cumulative, random.nextDouble() * total);
      // Square-root warp: uniform barycentrics over the triangle.
      double s = Math.sqrt(random.nextDouble()), r = random.nextDouble();
      double wa = 1 - s, wb = s * (1 - r), wc = s * r;
      int a = 3 * t[3 * f], b = 3 * t[3 * f + 1], c = 3 * t[3 * f + 2];
      for (int k = 0; k < 3; k++) {
        points[3 * i + k] = (float) (wa * p[a + k] + wb * p[b + k] + wc * p[c + k]);
        normals[3 * i + k] = faceNormals[3 * f + k];
      }
    }
    return new SurfaceSamples(points, normals);
  }

  /** First face whose cumulative area exceeds {@code target}; zero-area faces are never picked. */
  private static int pickFace(double[] cumulative, double target) {
    int i = Arrays.binarySearch(cumulative, target);
    int f = i >= 0 ? i + 1 : -i - 1;
    return Math.min(f, cumulative.length - 1);
  }
}
