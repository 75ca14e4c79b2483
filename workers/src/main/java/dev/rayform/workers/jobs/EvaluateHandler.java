package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.job.JobType;
import dev.rayform.recon.eval.EvaluationReport;
import dev.rayform.recon.eval.MetricsOptions;
import dev.rayform.recon.eval.ModelEvaluation;
import dev.rayform.recon.generation.ReconstructOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code evaluate}: a model on a dataset split by ONet's protocol. Input: {@code dataset} (id),
 * {@code model} (id; the default model when absent). Options: {@code split} (test), {@code views}
 * (1), {@code resolution} (128). Artifacts: {@code metrics.json} (per category and mean) and
 * {@code metrics.md}; the result holds the same numbers.
 */
public final class EvaluateHandler implements JobHandler {
  private final ModelCache models;

  public EvaluateHandler(ModelCache models) {
    this.models = models;
  }

  @Override
  public JobType type() {
    return JobType.EVALUATE;
  }

  @Override
  public ObjectNode run(JobContext ctx) throws Exception {
    Path data = ctx.dataset(Options.requiredText(ctx.input(), "dataset", "input"));
    Path modelDir = ctx.model(Options.text(ctx.input(), "model", null));
    String split = Options.text(ctx.options(), "split", "test");
    if (!Set.of("train", "val", "test", "all").contains(split)) {
      throw JobFailure.badInput("invalid_options", "options.split must be train, val, test or all");
    }
    int views = Options.integer(ctx.options(), "views", 1, 1, 24);
    int resolution = Options.integer(ctx.options(), "resolution", 128, 16, 256);
    EvaluationReport report = models.with(modelDir, model -> ReconstructHandler.badInputOnReconErrorUnchecked(() ->
        new ModelEvaluation(model, ReconstructOptions.DEFAULT.withResolution(resolution), MetricsOptions.defaults())
            .run(data, split, views, new DatasetHandler.ContextProgress(ctx, "evaluating"))));
    Path json = ctx.workDir().resolve("metrics.json");
    Files.writeString(json, report.toJson());
    ctx.artifact("metrics.json", json, "application/json");
    Path md = ctx.workDir().resolve("metrics.md");
    Files.writeString(md, report.toMarkdown());
    ctx.artifact("metrics.md", md, "text/markdown");
    return (ObjectNode) new ObjectMapper().readTree(report.toJson());
  }
}
