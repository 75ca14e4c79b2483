package dev.rayform.recon.camera;

/**
 * A pinhole camera: intrinsics plus world-to-camera extrinsics. Depth is the camera-space z
 * coordinate (not the distance along the ray), as Ray-ONet's equally spaced ray samples use it.
 */
public record Camera(Intrinsics intrinsics, Extrinsics extrinsics) {

  /** Projects a world point; returns {@code {u, v, depth}} with u, v in pixels. */
  public double[] project(double x, double y, double z) {
    double[] c = new double[3];
    extrinsics.toCamera(x, y, z, c);
    return new double[] {
      intrinsics.fx() * c[0] / c[2] + intrinsics.cx(), intrinsics.fy() * c[1] / c[2] + intrinsics.cy(), c[2]
    };
  }

  /** The camera-space point seen at pixel position {@code (u, v)} at {@code depth}. */
  public double[] pixelToCamera(double u, double v, double depth) {
    return new double[] {
      (u - intrinsics.cx()) / intrinsics.fx() * depth, (v - intrinsics.cy()) / intrinsics.fy() * depth, depth
    };
  }

  /** The world point seen at pixel position {@code (u, v)} at {@code depth}. */
  public double[] pixelToWorld(double u, double v, double depth) {
    double[] c = pixelToCamera(u, v, depth);
    double[] w = new double[3];
    extrinsics.toWorld(c[0], c[1], c[2], w);
    return w;
  }

  /** The unit direction, in world coordinates, of the ray through pixel position {@code (u, v)}. */
  public double[] rayDirection(double u, double v) {
    double[] c = pixelToCamera(u, v, 1);
    double n = Math.sqrt(c[0] * c[0] + c[1] * c[1] + 1);
    double[] o = extrinsics.center();
    double[] w = new double[3];
    extrinsics.toWorld(c[0] / n, c[1] / n, 1 / n, w);
    return new double[] {w[0] - o[0], w[1] - o[1], w[2] - o[2]};
  }

  /** Distance from the camera centre to the world origin (where objects are placed). */
  public double distanceToOrigin() {
    double[] c = extrinsics.center();
    return Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
  }
}
