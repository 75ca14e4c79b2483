package dev.rayform.recon.eval;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.generation.CameraToObject;
import dev.rayform.recon.generation.UprightEstimate;
import dev.rayform.recon.geometry.Mesh;

/**
 * How far from upright a delivered product would stand: the angle, in degrees, between the up
 * direction {@link UprightEstimate} reads from a prediction seen from the input camera and the
 * shape's true up (its object frame's y, as that camera sees it).
 */
public final class UprightError {
  private UprightError() {}

  /**
   * {@code pred} in the shape's normalised object frame (as the evaluation holds predictions); an
   * empty one is left level, so its error is the camera's elevation.
   */
  public static double of(Mesh pred, DatasetBuilder.ViewRecord view) {
    double[] r = view.r();
    Mesh viewer = CameraToObject.toViewerFrame(pred.transformed(new double[] {
      r[0], r[1], r[2], 0, r[3], r[4], r[5], 0, r[6], r[7], r[8], 0}));
    double p = Math.toRadians(UprightEstimate.estimate(viewer).pitchDegrees());
    // The true up (0, 1, 0) in the camera frame is R's second column; the viewer frame negates y and z.
    double ux = r[1], uy = -r[4], uz = -r[7];
    double cos = (uy * Math.cos(p) + uz * Math.sin(p)) / Math.sqrt(ux * ux + uy * uy + uz * uz);
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
  }
}
