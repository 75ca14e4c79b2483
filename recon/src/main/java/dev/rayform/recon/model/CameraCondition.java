package dev.rayform.recon.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The camera part of the decoder's condition: Ray-ONet's scale factor s and, in a network that
 * {@linkplain ModelConfig#useElevation uses it}, the camera's elevation above the product. A photo's
 * elevation sets how depth changes with height in the image (a vertical part's top lies {@code h sin e}
 * nearer the camera than its foot), which the network otherwise reads from the image alone; a shop
 * that shoots its catalogue at one height knows it. Elevation is two columns: a known flag, and the
 * elevation in tens of degrees from 30 (the middle of the training views), {@code (e - 30) / 10},
 * times the flag, so an unknown elevation ({@code NaN}) is two zeros and reads no learnt weight: the
 * network then predicts as it would without the input. (Tens of degrees rather than a unit span give
 * the 20-40 degree views the spread of s's values, so columns that a warm start opens at zero learn
 * at the pace of the rest.)
 */
public final class CameraCondition {
  /** Columns the elevation adds to the condition. */
  public static final int ELEVATION_INPUTS = 2;
  /** The elevation (degrees) that encodes to 0, and the span that encodes to 1. */
  static final double CENTRE = 30, SPAN = 10;

  private CameraCondition() {}

  /**
   * The camera inputs of {@code scales.length} images, {@code [B, max(1, cameraInputs)]}: s, then the
   * elevation's columns where {@code config} uses them; {@code elevations} in degrees, {@code NaN} (or
   * a null array) where not known.
   */
  public static NDArray of(NDManager m, ModelConfig config, float[] scales, float[] elevations) {
    int b = scales.length, n = config.cameraInputs();
    if (n == 0) {
      return m.zeros(new Shape(b, 1));
    }
    float[] values = new float[b * n];
    for (int i = 0; i < b; i++) {
      int c = 0;
      if (config.useScale()) {
        values[i * n + c++] = scales[i];
      }
      if (config.useElevation()) {
        float e = elevations == null ? Float.NaN : elevations[i];
        boolean known = Float.isFinite(e);
        values[i * n + c] = known ? 1f : 0f;
        values[i * n + c + 1] = known ? (float) ((e - CENTRE) / SPAN) : 0f;
      }
    }
    return m.create(values, new Shape(b, n));
  }

  /** One image's camera inputs: s and its elevation in degrees ({@code NaN} when not known). */
  public static NDArray of(NDManager m, ModelConfig config, double scale, double elevation) {
    return of(m, config, new float[] {(float) scale}, new float[] {(float) elevation});
  }
}
