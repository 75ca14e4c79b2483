package dev.rayform.recon.generation;

/**
 * The horizontal mirror of Ray-ONet's input and output. With the principal point centred, mirroring
 * the image mirrors the scene in the camera's y-z plane: the ray through pixel column {@code u} becomes
 * the ray through column {@code r - 1 - u}, with every depth along it unchanged. So the network's
 * prediction for the mirrored image, mirrored back, is a second prediction of the same rays (training
 * flips its images the same way, {@code Augmentation}).
 */
final class MirroredRays {
  private MirroredRays() {}

  /** A {@code channels x size x size} image (CHW floats) mirrored left to right: rows of one value per pixel. */
  static float[] image(float[] chw, int size) {
    return values(chw, size, 1);
  }

  /** A per-ray flag of a grid {@code r} rays wide ({@code v * r + u}) mirrored left to right. */
  static boolean[] flags(boolean[] rays, int r) {
    boolean[] out = new boolean[rays.length];
    for (int v = 0; v < rays.length / r; v++) {
      for (int u = 0; u < r; u++) {
        out[v * r + u] = rays[v * r + r - 1 - u];
      }
    }
    return out;
  }

  /**
   * Per-ray values of a grid {@code r} rays wide, {@code depths} each ({@code (v * r + u) * depths + j}),
   * mirrored left to right.
   */
  static float[] values(float[] rays, int r, int depths) {
    float[] out = new float[rays.length];
    for (int v = 0; v < rays.length / (r * depths); v++) {
      for (int u = 0; u < r; u++) {
        System.arraycopy(rays, (v * r + r - 1 - u) * depths, out, (v * r + u) * depths, depths);
      }
    }
    return out;
  }

  /** The mean of the network's prediction and its prediction for the mirrored image, mirrored back, into {@code probs}. */
  static void average(float[] probs, float[] mirroredProbs, int r, int depths) {
    float[] back = values(mirroredProbs, r, depths);
    for (int i = 0; i < probs.length; i++) {
      probs[i] = 0.5f * (probs[i] + back[i]);
    }
  }
}
