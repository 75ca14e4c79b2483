package dev.rayform.recon.generation;

import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.geometry.Mesh;

/**
 * Brings a camera-space reconstruction back to the object's normalised frame: world =
 * {@code R^T (x - t)}, object = world / {@code objectScale} (objects stand at the world origin,
 * scaled from their normalised form).
 */
public final class CameraToObject {
  private CameraToObject() {}

  public static Mesh toObject(Mesh cameraMesh, Extrinsics extrinsics, double objectScale) {
    if (!(objectScale > 0) || !Double.isFinite(objectScale)) {
      throw new IllegalArgumentException("object scale must be positive and finite, got " + objectScale);
    }
    double[] m = extrinsics.cameraToWorldMatrix();
    for (int i = 0; i < m.length; i++) {
      m[i] /= objectScale;
    }
    return cameraMesh.transformed(m);
  }

  /**
   * OpenCV camera axes (x right, y down, z forward) to OpenGL's (x right, y up, z towards the
   * viewer), the frame 3D viewers expect: a rotation, so faces keep their winding.
   */
  public static Mesh toViewerFrame(Mesh cameraMesh) {
    return cameraMesh.transformed(new double[] {1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0});
  }

  public static Mesh toWorld(Mesh cameraMesh, Extrinsics extrinsics) {
    return cameraMesh.transformed(extrinsics.cameraToWorldMatrix());
  }

  /**
   * A camera-space reconstruction stood upright in the frame shops and AR viewers expect (y up, the
   * side facing the camera towards +z): the viewer frame turned by the camera's pitch and the yaw
   * that squares the product ({@link UprightEstimate}).
   */
  public static Mesh toUpright(Mesh cameraMesh) {
    return toUpright(cameraMesh, null);
  }

  /** As {@link #toUpright(Mesh)}, with the camera's elevation in degrees when it is known (null: read from the shape). */
  public static Mesh toUpright(Mesh cameraMesh, Double cameraElevation) {
    Mesh viewer = toViewerFrame(cameraMesh);
    return viewer.transformed(UprightEstimate.estimate(viewer, cameraElevation).matrix());
  }
}
