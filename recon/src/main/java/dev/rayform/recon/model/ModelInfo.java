package dev.rayform.recon.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code model.json}: the network's configuration and what inference needs to know of its training
 * data: the normalised focal length of the renders it saw (the framing), the range of s, and whether
 * it saw mirrored images ({@code mirror_trained}: flip augmentation; null in models written before
 * it was recorded), which makes averaging with the mirrored photo at inference sound.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(
    String format,
    int version,
    ModelConfig config,
    @JsonProperty("normalized_focal") double normalizedFocal,
    @JsonProperty("s_min") double sMin,
    @JsonProperty("s_mean") double sMean,
    @JsonProperty("s_max") double sMax,
    String dataset,
    long step,
    @JsonProperty("wall_seconds") double wallSeconds,
    Map<String, Object> metrics,
    @JsonProperty("mirror_trained") Boolean mirrorTrained) {

  public static final String FORMAT = "rayform-model";
  public static final String FILE = "model.json";
  public static final String PARAMS = "params.bin";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A model with no training data yet: the defaults of our renders. */
  public static ModelInfo untrained(ModelConfig config) {
    return new ModelInfo(FORMAT, 1, config, 1.45, 0.83, 0.9, 1.0, null, 0, 0, null, null);
  }

  public ModelInfo withTraining(String datasetName, double focal, double[] sRange, long steps, double seconds, Map<String, Object> m,
      boolean mirrored) {
    return new ModelInfo(FORMAT, 1, config, focal, sRange[0], sRange[1], sRange[2], datasetName, steps, seconds, m, mirrored);
  }

  /**
   * The {@code dataset} of a network whose weights saw each of {@code datasets} ({@code +}-joined names,
   * null for none known): every name once, in order of first appearance, or null when there is none. A
   * warm start and an average both record the data of every network they came from, not only their own.
   */
  public static String datasetUnion(List<String> datasets) {
    Set<String> names = new LinkedHashSet<>();
    datasets.stream().filter(Objects::nonNull).flatMap(d -> Arrays.stream(d.split("\\+"))).filter(n -> !n.isBlank()).forEach(names::add);
    return names.isEmpty() ? null : String.join("+", names);
  }

  /** This information, saying whether the network was trained on mirrored images too. */
  public ModelInfo withMirrorTrained(boolean mirrored) {
    return new ModelInfo(format, version, config, normalizedFocal, sMin, sMean, sMax, dataset, step, wallSeconds, metrics, mirrored);
  }

  /** Whether training showed the network mirrored images (unknown counts as no). */
  public boolean sawMirroredImages() {
    return Boolean.TRUE.equals(mirrorTrained);
  }

  public void write(Path dir) {
    try {
      AtomicFiles.write(dir.resolve(FILE), JSON.writeValueAsBytes(this));
    } catch (IOException e) {
      throw new ReconException("model_write_failed", "cannot serialise " + dir.resolve(FILE), e);
    }
  }

  public static ModelInfo read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new ReconException("model_not_found", dir + " is not a model folder (no " + FILE + ")");
    }
    try {
      ModelInfo info = JSON.readValue(file.toFile(), ModelInfo.class);
      if (!FORMAT.equals(info.format())) {
        throw new ReconException("model_corrupt", file + " is not a Rayform model (format " + info.format() + ")");
      }
      return info;
    } catch (IOException e) {
      throw new ReconException("model_corrupt", "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
