package dev.rayform.tools;

import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.training.TrainOptions;
import dev.rayform.recon.training.Trainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rayform train}: trains Ray-ONet or the ONet baseline on a dataset. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {
      "Train Ray-ONet (or the ONet baseline) on a dataset built by 'rayform dataset build'.",
      "Checkpoints go to MODELDIR/checkpoints every --checkpoint-every steps; --resume continues exactly.",
      "SIGTERM or Ctrl-C stops the run at the end of the step under way, with a checkpoint of it."
    })
final class TrainCommand implements Callable<Integer> {
  /** How long a signal waits for the step under way (a validation step included) and its checkpoint. */
  static final Duration STOP_GRACE = Duration.ofMinutes(10);

  @Option(names = "--dataset", required = true, arity = "1..*",
      description = "Dataset folder; repeat it (or list several) to train on their train splits pooled together.")
  List<Path> datasets;

  @Option(names = "--dataset-weights", split = ",",
      description = "One weight per --dataset, multiplying its share of the training batches (each is drawn in "
          + "proportion to the square root of its size times its weight). Default: 1 each.")
  List<Double> datasetWeights;

  @Option(names = "--positive-weights", split = ",",
      description = "One weight per --dataset on the loss of its occupied labels (empty ones weigh 1), in [1/16, 16]: above 1 "
          + "the network calls that dataset's kind of matter at lower odds (for shapes it under-fills), below 1 at higher. "
          + "Default: 1 each.")
  List<Double> positiveWeights;

  @Option(names = "--arch", defaultValue = "rayonet", description = "rayonet or onet. Default: ${DEFAULT-VALUE}.")
  String arch;

  @Option(names = "--preset", defaultValue = "cpu", description = "cpu, cpu-wide, paper or tiny. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--out", required = true, description = "Model folder.")
  Path out;

  @Option(names = "--steps", description = "Optimiser steps (default: 20000 for cpu, 300000 for paper).")
  Integer steps;

  @Option(names = "--image-size", description = "Network input side in pixels, a multiple of 32 (default: the preset's; "
      + "the paper's is 224). With --init the weights load as they are and learn the new scale.")
  Integer imageSize;

  @Option(names = "--batch", description = "Images per step (default: the preset's).")
  Integer batch;

  @Option(names = "--rays", description = "Rays per image (points per shape for onet; default: the preset's).")
  Integer rays;

  @Option(names = "--lr", description = "Adam learning rate (default: the preset's).")
  Double lr;

  @Option(names = "--validate-every", description = "Steps between validation IoU runs (0: never).")
  Integer validateEvery;

  @Option(names = "--checkpoint-every", description = "Steps between checkpoints.")
  Integer checkpointEvery;

  @Option(names = "--val-shapes", description = "Held-out shapes in each validation (default: 20).")
  Integer valShapes;

  @Option(names = "--seed", defaultValue = "0", description = "Initialisation and batch seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--object-rays", description = "Fraction of each image's rays drawn among those crossing the object "
      + "(the rest uniform; default: 0.5 for cpu, 0 for paper).")
  Double objectRays;

  @Option(names = "--thin-ray-weight", defaultValue = "1",
      description = "Weight rays crossing the object over few of their samples (thin parts) up to this much more in the loss "
          + "(1: off, at most 16). Default: ${DEFAULT-VALUE}.")
  double thinRayWeight;

  @Option(names = "--dense-weight", defaultValue = "0",
      description = "Also train silhouette and front-depth heads on the encoder's local features from more labelled rays per image, "
          + "their loss weighed by this (Ray-ONet; 0: off). Default: ${DEFAULT-VALUE}.")
  double denseWeight;

  @Option(names = "--dense-rays", defaultValue = "1024", description = "Labelled rays per image for --dense-weight. Default: ${DEFAULT-VALUE}.")
  int denseRays;

  @Option(names = "--category-weight", defaultValue = "0",
      description = "Pull each image's global code z towards a learnt centre of its category and away from the others' "
          + "(category guidance, Planes vs. Chairs; needs z, so not with --ablation no-global), that loss weighed by this (0: off). "
          + "Default: ${DEFAULT-VALUE}.")
  double categoryWeight;

