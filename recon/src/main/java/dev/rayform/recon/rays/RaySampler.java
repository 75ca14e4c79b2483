package dev.rayform.recon.rays;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.geometry.Occupancy;
import java.util.SplittableRandom;

/**
 * Ray-ONet's training labels for one view: {@code k} random pixel positions (continuous, uniform
 * over the image), {@code m} equally spaced depths along each ray, and the occupancy of every such
 * point. The object stands at the world origin scaled by {@code objectScale}; {@code occupancy}
 * answers in the object's own (normalised) coordinates.
 */
public final class RaySampler {
  public static final int DEFAULT_RAYS = 5000;

  private final DepthSampling depths;

  public RaySampler(DepthSampling depths) {
    this.depths = depths;
  }

  public RayLabels sample(Camera camera, double objectScale, Occupancy occupancy, int k, SplittableRandom random) {
    float[] pixels = new float[2 * k];
    for (int i = 0; i < 2 * k; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    return label(camera, objectScale, occupancy, pixels);
  }

  /** Labels the given pixel positions ({@code p} in [0,1]^2, packed x,y). */
  public RayLabels label(Camera camera, double objectScale, Occupancy occupancy, float[] pixels) {
    int k = pixels.length / 2, m = depths.m();
    float[] points = points(camera, objectScale, pixels);
    boolean[] inside = occupancy.inside(points);
    return new RayLabels(k, m, pixels, BitPacking.pack(inside));
  }

  /** The object-space points of every ray's depth samples, packed x,y,z, ray after ray. */
  public float[] points(Camera camera, double objectScale, float[] pixels) {
    int k = pixels.length / 2, m = depths.m();
    int w = camera.intrinsics().width(), h = camera.intrinsics().height();
    float[] points = new float[3 * k * m];
    double inv = 1 / objectScale;
    double[] world = new double[3];
    for (int r = 0; r < k; r++) {
      double[] unit = camera.pixelToCamera(pixels[2 * r] * w, pixels[2 * r + 1] * h, 1);
      for (int j = 0; j < m; j++) {
        double d = depths.depth(j);
        camera.extrinsics().toWorld(unit[0] * d, unit[1] * d, d, world);
        int o = 3 * (r * m + j);
        points[o] = (float) (world[0] * inv);
        points[o + 1] = (float) (world[1] * inv);
        points[o + 2] = (float) (world[2] * inv);
      }
    }
    return points;
  }

  public DepthSampling depths() {
    return depths;
  }
}
