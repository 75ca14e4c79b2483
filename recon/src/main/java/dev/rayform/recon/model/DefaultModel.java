package dev.rayform.recon.model;

import dev.rayform.recon.ReconException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The model used when none is named: {@code models/default} of the repository (or {@code rayform.model}). */
public final class DefaultModel {
  private DefaultModel() {}

  public static Path path() {
    String configured = System.getProperty("rayform.model", System.getenv("RAYFORM_MODEL"));
    Path p = configured != null ? Path.of(configured)
        : Path.of(System.getProperty("rayform.root", ".")).resolve("models").resolve("default");
    if (!Files.isRegularFile(p.resolve(ModelInfo.FILE))) {
      throw new ReconException("model_not_found", "no model at " + p + ": pass --model MODELDIR (train one with 'rayform train')"
          + " or set RAYFORM_MODEL");
    }
    return p;
  }
}
