package dev.rayform.recon.testing;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ProceduralSource;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import dev.rayform.recon.training.TrainOptions;
import dev.rayform.recon.training.Trainer;
import java.nio.file.Path;
import java.util.List;

/**
 * The tests' tiny model (recon's test jar, shared with the workers' and the tools' tests): a
 * procedural cabinet rendered at 64 px with 32 depths per ray, and a tiny Ray-ONet trained on it
 * briefly; enough for a real, non-empty mesh from its photo in a few seconds.
 */
public final class TinyCabinet {
  private TinyCabinet() {}

  /** The dataset, the trained model and a photo of the cabinet (a training view). */
  public record Trained(Path dataset, Path model, Path photo) {}

  /** Builds the dataset under {@code dir}/ds and trains the model into {@code dir}/model for {@code steps} steps. */
  public static Trained train(Path dir, int steps) {
    Path ds = dir.resolve("ds");
    DatasetSpec spec = DatasetSpec.defaults().withCategories(List.of("cabinet")).withShapes(1, 2).withSeed(1)
        .withSizes(64, 10_000, 2_000, 1_000).withDepths(new DepthSampling(32, 0.63, 2.16));
    new DatasetBuilder(new ProceduralSource(48), spec).build(ds, Progress.NONE);
    Path model = dir.resolve("model");
    TrainOptions options = TrainOptions.builder().setSteps(steps).optBatch(4).optRays(1024).optLr(3e-3).optCheckpointEvery(steps)
        .optValResolution(32).optCosine(true).build();
    new Trainer(ModelConfig.tiny("rayonet"), ds, model, options, Progress.NONE).run();
    return new Trained(ds, model, ds.resolve("shapes/cabinet/000000/view_00.png"));
  }
}
