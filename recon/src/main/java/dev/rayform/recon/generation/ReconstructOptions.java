package dev.rayform.recon.generation;

/**
 * Generation settings: {@code resolution} rays per image side (Ray-ONet) and marching-cubes grid
 * size; the occupancy {@code threshold} (0.2 in the paper, {@link #DEFAULT_THRESHOLD} here); ONet's MISE base resolution and
 * upsampling steps (32 and 2 reach 128^3); the batch sizes of decoder calls; whether to carve by
 * the input silhouette; {@code smoothing}, rounds of Taubin smoothing of the surface after loose
 * fragments are dropped (0: the raw marching-cubes surface, fragments kept); {@code gridBlur}, the
 * measured alternative (QUALITY.md, clean-up): blur the Ray-ONet occupancy grid before marching cubes;
 * {@code mirrorAverage}, Ray-ONet: average each ray's occupancies with those the network predicts for
 * the mirrored image ({@link MirroredRays}); {@code weakRayFloor}, Ray-ONet with carving: how sure of its
 * most likely depth a ray through the product that is less sure is made ({@link #withWeakRayFloor};
 * 0: no floor, a ray with nothing above the threshold gets only its most likely depth as surface).
 */
public record ReconstructOptions(int resolution, float threshold, int miseBase, int miseSteps, int rayChunk, int pointChunk,
    boolean carve, int smoothing, boolean gridBlur, boolean mirrorAverage, float weakRayFloor) {
  /** Rounds of surface smoothing by default: measured on the quality benchmark (QUALITY.md, clean-up). */
  public static final int DEFAULT_SMOOTHING = 10;
  /**
   * The occupancy threshold by default: the best mean of the two validation sets' IoU with the
   * mirrored pass on (QUALITY.md, "The occupancy threshold"); the paper's 0.2 is {@link FrustumGrid#PAPER_THRESHOLD}.
   */
  public static final float DEFAULT_THRESHOLD = 0.25f;
  /** No floor by default yet: a weak ray keeps its single most likely depth ({@link #withWeakRayFloor}). */
  public static final float DEFAULT_WEAK_RAY_FLOOR = 0f;
  /** Rays per image side and marching-cubes grid size by default. */
  public static final int DEFAULT_RESOLUTION = 128;
  public static final ReconstructOptions DEFAULT = new ReconstructOptions(DEFAULT_RESOLUTION, DEFAULT_THRESHOLD, 32, 2, 4096, 65536, true, DEFAULT_SMOOTHING, false, true,
      DEFAULT_WEAK_RAY_FLOOR);

  public ReconstructOptions {
    // The record's fields are not assigned yet here: messages name the parameters themselves.
    if (resolution < 8) {
      throw new IllegalArgumentException("resolution must be at least 8, got " + resolution);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be strictly between 0 and 1, got " + threshold);
    }
    if (weakRayFloor != 0 && !(weakRayFloor > threshold && weakRayFloor < 1)) {
      throw new IllegalArgumentException("weak-ray floor must be 0 (off) or between the threshold " + threshold
          + " and 1, got " + weakRayFloor);
    }
    if (smoothing < 0 || smoothing > 100) {
      throw new IllegalArgumentException("smoothing must be 0-100 rounds, got " + smoothing);
    }
    if (miseBase < 2 || miseSteps < 0 || rayChunk < 1 || pointChunk < 1) {
      throw new IllegalArgumentException(String.format("invalid reconstruction options: MISE base %d (at least 2), steps %d "
          + "(at least 0), ray chunk %d and point chunk %d (at least 1)", miseBase, miseSteps, rayChunk, pointChunk));
    }
  }

  public ReconstructOptions withResolution(int r) {
    // MISE reaches the same grid: base * 2^steps = resolution.
    int steps = Math.max(0, Integer.numberOfTrailingZeros(Math.max(1, r / 32)));
    return new ReconstructOptions(r, threshold, Math.max(2, r >> steps), steps, rayChunk, pointChunk, carve, smoothing, gridBlur, mirrorAverage, weakRayFloor);
  }

  /** Decoder batch sizes: rays per Ray-ONet call, points per ONet call. */
  public ReconstructOptions withChunks(int rays) {
    return new ReconstructOptions(resolution, threshold, miseBase, miseSteps, rays, pointChunk, carve, smoothing, gridBlur, mirrorAverage, weakRayFloor);
  }

  /** The threshold alone; it must stay below a weak-ray floor that is set ({@link #withThreshold(float, float)} sets both). */
  public ReconstructOptions withThreshold(float t) {
    return new ReconstructOptions(resolution, t, miseBase, miseSteps, rayChunk, pointChunk, carve, smoothing, gridBlur, mirrorAverage, weakRayFloor);
  }

  /**
   * Ray-ONet only: carve by the input silhouette. Rays through the background (near-white pixels
   * connected to the border) are empty and not decoded; a ray through the product whose occupancies
   * all fall below the threshold keeps its most likely depth as surface, or, with a weak-ray floor,
   * every ray through the product less sure than the floor is scaled up to it ({@link #withWeakRayFloor}).
   */
  public ReconstructOptions withCarving(boolean c) {
    return new ReconstructOptions(resolution, threshold, miseBase, miseSteps, rayChunk, pointChunk, c, smoothing, gridBlur, mirrorAverage, weakRayFloor);
  }

  /** Rounds of Taubin smoothing after dropping loose fragments; 0 keeps the raw surface. */
  public ReconstructOptions withSmoothing(int rounds) {
    return new ReconstructOptions(resolution, threshold, miseBase, miseSteps, rayChunk, pointChunk, carve, rounds, gridBlur, mirrorAverage, weakRayFloor);
  }

  /** Ray-ONet: blur the occupancy grid before marching cubes (the alternative to surface smoothing). */
  public ReconstructOptions withGridBlur(boolean blur) {
    return new ReconstructOptions(resolution, threshold, miseBase, miseSteps, rayChunk, pointChunk, carve, smoothing, blur, mirrorAverage, weakRayFloor);
  }

  /**
   * Ray-ONet: also run the network on the horizontally mirrored image and average the two predictions
   * of every ray (exact, the principal point being centred); twice the network's work. Only for a model
   * trained on mirrored images too ({@code ModelInfo.sawMirroredImages}). On by default:
   * measured on the quality benchmark (QUALITY.md, "Averaging with the mirrored image").
   */
  public ReconstructOptions withMirrorAverage(boolean mirror) {
    return new ReconstructOptions(resolution, threshold, miseBase, miseSteps, rayChunk, pointChunk, carve, smoothing, gridBlur, mirror, weakRayFloor);
  }

  /**
   * Ray-ONet with carving: a ray through the product whose largest occupancy {@code p} lies below
   * {@code floor} has all its occupancies scaled by {@code floor / p}, so its most likely depth is as
   * sure as {@code floor} and every depth whose occupancy is at least {@code p * threshold / floor}
   * crosses the threshold too; rays the network is sure of are left alone. 0 keeps only the single
   * most likely depth of a ray with nothing above the threshold.
   */
  public ReconstructOptions withWeakRayFloor(float floor) {
    return withThreshold(threshold, floor);
  }

  /** The threshold and the weak-ray floor together (either alone may not suit the other one's old value). */
  public ReconstructOptions withThreshold(float t, float floor) {
    return new ReconstructOptions(resolution, t, miseBase, miseSteps, rayChunk, pointChunk, carve, smoothing, gridBlur, mirrorAverage, floor);
  }
}
