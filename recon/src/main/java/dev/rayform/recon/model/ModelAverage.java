package dev.rayform.recon.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;
import dev.rayform.recon.ReconException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weight averaging of fine-tuned siblings (a "model soup", Wortsman et al. 2022; the average of
 * stochastic weight averaging), or of a fine-tune and its parent (WiSE-FT): every parameter,
 * batch-norm statistics included, is the weighted mean of the same parameter in each model. Sound
 * only for models fine-tuned from one parent at a low rate, which stay in one basin of the loss;
 * judge the average on the benchmark like any model.
 * Needs no engine: it reads and writes parameter files.
 */
public final class ModelAverage {
  private ModelAverage() {}

  /** The uniform average of {@code models}: {@link #average(List, List, Path, boolean)} with equal weights. */
  public static ModelInfo average(List<Path> models, Path out, boolean half) {
    return average(models, java.util.Collections.nCopies(models.size(), 1.0), out, half);
  }

  /**
   * Writes the weighted average of {@code models} (two or more model folders of the same framing)
   * into {@code out}, each tensor the sum of weight times tensor over the sum of the weights, its
   * parameters in float16 when {@code half}; returns its model.json. The models share one
   * configuration, except that some may read the camera elevation and others not: the average reads
   * it, and a model that does not counts as the same network reading it through zero weights
   * ({@link Widening#openElevationColumns}; it predicts what it did). A fine-tune averaged with its
   * parent this way interpolates between them (WiSE-FT, Wortsman et al. 2022).
   *
   * @throws ReconException {@code model_mismatch} when the models differ in configuration, framing or tensors
   */
  public static ModelInfo average(List<Path> models, List<Double> weights, Path out, boolean half) {
    if (models.size() < 2) {
      throw new IllegalArgumentException("averaging needs two models or more, got " + models.size());
    }
    if (weights.size() != models.size()) {
      throw new IllegalArgumentException(weights.size() + " weights for " + models.size() + " models");
    }
    for (double w : weights) {
      if (!(w > 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("averaging weights must be positive and finite, got " + weights);
      }
    }
    double total = weights.stream().mapToDouble(Double::doubleValue).sum();
    List<ModelInfo> infos = models.stream().map(ModelInfo::read).toList();
    ModelConfig config = infos.stream().map(ModelInfo::config).filter(ModelConfig::useElevation).findFirst()
        .orElse(infos.get(0).config());
    for (int i = 0; i < infos.size(); i++) {
      ModelInfo other = infos.get(i);
      if (!other.config().withElevation(config.useElevation()).equals(config)) {
        throw new ReconException("model_mismatch", models.get(i) + " has another network configuration than the others"
            + " (" + other.config() + " against " + config + "; only the camera elevation may differ)");
      }
      if (other.normalizedFocal() != infos.get(0).normalizedFocal()) {
        throw new ReconException("model_mismatch", models.get(i) + " was trained on renders of focal length " + other.normalizedFocal()
            + ", " + models.get(0) + " on " + infos.get(0).normalizedFocal());
      }
    }
    Map<String, Pair<Shape, double[]>> sums = new LinkedHashMap<>();
    for (int i = 0; i < models.size(); i++) {
      Map<String, Pair<Shape, float[]>> tensors = ParameterFile.read(models.get(i).resolve(ModelInfo.PARAMS));
      if (config.useElevation() && !infos.get(i).config().useElevation()) {
        tensors = Widening.openElevationColumns(infos.get(i).config(), tensors);
      }
      if (i > 0 && !tensors.keySet().equals(sums.keySet())) {
        throw new ReconException("model_mismatch", models.get(i) + " holds other tensors than " + models.get(0));
      }
      double weight = weights.get(i);
      for (Map.Entry<String, Pair<Shape, float[]>> e : tensors.entrySet()) {
        Shape shape = e.getValue().getKey();
        float[] values = e.getValue().getValue();
        Pair<Shape, double[]> sum = sums.computeIfAbsent(e.getKey(), k -> new Pair<>(shape, new double[values.length]));
        if (!sum.getKey().equals(shape)) {
          throw new ReconException("model_mismatch", models.get(i) + ": " + e.getKey() + " has shape " + shape + ", "
              + models.get(0) + " " + sum.getKey());
        }
        double[] acc = sum.getValue();
        for (int j = 0; j < values.length; j++) {
          acc[j] += weight * values[j];
        }
      }
    }
    Map<String, Pair<Shape, float[]>> mean = new LinkedHashMap<>();
    sums.forEach((name, sum) -> {
      double[] acc = sum.getValue();
      float[] values = new float[acc.length];
      for (int j = 0; j < acc.length; j++) {
        values[j] = (float) (acc[j] / total);
      }
      mean.put(name, new Pair<>(sum.getKey(), values));
    });
    ModelInfo info = describe(models, infos, weights, total, config);
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out, e);
    }
    ParameterFile.write(mean, out.resolve(ModelInfo.PARAMS), half);
    info.write(out);
    return info;
  }

  /**
   * The average's model.json: the shared configuration and framing, the widest range of s, the
   * datasets of all, the longest run's step count, the training time of all together, the folders it
   * averages ({@code metrics.averaged_from}) and their weights when not all equal
   * ({@code metrics.average_weights}); mirror-trained only when all were.
   */
  private static ModelInfo describe(List<Path> models, List<ModelInfo> infos, List<Double> weights, double totalWeight,
      ModelConfig config) {
    ModelInfo first = infos.get(0);
    List<String> datasets = new ArrayList<>();
    List<String> from = new ArrayList<>();
    double sMin = Double.POSITIVE_INFINITY, sMax = Double.NEGATIVE_INFINITY, sMean = 0, seconds = 0;
    long step = 0;
    boolean mirrored = true;
    for (int i = 0; i < infos.size(); i++) {
      ModelInfo info = infos.get(i);
      datasets.add(info.dataset());
      from.add(models.get(i).toAbsolutePath().normalize().getFileName().toString());
      sMin = Math.min(sMin, info.sMin());
      sMax = Math.max(sMax, info.sMax());
      sMean += info.sMean() * weights.get(i) / totalWeight;
      seconds += info.wallSeconds();
      step = Math.max(step, info.step());
      mirrored &= info.sawMirroredImages();
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("averaged_from", from);
    if (weights.stream().distinct().count() > 1) {
      metrics.put("average_weights", weights);
    }
    return new ModelInfo(ModelInfo.FORMAT, 1, config, first.normalizedFocal(), sMin, sMean, sMax,
        ModelInfo.datasetUnion(datasets), step, seconds, metrics, mirrored);
  }
}
