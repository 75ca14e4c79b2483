package dev.rayform.recon.generation;

/**
 * Generation settings: {@code resolution} rays per image side (Ray-ONet) and marching-cubes grid
 * size; the occupancy {@code threshold} (0.2 in the paper); ONet's MISE base resolution and
 * upsampling steps (32 and 2 reach 128^3); the batch sizes of decoder calls.
 */
public record ReconstructOptions(int resolution, float threshold, int miseBase, int miseSteps, int rayChunk, int pointChunk) {
  public static final ReconstructOptions DEFAULT = new ReconstructOptions(128, 0.2f, 32, 2, 4096, 65536);

  public ReconstructOptions {
    if (resolution < 8 || !(threshold > 0 && threshold < 1) || miseBase < 2 || miseSteps < 0 || rayChunk < 1 || pointChunk < 1) {
      throw new IllegalArgumentException("invalid reconstruction options: " + this);
    }
  }

  public ReconstructOptions withResolution(int r) {
    // MISE reaches the same grid: base * 2^steps = resolution.
    int steps = Math.max(0, Integer.numberOfTrailingZeros(Math.max(1, r / 32)));
    return new ReconstructOptions(r, threshold, Math.max(2, r >> steps), steps, rayChunk, pointChunk);
  }

  /** Decoder batch sizes: rays per Ray-ONet call, points per ONet call. */
  public ReconstructOptions withChunks(int rays) {
    return new ReconstructOptions(resolution, threshold, miseBase, miseSteps, rays, pointChunk);
  }

  public ReconstructOptions withThreshold(float t) {
    return new ReconstructOptions(resolution, t, miseBase, miseSteps, rayChunk, pointChunk);
  }
}