  @Option(names = "--elevation-input", description = "Condition the decoder on the camera elevation above the product too, "
      + "beside s (with --init from a model without it, read through zero weights: it starts predicting what that model did).")
  boolean elevationInput;

  @Option(names = "--hidden-elevations", defaultValue = "0.5", description = "With --elevation-input: the share of training "
      + "images whose elevation the network is not shown, so it also predicts without it. Default: ${DEFAULT-VALUE}.")
  double hiddenElevations;

  @Option(names = "--constant-lr", description = "Keep the learning rate constant (the paper); the cpu preset decays it by a half cosine.")
  boolean constantLr;

  @Option(names = "--until", description = "Stop at this step (with a checkpoint) and leave the rest of --steps to a --resume.")
  Long until;

  @Option(names = "--init", description = "Start from this model's weights (a warm start): the same network, or a narrower one of the same design, widened so it computes what it did (e.g. a cpu model into --preset cpu-wide).")
  Path init;

  @Option(names = "--no-augment", description = "Train on the views as rendered (no flips, no colour jitter).")
  boolean noAugment;

  @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
  boolean resume;

  @Option(names = "--ablation", description = "none, no-scale, no-global or no-local (the paper's Table 4).", defaultValue = "none")
  String ablation;

  @Mixin
  ProgressOption progress;

  @Override
  public Integer call() {
    ModelConfig config = ModelConfig.preset(preset, arch);
    config = switch (ablation) {
      case "none" -> config;
      case "no-scale" -> config.withAblation(false, true, true);
      case "no-global" -> config.withAblation(true, false, true);
      case "no-local" -> config.withAblation(true, true, false);
      default -> throw new IllegalArgumentException("unknown ablation '" + ablation + "'");
    };
    if (imageSize != null) {
      config = config.withImageSize(imageSize);
    }
    if (elevationInput) {
      config = config.withElevation(true);
    }
    TrainOptions base = TrainOptions.forPreset(preset);
    TrainOptions.Builder b = base.toBuilder().optSeed(seed).optResume(resume).optThinRayWeight(thinRayWeight)
        .optDenseWeight(denseWeight).optDenseRays(denseRays).optCategoryWeight(categoryWeight)
        .optHiddenElevations(hiddenElevations).optAugment(!noAugment && base.augment()).optCosine(!constantLr && base.cosine());
    b.setSteps(steps != null ? steps : base.steps());
    b.optRays(rays != null ? rays : (config.isRayOnet() ? base.rays() : 2048));
    if (batch != null) {
      b.optBatch(batch);
    }
    if (lr != null) {
      b.optLr(lr);
    }
    if (validateEvery != null) {
      b.optValidateEvery(validateEvery);
    }
    if (checkpointEvery != null) {
      b.optCheckpointEvery(checkpointEvery);
    }
    if (valShapes != null) {
      b.optValShapes(valShapes);
    }
    if (objectRays != null) {
      b.optObjectRays(objectRays);
    }
    TrainOptions options = b.build();
    Trainer trainer = new Trainer(config, datasets, out, options, progress.bar());
    if (init != null) {
      trainer.from(init);
    }
    if (datasetWeights != null) {
      trainer.weighting(datasetWeights);
    }
    if (positiveWeights != null) {
      trainer.positiveWeighting(positiveWeights);
    }
    // The summary is printed inside the signal's scope: once it closes, a pending SIGTERM lets the JVM
    // halt, and a summary printed after that would be cut off mid-line.
    try (StopOnSignal signal = new StopOnSignal("training", STOP_GRACE)) {
      Trainer.Summary s = trainer.stopWhen(signal::requested).runUntil(until != null ? until : options.steps());
      System.out.printf("trained %s (%s, %s) to step %d in %.0f s: loss %.4f%s%s%n", out, config.arch(), preset, s.step(),
          s.seconds(), s.loss(), Double.isNaN(s.valIou()) ? "" : String.format(", val IoU %.3f", s.valIou()),
          s.stopped() ? "; stopped by a signal, --resume continues it" : "");
      System.out.flush();
    }
    return 0;
  }
}
