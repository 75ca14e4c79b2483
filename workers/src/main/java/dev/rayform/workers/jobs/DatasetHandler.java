package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.job.JobType;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ShapeSource;
import dev.rayform.recon.data.ShapeSources;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code dataset}: builds a training dataset. Input: {@code source} (procedural, procedural-lights, procedural-seating, sh3d or sh3d-other) or
 * {@code upload} (a zip or tar of meshes in CATEGORY/ folders). Options: {@code categories},
 * {@code shapes_per_category} (1..2000), {@code views} (1..24), {@code seed}, {@code image_size},
 * {@code rays}, {@code depths}, {@code name}. The result registers the dataset and returns its id.
 */
public final class DatasetHandler implements JobHandler {
  @Override
  public JobType type() {
    return JobType.DATASET;
  }

  @Override
  public ObjectNode run(JobContext ctx) throws Exception {
    String upload = ctx.input().hasNonNull("upload") ? Options.requiredText(ctx.input(), "upload", "input") : null;
    String source = upload != null ? null : Options.text(ctx.input(), "source", "procedural");
    if (source != null && !ShapeSources.NAMED.contains(source)) {
      throw JobFailure.badInput("invalid_input", "input.source must be one of " + ShapeSources.NAMED + " (or give input.upload)");
    }
    List<String> categories = new ArrayList<>();
    if (ctx.options().has("categories")) {
      if (!ctx.options().get("categories").isArray()) {
        throw JobFailure.badInput("invalid_options", "options.categories must be an array of names");
      }
      ctx.options().get("categories").forEach(c -> categories.add(c.asText()));
    }
    DatasetSpec spec = DatasetSpec.defaults()
        .withCategories(categories)
        .withShapes(Options.integer(ctx.options(), "shapes_per_category", 10, 1, 2000), Options.integer(ctx.options(), "views", 4, 1, 24))
        .withSeed(Options.integer(ctx.options(), "seed", 0, 0, Integer.MAX_VALUE))
        .withSizes(Options.integer(ctx.options(), "image_size", 224, 32, 512), Options.integer(ctx.options(), "rays", 5000, 16, 20000),
            Options.integer(ctx.options(), "eval_points", 100_000, 1000, 200_000), Options.integer(ctx.options(), "surface_points", 100_000, 1000, 200_000))
        .withDepths(new DepthSampling(Options.integer(ctx.options(), "depths", 128, 2, 256), 0.63, 2.16))
        .withVariedLight(Options.bool(ctx.options(), "varied_light", false))
        .withTrainPoints(Options.bool(ctx.options(), "train_points", true))
        .withStretchedCopies(Options.integer(ctx.options(), "stretched_copies", 0, 0, DatasetSpec.MAX_STRETCHED_COPIES));
    ShapeSource shapes = ReconstructHandler.badInputOnReconError(
        () -> upload != null ? ShapeSources.open(ctx.upload(upload).toString(), 128) : ShapeSources.open(source, 128));
    Path out = ctx.workDir().resolve("dataset");
    DatasetManifest manifest = new DatasetBuilder(shapes, spec).build(out, new ContextProgress(ctx, "building"));
    if (manifest.shapes().isEmpty()) {
      throw JobFailure.badInput("dataset_empty", "no shape could be built; failures: " + manifest.failures());
    }
    String id = ctx.publishDataset(out, Options.text(ctx.options(), "name", shapes.name()));
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("dataset", id);
    result.put("shapes", manifest.shapes().size());
    result.put("failed", manifest.failures().size());
    result.set("splits", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(manifest.splits()));
    return result;
  }

  /** recon's progress reported as job progress events (at most one per percent). */
  static final class ContextProgress implements Progress {
    private final JobContext ctx;
    private final String stage;
    private final AtomicLong done = new AtomicLong();
    private volatile long total = 1;
    private volatile long lastPercent = -1;

    ContextProgress(JobContext ctx, String stage) {
      this.ctx = ctx;
      this.stage = stage;
    }

    @Override
    public void start(String task, long total) {
      this.total = Math.max(1, total);
      done.set(0);
    }

    @Override
    public void step(long n) {
      if (ctx.cancelRequested()) {
        throw new JobCanceled(ctx.jobId());
      }
      long d = done.addAndGet(n);
      long percent = 100 * d / total;
      if (percent != lastPercent) {
        lastPercent = percent;
        ctx.progress(d / (double) total, stage, d + " of " + total);
      }
    }

    @Override
    public void message(String text) {}

    @Override
    public void finish() {}
  }
}
