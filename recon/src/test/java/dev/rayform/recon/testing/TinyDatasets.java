package dev.rayform.recon.testing;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ProceduralSource;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import java.nio.file.Path;
import java.util.List;

/** Procedural datasets small enough for unit tests, labelled at the tiny network's 32 depths. */
public final class TinyDatasets {
  private TinyDatasets() {}

  /**
   * One training shape and two held-out ones of each of {@code categories}, 64-pixel views,
   * 20,000 evaluation and surface points and 5,000 labelled rays per view, built into {@code out}.
   */
  public static Path procedural(Path out, List<String> categories, long seed) {
    DatasetSpec spec = DatasetSpec.defaults().withCategories(categories).withShapes(1, 2).withSeed(seed)
        .withSizes(64, 20_000, 20_000, 5_000).withDepths(new DepthSampling(32, 0.63, 2.16));
    new DatasetBuilder(new ProceduralSource(64), spec).build(out, Progress.NONE);
    return out;
  }
}
