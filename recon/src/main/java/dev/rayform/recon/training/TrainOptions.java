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
 * much more in the loss ({@link ThinRays}). With {@code denseWeight} above 0, {@code denseRays} more
 * labelled rays per image train silhouette and front-depth heads on the encoder's local features
 * ({@link EncoderHeads}), their loss weighed by it. With {@code categoryWeight} above 0, the global
 * code z of each image is pulled towards its category's centre ({@link CategoryGuidance}), that loss
 * weighed by it. In a network conditioned on the camera elevation ({@link
 * dev.rayform.recon.model.CameraCondition}), each item's elevation is hidden with probability
 * {@code hiddenElevations}, so the network also learns to predict without it.
 */
public record TrainOptions(
    int steps, int batch, int rays, double lr, int validateEvery, int checkpointEvery, long seed, int valShapes,
    int valResolution, boolean resume, boolean cosine, double objectRays, boolean augment, double thinRayWeight,
    double denseWeight, int denseRays, double categoryWeight, double hiddenElevations) {

  public TrainOptions {
    if (!(hiddenElevations >= 0 && hiddenElevations <= 1)) {
      throw new IllegalArgumentException("the share of hidden camera elevations must be in [0, 1], got " + hiddenElevations);
    }
    if (!(objectRays >= 0 && objectRays <= 1)) {
      throw new IllegalArgumentException("the fraction of object rays must be in [0, 1], got " + objectRays);
    }
    ThinRays.requireWeight(thinRayWeight);
    if (!(denseWeight >= 0 && denseWeight < 1e3) || denseRays < 1 || denseRays > 100_000) {
      throw new IllegalArgumentException("the dense supervision weight must be in [0, 1000) and its rays per image in [1, 100000], got "
          + denseWeight + " and " + denseRays);
    }
    if (!(categoryWeight >= 0 && categoryWeight < 1e3)) {
      throw new IllegalArgumentException("the category guidance weight must be in [0, 1000), got " + categoryWeight);
    }
    if (steps < 1 || batch < 1 || rays < 1) {
      throw new IllegalArgumentException("steps, batch and rays must be positive");
    }
    if (!(lr > 0) || validateEvery < 0 || checkpointEvery < 1 || valShapes < 0 || valResolution < 8) {
      throw new IllegalArgumentException("invalid training options: " + this);
    }
  }

  /** The paper's batch (64 images x 1024 rays) and learning rate. */
  public static TrainOptions paper(int steps) {
    return builder().setSteps(steps).optBatch(64).optRays(1024).optLr(1e-4).optValidateEvery(2000).optCheckpointEvery(1000)
        .optValShapes(20).build();
  }

  /**
   * The cpu preset: 16 images x 512 rays (half of them crossing the object), lr 3e-4 with cosine decay
   * (a smaller budget needs it), augmentation, validation on 65 held-out shapes.
   */
  public static TrainOptions cpu(int steps) {
    return builder().setSteps(steps).optBatch(16).optRays(512).optLr(3e-4).optValidateEvery(1000).optCheckpointEvery(500)
        .optValShapes(65).optCosine(true).optObjectRays(0.5).optAugment(true).build();
  }

  /**
   * The training defaults of the {@link dev.rayform.recon.model.ModelConfig#preset} named: the paper's
   * for {@code paper} (300,000 steps), the {@code cpu} preset's for the others (20,000 steps).
   */
  public static TrainOptions forPreset(String preset) {
    return "paper".equals(preset) ? paper(300_000) : cpu(20_000);
  }

  /** A builder of options; {@code setSteps} is required, the rest default as {@link Builder} says. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.steps = steps;
    b.batch = batch;
    b.rays = rays;
    b.lr = lr;
    b.validateEvery = validateEvery;
    b.checkpointEvery = checkpointEvery;
    b.seed = seed;
    b.valShapes = valShapes;
    b.valResolution = valResolution;
    b.resume = resume;
    b.cosine = cosine;
    b.objectRays = objectRays;
    b.augment = augment;
    b.thinRayWeight = thinRayWeight;
    b.denseWeight = denseWeight;
    b.denseRays = denseRays;
    b.categoryWeight = categoryWeight;
    b.hiddenElevations = hiddenElevations;
    return b;
  }

  /**
   * Training options, DJL style. Defaults: 16 images x 512 rays, lr 3e-4 constant, no validation,
   * a checkpoint every 500 steps (and at the end), seed 0, validation grid 64, rays uniform over the
   * image, no augmentation, no thin-ray weighting, no dense supervision (1,024 rays per image when it
   * is on), no category guidance, half the camera elevations hidden (in a network that reads them).
   * {@link #build()} checks them.
   */
  public static final class Builder {
    private int steps;
    private int batch = 16;
    private int rays = 512;
    private double lr = 3e-4;
    private int validateEvery;
    private int checkpointEvery = 500;
    private long seed;
    private int valShapes;
    private int valResolution = 64;
    private boolean resume;
    private boolean cosine;
    private double objectRays;
    private boolean augment;
    private double thinRayWeight = 1;
    private double denseWeight;
    private int denseRays = 1024;
    private double categoryWeight;
    private double hiddenElevations = 0.5;

    private Builder() {}

    public Builder setSteps(int value) {
      steps = value;
      return this;
    }

    public Builder optBatch(int value) {
      batch = value;
      return this;
    }

    /** Labelled rays per image (ONet: points per shape). */
    public Builder optRays(int value) {
      rays = value;
      return this;
    }

    public Builder optLr(double value) {
      lr = value;
      return this;
    }

    /** Steps between validations (0: never). */
    public Builder optValidateEvery(int value) {
      validateEvery = value;
      return this;
    }

    public Builder optCheckpointEvery(int value) {
      checkpointEvery = value;
      return this;
    }

    /** Initialisation and batch seed. */
    public Builder optSeed(long value) {
      seed = value;
      return this;
    }

    /** Held-out shapes in each validation. */
    public Builder optValShapes(int value) {
      valShapes = value;
      return this;
    }

    /** Grid size of the validation reconstructions. */
    public Builder optValResolution(int value) {
      valResolution = value;
      return this;
    }

    /** Continue from the newest checkpoint of the output folder. */
    public Builder optResume(boolean value) {
      resume = value;
      return this;
    }

    /** Half-cosine decay of the learning rate to a twentieth of it. */
    public Builder optCosine(boolean value) {
      cosine = value;
      return this;
    }

    /** Fraction of each image's rays drawn among those crossing the object. */
    public Builder optObjectRays(double value) {
      objectRays = value;
      return this;
    }

    /** Flip and colour jitter at load time ({@link Augmentation}). */
    public Builder optAugment(boolean value) {
      augment = value;
      return this;
    }

    /** The most a ray through a thin part weighs in the loss ({@link ThinRays}; 1: off). */
    public Builder optThinRayWeight(double value) {
      thinRayWeight = value;
      return this;
    }

    /** The weight of the encoder's dense supervision in the loss ({@link EncoderHeads}; 0: off). */
    public Builder optDenseWeight(double value) {
      denseWeight = value;
      return this;
    }

    /** Labelled rays per image for the dense supervision. */
    public Builder optDenseRays(int value) {
      denseRays = value;
      return this;
    }

    /** The weight of the category guidance of z in the loss ({@link CategoryGuidance}; 0: off). */
    public Builder optCategoryWeight(double value) {
      categoryWeight = value;
      return this;
    }

    /** The share of items whose camera elevation the network is not shown. */
    public Builder optHiddenElevations(double value) {
      hiddenElevations = value;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming what is out of range
     */
    public TrainOptions build() {
      return new TrainOptions(steps, batch, rays, lr, validateEvery, checkpointEvery, seed, valShapes, valResolution, resume, cosine,
          objectRays, augment, thinRayWeight, denseWeight, denseRays, categoryWeight, hiddenElevations);
    }
  }

  /** The learning rate of step {@code step} (1-based). */
  public double lrAt(long step) {
    if (!cosine) {
      return lr;
    }
    double progress = Math.min(1, (step - 1) / (double) Math.max(1, steps - 1));
    return lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }
}
