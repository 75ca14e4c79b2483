package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.job.JobType;
import dev.rayform.recon.model.ComputeDevice;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.training.Checkpoints;
import dev.rayform.recon.training.TrainOptions;
import dev.rayform.recon.training.Trainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code train}: trains a model on a dataset of the tenant. Input: {@code dataset} (id). Options:
 * {@code arch} (rayonet, onet), {@code preset} (cpu, cpu-wide, paper, tiny), {@code steps}, {@code batch},
 * {@code rays}, {@code lr}, {@code validate_every}, {@code name}. Training runs in chunks of
 * {@code checkpoint_every} steps; after each the model folder (with its checkpoints) is saved as the
 * job's state, so an attempt after a crash resumes from the last chunk. The trained model is
 * registered with its metrics.
 */
public final class TrainHandler implements JobHandler {
  private final ComputeDevice device;

  /** Trains on DJL's default device ({@code auto}). */
  public TrainHandler() {
    this(ComputeDevice.AUTO);
  }

  public TrainHandler(ComputeDevice device) {
    this.device = java.util.Objects.requireNonNull(device, "device");
  }

  @Override
  public JobType type() {
    return JobType.TRAIN;
  }

  @Override
  public ObjectNode run(JobContext ctx) throws Exception {
    String dataset = Options.requiredText(ctx.input(), "dataset", "input");
    String arch = Options.text(ctx.options(), "arch", "rayonet");
    String preset = Options.text(ctx.options(), "preset", "cpu");
    ModelConfig config = ReconstructHandler.badInputOnReconError(() -> ModelConfig.preset(preset, arch));
    TrainOptions base = TrainOptions.forPreset(preset);
    int steps = Options.integer(ctx.options(), "steps", base.steps(), 1, 10_000_000);
    int chunk = Options.integer(ctx.options(), "checkpoint_every", Math.min(base.checkpointEvery(), steps), 1, 1_000_000);
    TrainOptions options = base.toBuilder().setSteps(steps)
        .optBatch(Options.integer(ctx.options(), "batch", base.batch(), 1, 1024))
        .optRays(Options.integer(ctx.options(), "rays", config.isRayOnet() ? base.rays() : 2048, 1, 65_536))
        .optLr(Options.number(ctx.options(), "lr", base.lr(), 0, 1))
        .optValidateEvery(Options.integer(ctx.options(), "validate_every", base.validateEvery(), 0, 1_000_000))
        .optCheckpointEvery(chunk)
        .optSeed(Options.integer(ctx.options(), "seed", 0, 0, Integer.MAX_VALUE))
        .optResume(true)
        .optObjectRays(Options.number(ctx.options(), "object_rays", base.objectRays(), 0, 1))
        .optAugment(Options.bool(ctx.options(), "augment", base.augment()))
        .build();
    Path data = ctx.dataset(dataset);
    Path modelDir = ctx.stateDir().resolve("model");
    Path latest = Checkpoints.latest(modelDir);
    long done = latest == null ? 0 : Checkpoints.restoreStep(latest);
    Trainer.Summary summary = null;
    DatasetHandler.ContextProgress progress = new DatasetHandler.ContextProgress(ctx, "training");
    LossCurve curve = new LossCurve(ctx, steps);
    while (done < steps) {
      long until = Math.min(steps, done + chunk);
      summary = ReconstructHandler.badInputOnReconError(
          () -> new Trainer(config, data, modelDir, options, progress).on(device).onStep(curve::step).runUntil(until));
      done = until;
      ctx.saveState();
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("step", done);
      event.put("loss", summary.loss());
      if (!Double.isNaN(summary.valIou())) {
        event.put("val_iou", summary.valIou());
      }
      ctx.progress(done / (double) steps, "training", "step " + done + " of " + steps, event);
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("steps", steps);
    if (summary != null) {
      metrics.put("train_loss", summary.loss());
      if (!Double.isNaN(summary.valIou())) {
        metrics.put("val_iou", summary.valIou());
      }
    }
    String model = ctx.publishModel(modelDir, Options.text(ctx.options(), "name", arch + "-" + preset), metrics);
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("model", model);
    result.set("metrics", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(metrics));
    return result;
  }

  /**
   * The loss curve as progress events (data {@code step}, {@code loss}, and on validation steps
   * {@code val_iou} and the ray IoU of fixed training and held-out views), for live plots: about {@value #POINTS} points per job however long it trains,
   * plus every validation and the last step.
   */
  static final class LossCurve {
    static final int POINTS = 500;
    private final JobContext ctx;
    private final long steps;
    private final long every;

    LossCurve(JobContext ctx, long steps) {
      this.ctx = ctx;
      this.steps = steps;
      this.every = Math.max(1, steps / POINTS);
    }

    void step(Map<String, Object> record) {
      long step = ((Number) record.get("step")).longValue();
      double loss = ((Number) record.get("loss")).doubleValue();
      Object valIou = record.get("val_iou");
      if (step % every != 0 && valIou == null && step != steps) {
        return;
      }
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("step", step);
      if (Double.isFinite(loss)) {
        point.put("loss", loss);
      }
      for (String curve : List.of("val_iou", "train_ray_iou", "val_ray_iou")) {
        if (record.get(curve) instanceof Number v && Double.isFinite(v.doubleValue())) {
          point.put(curve, v.doubleValue());
        }
      }
      ctx.progress(step / (double) steps, "training", String.format(java.util.Locale.ROOT, "step %d of %d, loss %.4f", step, steps, loss),
          point);
    }
  }
}
