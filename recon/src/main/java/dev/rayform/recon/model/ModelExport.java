package dev.rayform.recon.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model folder reduced to what inference needs, for shipping: {@code model.json} and
 * {@code params.bin} (float16 by default, half the size; loading widens it back to float32),
 * without checkpoints, optimiser state or training logs.
 */
public final class ModelExport {
  private ModelExport() {}

  /** Writes the model of {@code from} into {@code to}; returns the size of the written parameter file in bytes. */
  public static long export(Path from, Path to, boolean half) {
    try (TrainedModel model = TrainedModel.load(from)) {
      Files.createDirectories(to);
      ParameterFile.save(model.network(), to.resolve(ModelInfo.PARAMS), half);
      model.info().write(to);
      return Files.size(to.resolve(ModelInfo.PARAMS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export " + from + " to " + to, e);
    }
  }
}
