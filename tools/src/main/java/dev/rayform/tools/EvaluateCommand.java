package dev.rayform.tools;

import dev.rayform.recon.eval.ComparisonSheet;
import dev.rayform.recon.eval.EvaluationReport;
import dev.rayform.recon.render.Rendering;
import dev.rayform.recon.eval.MetricsOptions;
import dev.rayform.recon.eval.ModelEvaluation;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.model.DefaultModel;
import dev.rayform.recon.model.TrainedModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rayform evaluate}: a model on a dataset split, by the ONet protocol. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {
      "Reconstruct every shape of a split and score it against its ground truth (ONet's protocol): IoU on the",
      "shape's evaluation points, Chamfer-L1 (raw, not x10), normal consistency, F-score at 1%%.",
      "Prints a per-category markdown table, or one JSON object with --json."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", description = "Model folder (default: the shipped default model).")
  Path model;

  @Option(names = "--dataset", required = true, description = "Dataset folder.")
  Path dataset;

  @Option(names = "--split", defaultValue = "test", description = "train, val, test or all. Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = "--views", defaultValue = "1", description = "Views per shape to reconstruct. Default: ${DEFAULT-VALUE}.")
  int views;

  @Option(names = "--resolution", defaultValue = "" + ReconstructOptions.DEFAULT_RESOLUTION, description = "Rays per side and grid size. Default: ${DEFAULT-VALUE}.")
  int resolution;

  @Mixin
  SurfaceOptions surface;

  @Option(names = "--points", defaultValue = "100000", description = "Surface samples per mesh. Default: ${DEFAULT-VALUE}.")
  int points;

  @Option(names = "--hide-elevation", description = "Do not give a network conditioned on the camera elevation the views' "
      + "elevations (as for a shop that does not know them); it is given them by default, as it is given s.")
  boolean hideElevation;

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(names = "--contact-sheet", description = "Also write a PNG: input, prediction and ground truth of a few shapes per category.")
  Path contactSheet;

  @Option(names = "--sheet-per-category", defaultValue = "2", description = "Shapes per category on the contact sheet. Default: ${DEFAULT-VALUE}.")
  int sheetPerCategory;

  @Mixin
  ProgressOption progress;

  @Override
  public Integer call() {
    if (!java.util.Set.of("train", "val", "test", "all").contains(split)) {
      throw new IllegalArgumentException("--split must be train, val, test or all, got " + split);
    }
    try (TrainedModel m = TrainedModel.load(model != null ? model : DefaultModel.path())) {
      ModelEvaluation given = new ModelEvaluation(m, surface.applyTo(ReconstructOptions.DEFAULT.withResolution(resolution)),
          MetricsOptions.defaults().withSurfacePoints(points));
      ModelEvaluation evaluation = hideElevation ? given.hidingElevation() : given;
      ComparisonSheet sheet = contactSheet != null ? new ComparisonSheet(sheetPerCategory, 192) : null;
      EvaluationReport report = evaluation.run(dataset, split, views, progress.bar(json), sheet);
      System.out.println(json ? report.toJson() : report.toMarkdown());
      if (sheet != null && !sheet.isEmpty()) {
        Rendering.writePng(sheet.render(), contactSheet);
        System.err.println("wrote " + contactSheet);
      }
    }
    return 0;
  }
}
