package dev.rayform.recon.data;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;

/**
 * One rendered view of an object standing at the world origin, scaled by {@code objectScale} from
 * its normalised form (longest side 1): the camera orbits at {@code azimuth}/{@code elevation}
 * degrees and {@code distance}, with a square image and a focal length in image widths.
 */
public record ViewSpec(
    double azimuth, double elevation, double distance, double objectScale, int imageSize, double normalizedFocal) {

  public Camera camera() {
    return new Camera(Intrinsics.centered(imageSize, imageSize, normalizedFocal), Extrinsics.orbit(azimuth, elevation, distance));
  }

  /** Ray-ONet's scale calibration factor: camera-object distance over focal length (in image widths). */
  public double scaleFactor() {
    return distance / normalizedFocal;
  }
}
