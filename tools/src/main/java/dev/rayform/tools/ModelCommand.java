package dev.rayform.tools;

import dev.rayform.recon.model.ModelAverage;
import dev.rayform.recon.model.ModelExport;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.training.BatchNormRecalibration;
import dev.rayform.recon.training.TrainOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rayform model ...}: trained model folders. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Work with trained model folders.",
    subcommands = {ModelCommand.Export.class, ModelCommand.Average.class, ModelCommand.Recalibrate.class, ModelCommand.Curves.class})
final class ModelCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write a trained model as it ships: model.json and params.bin (float16 unless --precision fp32),",
        "without checkpoints or logs. models/default is such a folder."
      })
  static final class Export implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Trained model folder (from 'rayform train').")
    Path model;

    @Mixin
    ShippedOutput output;

    @Override
    public Integer call() {
      long bytes = ModelExport.export(model, output.out, output.half());
      ModelInfo info = ModelInfo.read(output.out);
      System.out.printf("exported %s (%s, step %d) to %s: %s %.1f MB%n", model, info.config().arch(), info.step(), output.out,
          ModelInfo.PARAMS, bytes / 1e6);
      return 0;
    }
  }

  /** Where a command writes a model folder as it ships, and in which precision. */
  static final class ShippedOutput {
    @Option(names = "--out", required = true, description = "Folder to write.")
    Path out;

    @Option(names = "--precision", defaultValue = "fp16", description = "fp16 or fp32. Default: ${DEFAULT-VALUE}.")
    String precision;

    /** Whether the parameters are written in float16; refuses anything but fp16 and fp32. */
    boolean half() {
      if (!precision.equals("fp16") && !precision.equals("fp32")) {
        throw new IllegalArgumentException("--precision must be fp16 or fp32, got " + precision);
      }
      return precision.equals("fp16");
    }
  }

  @Command(
      name = "average",
      mixinStandardHelpOptions = true,
      description = {
        "Average the parameters of two or more models fine-tuned from one parent (a model soup), or of a",
        "fine-tune and its parent, into a model folder as it ships. A model that does not read the camera",
        "elevation averages with ones that do as reading it through zero weights. Judge the result with",
        "'rayform bench quality' like any model."
      })
  static final class Average implements Callable<Integer> {
    @Option(names = "--model", required = true, arity = "1..*",
        description = "Model folders to average (two or more, one configuration; the camera elevation may differ).")
    List<Path> models;

    @Option(names = "--weights", split = ",", description = "Weight of each model, in --model's order (default: 1 each).")
    List<Double> weights;

    @Mixin
    ShippedOutput output;

    @Override
    public Integer call() {
      List<Double> w = weights != null ? weights : java.util.Collections.nCopies(models.size(), 1.0);
      ModelInfo info = ModelAverage.average(models, w, output.out, output.half());
      System.out.printf("averaged %d models (%s, weights %s) into %s: %s, %s%n", models.size(), info.metrics().get("averaged_from"), w, output.out,
          info.config().arch(), info.dataset());
      return 0;
    }
  }

  @Command(
      name = "recalibrate",
      mixinStandardHelpOptions = true,
      description = {
        "Estimate a model's batch-norm statistics again on training batches (forward only; no trainable weight",
        "changes): what a weight average needs, since the mean of its ingredients' statistics is not the",
        "statistics of the mean network. Judge the result with 'rayform bench quality' like any model."
      })
  static final class Recalibrate implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder.")
    Path model;

    @Option(names = "--dataset", required = true, arity = "1..*", description = "Datasets whose train splits give the batches.")
    List<Path> datasets;

    @Option(names = "--dataset-weights", split = ",", description = "Draw weight of each dataset, as in 'rayform train' (default: 1 each).")
    List<Double> weights;

    @Option(names = "--batches", defaultValue = "" + BatchNormRecalibration.DEFAULT_BATCHES,
        description = "Training batches run forward. Default: ${DEFAULT-VALUE}.")
    int batches;

    @Option(names = "--object-rays", description = "Share of each image's rays drawn among those crossing the object, as the "
        + "model trained (the statistics follow the batches' make-up). Default: the cpu preset's, as 'rayform train'.")
    Double objectRays;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the batches' draw. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    ShippedOutput output;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
      List<Double> w = weights != null ? weights : java.util.Collections.nCopies(datasets.size(), 1.0);
      // The cpu preset's batches: 16 images x 512 rays.
      TrainOptions.Builder drawn = TrainOptions.forPreset("cpu").toBuilder();
      if (objectRays != null) {
        drawn.optObjectRays(objectRays);
      }
      ModelInfo info = BatchNormRecalibration.recalibrate(model, datasets, w, drawn.build(), batches, seed, output.out, output.half(),
          progress.bar());
      System.out.printf("recalibrated %s on %d batches of %s into %s%n", model, batches, info.metrics().get("batch_norm_data"), output.out);
      return 0;
    }
  }

  @Command(name = "curves", mixinStandardHelpOptions = true,
      description = "Plot a training run's learning curves (loss; held-out mesh IoU; ray IoU of training and held-out views) as a PNG.")
  static final class Curves implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder with metrics.jsonl.")
    Path model;

    @Option(names = "--out", required = true, description = "PNG file to write.")
    Path out;

    @Option(names = "--title", description = "Title (default: the model folder's name).")
    String title;

    @Override
    public Integer call() {
      System.setProperty("java.awt.headless", "true");
      Path metrics = model.resolve("metrics.jsonl");
      if (!java.nio.file.Files.isRegularFile(metrics)) {
        throw new IllegalArgumentException(model + " has no metrics.jsonl (not a training run's folder)");
      }
      var curves = LearningCurves.read(metrics);
      String name = title != null ? title : model.toAbsolutePath().normalize().getFileName().toString();
      dev.rayform.recon.render.Rendering.writePng(LearningCurves.draw(name, curves), out);
      System.out.printf("wrote %s: %d steps, %d validations%n", out, curves.getOrDefault("loss", java.util.List.of()).size(),
          curves.getOrDefault("val_ray_iou", curves.getOrDefault("val_iou", java.util.List.of())).size());
      return 0;
    }
  }
}
