package dev.rayform.recon.eval;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.render.Renderer;

/**
 * How well a reconstruction covers the product as the input photo shows it: the IoU of the
 * prediction's and the ground truth's silhouettes, both rendered from the input view's camera. A
 * network can score well in 3D and still spill out of (or miss parts of) the very outline it was
 * shown; this measures that.
 */
public final class SilhouetteIou {
  private SilhouetteIou() {}

  /**
   * Both meshes in the shape's normalised object frame (as {@link DatasetBuilder.ViewRecord#cameraToObject}
   * returns predictions), rendered at {@code size} pixels square from {@code view}'s camera; a pixel
   * is covered when more than half of it is. 0 when neither silhouette covers a pixel.
   */
  public static double of(Mesh pred, Mesh gt, DatasetBuilder.ViewRecord view, int size) {
    Renderer renderer = new Renderer();
    Camera camera = new Camera(new Intrinsics(view.width(), view.height(), view.fx(), view.fy(), view.cx(), view.cy())
        .resized(size, size), new Extrinsics(view.r(), view.t()));
    double k = view.objectScale();
    double[] toWorld = {k, 0, 0, 0, 0, k, 0, 0, 0, 0, k, 0};
    float[] a = pred.isEmpty() ? new float[size * size] : renderer.render(pred.transformed(toWorld), camera).alpha();
    float[] b = renderer.render(gt.transformed(toWorld), camera).alpha();
    long both = 0, either = 0;
    for (int i = 0; i < a.length; i++) {
      boolean p = a[i] > 0.5f, g = b[i] > 0.5f;
      both += p && g ? 1 : 0;
      either += p || g ? 1 : 0;
    }
    return either == 0 ? 0 : both / (double) either;
  }
}
