package dev.rayform.recon.training;

/**
 * How to train: {@code steps} optimiser steps of {@code batch} images with {@code rays} random
 * labelled rays each (ONet: {@code rays} random labelled points per shape); Adam at {@code lr};
 * validation IoU on up to {@code valShapes} held-out shapes every {@code validateEvery} steps (0:
 * never) at grid {@code valResolution}; checkpoints every {@code checkpointEvery} steps and at the end.
 * With {@code cosine} the learning rate falls from {@code lr} to a twentieth of it along a half cosine
 * over the run (a function of the step alone, so resumed runs follow it exactly); else it is constant.
 * A fraction {@code objectRays} of each image's rays is drawn from the rays that cross the object
 * (the rest uniformly over the image, as in the paper): on a small budget it puts the signal where
 * the shape is, since most of a product photo's rays see only background. With {@code augment} every
 * training item is flipped and colour-jittered at load time ({@link Augmentation}). With
 * {@code thinRayWeight} above 1, rays that cross the object over few of their samples weigh up to that
 * much more in the loss ({@link ThinRays}).
 */
public record TrainOptions(
    int steps, int batch, int rays, double lr, int validateEvery, int checkpointEvery, long seed, int valShapes,
    int valResolution, boolean resume, boolean cosine, double objectRays, boolean augment, double thinRayWeight) {

  /** No thin-ray weighting ({@link ThinRays}). */
  public TrainOptions(int steps, int batch, int rays, double lr, int validateEvery, int checkpointEvery, long seed,
      int valShapes, int valResolution, boolean resume, boolean cosine, double objectRays, boolean augment) {
    this(steps, batch, rays, lr, validateEvery, checkpointEvery, seed, valShapes, valResolution, resume, cosine, objectRays, augment, 1);
  }

  /** Rays uniform over the image (the paper's sampling). */
  public TrainOptions(int steps, int batch, int rays, double lr, int validateEvery, int checkpointEvery, long seed,
      int valShapes, int valResolution, boolean resume, boolean cosine) {
    this(steps, batch, rays, lr, validateEvery, checkpointEvery, seed, valShapes, valResolution, resume, cosine, 0, false);
  }

  public TrainOptions {
    if (!(objectRays >= 0 && objectRays <= 1)) {
      throw new IllegalArgumentException("the fraction of object rays must be in [0, 1], got " + objectRays);
    }
    ThinRays.requireWeight(thinRayWeight);
    if (steps < 1 || batch < 1 || rays < 1) {
      throw new IllegalArgumentException("steps, batch and rays must be positive");
    }
    if (!(lr > 0) || validateEvery < 0 || checkpointEvery < 1 || valShapes < 0 || valResolution < 8) {
      throw new IllegalArgumentException("invalid training options: " + this);
    }
  }

  /** The paper's batch (64 images x 1024 rays) and learning rate. */
  public static TrainOptions paper(int steps) {
    return new TrainOptions(steps, 64, 1024, 1e-4, 2000, 1000, 0, 20, 64, false, false);
  }

  /**
   * The cpu preset: 16 images x 512 rays (half of them crossing the object), lr 3e-4 with cosine decay
   * (a smaller budget needs it), augmentation, validation on 65 held-out shapes.
   */
  public static TrainOptions cpu(int steps) {
    return new TrainOptions(steps, 16, 512, 3e-4, 1000, 500, 0, 65, 64, false, true, 0.5, true);
  }

  /** The learning rate of step {@code step} (1-based). */
  public double lrAt(long step) {
    if (!cosine) {
      return lr;
    }
    double progress = Math.min(1, (step - 1) / (double) Math.max(1, steps - 1));
    return lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }

  public TrainOptions withResume(boolean r) {
    return new TrainOptions(steps, batch, rays, lr, validateEvery, checkpointEvery, seed, valShapes, valResolution, r, cosine,
        objectRays, augment, thinRayWeight);
  }

  /** The same with rays through thin parts weighted up to {@code w} in the loss ({@link ThinRays}; 1: off). */
  public TrainOptions withThinRayWeight(double w) {
    return new TrainOptions(steps, batch, rays, lr, validateEvery, checkpointEvery, seed, valShapes, valResolution, resume, cosine,
        objectRays, augment, w);
  }
}
