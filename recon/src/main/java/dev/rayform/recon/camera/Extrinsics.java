package dev.rayform.recon.camera;

/**
 * World-to-camera rigid transform {@code X_cam = R X_world + t}, in the OpenCV convention: camera x
 * to the right, y down, z forward (depth). {@code r} is row-major 3x3.
 */
public record Extrinsics(double[] r, double[] t) {
  public Extrinsics {
    if (r.length != 9 || t.length != 3) {
      throw new IllegalArgumentException("extrinsics need a 3x3 rotation and a 3-vector translation");
    }
    r = r.clone();
    t = t.clone();
  }

  /**
   * A camera at {@code eye} looking at {@code target}, with world {@code up} (not parallel to the
   * view direction) appearing upwards in the image.
   */
  public static Extrinsics lookAt(double[] eye, double[] target, double[] up) {
    double[] f = normalize(sub(target, eye));
    double[] right = cross(f, up);
    if (norm(right) < 1e-12) {
      throw new IllegalArgumentException("the up vector is parallel to the view direction");
    }
    right = normalize(right);
    double[] down = cross(f, right);
    double[] r = {right[0], right[1], right[2], down[0], down[1], down[2], f[0], f[1], f[2]};
    double[] t = {-dot3(r, 0, eye), -dot3(r, 3, eye), -dot3(r, 6, eye)};
    return new Extrinsics(r, t);
  }

  /**
   * Looking at the origin from {@code distance}, at {@code azimuth} degrees about the world y axis
   * (0 looks at the object's front, +z) and {@code elevation} degrees above the xz plane.
   */
  public static Extrinsics orbit(double azimuthDeg, double elevationDeg, double distance) {
    double az = Math.toRadians(azimuthDeg), el = Math.toRadians(elevationDeg);
    double[] eye = {
      distance * Math.cos(el) * Math.sin(az), distance * Math.sin(el), distance * Math.cos(el) * Math.cos(az)
    };
    return lookAt(eye, new double[3], new double[] {0, 1, 0});
  }

  /** The camera centre in world coordinates, {@code -R^T t}. */
  public double[] center() {
    return new double[] {
      -(r[0] * t[0] + r[3] * t[1] + r[6] * t[2]),
      -(r[1] * t[0] + r[4] * t[1] + r[7] * t[2]),
      -(r[2] * t[0] + r[5] * t[1] + r[8] * t[2])
    };
  }

  public double[] r() {
    return r.clone();
  }

  public double[] t() {
    return t.clone();
  }

  /** World point to camera coordinates, written into {@code out}. */
  public void toCamera(double x, double y, double z, double[] out) {
    out[0] = r[0] * x + r[1] * y + r[2] * z + t[0];
    out[1] = r[3] * x + r[4] * y + r[5] * z + t[1];
    out[2] = r[6] * x + r[7] * y + r[8] * z + t[2];
  }

  /** Camera point to world coordinates, written into {@code out}. */
  public void toWorld(double x, double y, double z, double[] out) {
    double a = x - t[0], b = y - t[1], c = z - t[2];
    out[0] = r[0] * a + r[3] * b + r[6] * c;
    out[1] = r[1] * a + r[4] * b + r[7] * c;
    out[2] = r[2] * a + r[5] * b + r[8] * c;
  }

  /** The 3x4 row-major affine matrix {@code [R | t]}, world to camera. */
  public double[] worldToCameraMatrix() {
    return new double[] {r[0], r[1], r[2], t[0], r[3], r[4], r[5], t[1], r[6], r[7], r[8], t[2]};
  }

  /** The 3x4 row-major affine matrix {@code [R^T | -R^T t]}, camera to world. */
  public double[] cameraToWorldMatrix() {
    double[] c = center();
    return new double[] {r[0], r[3], r[6], c[0], r[1], r[4], r[7], c[1], r[2], r[5], r[8], c[2]};
  }

  private static double dot3(double[] m, int row, double[] v) {
    return m[row] * v[0] + m[row + 1] * v[1] + m[row + 2] * v[2];
  }

  private static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  private static double norm(double[] a) {
    return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
  }

  private static double[] normalize(double[] a) {
    double n = norm(a);
    return new double[] {a[0] / n, a[1] / n, a[2] / n};
  }
}
