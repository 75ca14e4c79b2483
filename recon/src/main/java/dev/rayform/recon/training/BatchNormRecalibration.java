package dev.rayform.recon.training;

import ai.djl.ndarray.NDManager;
import dev.rayform.recon.model.GradMode;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.ParameterFile;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch-norm statistics estimated again for the weights a network has now. A weight average (a model
 * soup) averages the running means and variances of its ingredients too, but the mean of the
 * statistics is not the statistics of the mean network, and ingredients trained on other batch
 * compositions (another share of object rays, say) normalise other distributions; SWA's answer is
 * to run training batches forward once more and let every batch-norm layer, encoder H's and decoder
 * D's conditional ones alike, renew its running statistics. No gradient flows and no trainable
 * weight changes: only the running means and variances. The layers' momentum (0.9) keeps an
 * exponential average, so after {@code batches} batches the old statistics weigh 0.9^batches.
 */
public final class BatchNormRecalibration {
  /** Enough that the statistics the network came with weigh below 1e-4 (0.9^90). */
  public static final int DEFAULT_BATCHES = 90;

  private BatchNormRecalibration() {}

  /**
   * Writes the model in {@code modelDir} with its batch-norm statistics estimated again on the train
   * splits of {@code datasets} (drawn with {@code weights}, as {@code rayform train --dataset-weights}
   * draws them) into {@code out}, float16 when {@code half}; returns its model.json, which records the
   * recalibration under {@code metrics.batch_norm_batches}. {@code drawn} gives the batches' make-up
   * (images, rays per image, the share of object rays): the statistics are those of the batches, so
   * they should be drawn as the model's training drew them; they are flipped and colour-jittered
   * when the model saw such images ({@link ModelInfo#sawMirroredImages}).
   */
  public static ModelInfo recalibrate(Path modelDir, List<Path> datasets, List<Double> weights, TrainOptions drawn, int batches,
      long seed, Path out, boolean half, Progress progress) {
    requireBatches(batches);
    try (TrainedModel model = TrainedModel.load(modelDir)) {
      TrainingMix data = TrainingMix.open(datasets, weights, model.config(), "train");
      run(model, data, drawn.toBuilder().optAugment(model.info().sawMirroredImages()).build(), batches, seed, progress);
      Map<String, Object> metrics = new LinkedHashMap<>(model.info().metrics() == null ? Map.of() : model.info().metrics());
      metrics.put("batch_norm_batches", batches);
      metrics.put("batch_norm_data", data.name());
      ModelInfo i = model.info();
      ModelInfo info = new ModelInfo(i.format(), i.version(), i.config(), i.normalizedFocal(), i.sMin(), i.sMean(), i.sMax(), i.dataset(),
          i.step(), i.wallSeconds(), metrics, i.mirrorTrained());
      Files.createDirectories(out);
      ParameterFile.save(model.network(), out.resolve(ModelInfo.PARAMS), half);
      info.write(out);
      return info;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /**
   * Runs {@code batches} training batches of {@code data} (drawn as training draws them: seeded by
   * {@code seed} and the batch's index, {@code options}' batch size, rays, object rays, augmentation
   * and hidden camera elevations) forward through {@code model} in training mode, without gradients.
   */
  public static void run(TrainedModel model, TrainingMix data, TrainOptions options, int batches, long seed, Progress progress) {
    requireBatches(batches);
    ModelConfig c = model.config();
    progress.start("batch-norm", batches);
    for (int i = 1; i <= batches; i++) {
      TrainingData.Batch batch = data.batch(seed, i, options.batch(), options.rays(), options.objectRays(), options.augment());
      Trainer.hideElevations(batch, seed, i, c.useElevation() ? options.hiddenElevations() : 1);
      GradMode.off(() -> forward(model, batch));
      progress.step(1);
    }
    progress.finish();
  }

  private static void requireBatches(int batches) {
    if (batches < 1) {
      throw new IllegalArgumentException("need at least one batch, got " + batches);
    }
  }

  private static void forward(TrainedModel model, TrainingData.Batch batch) {
    try (NDManager m = model.manager().newSubManager()) {
      BatchForward.of(model, m, batch, true);
    }
  }
}
