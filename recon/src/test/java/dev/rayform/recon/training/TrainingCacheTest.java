package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.testing.TinyDatasets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training's cache stays inside its bound, and what it drops comes back the same. */
class TrainingCacheTest {
  @TempDir
  static Path tmp;

  @Test
  void aSmallCacheHoldsNoMoreThanItsBoundAndGivesTheSameBatches() {
    Path dataset = TinyDatasets.procedural(tmp.resolve("ds"), List.of("sofa", "chair", "cabinet"), 9);
    ModelConfig config = ModelConfig.tiny("rayonet");
    long bound = 150_000; // about two shapes' rays and views: most reads go back to disk
    TrainingCache small = TrainingCache.ofBytes(bound), large = TrainingCache.ofBytes(1L << 30);
    TrainingData bounded = new TrainingData(dataset, config, "train", small);
    TrainingData unbounded = new TrainingData(dataset, config, "train", large);
    for (int step = 1; step <= 12; step++) {
      TrainingData.Batch a = TrainingMix.of(List.of(bounded)).batch(5, step, 3, 64, 0.5, true, 32);
      TrainingData.Batch b = TrainingMix.of(List.of(unbounded)).batch(5, step, 3, 64, 0.5, true, 32);
      assertThat(a.images()).containsExactly(b.images());
      assertThat(a.positions()).containsExactly(b.positions());
      assertThat(a.labels()).containsExactly(b.labels());
      assertThat(a.dense().silhouette()).containsExactly(b.dense().silhouette());
      assertThat(small.weight()).as("bytes held at step %d", step).isLessThanOrEqualTo(bound);
    }
    assertThat(large.weight()).as("the whole split, kept").isGreaterThan(2 * bound);
  }

  @Test
  void aDatasetReplacedAtTheSamePathIsReadAfresh() throws Exception {
    ModelConfig config = ModelConfig.tiny("rayonet");
    Path dataset = TinyDatasets.procedural(tmp.resolve("replaced"), List.of("chair"), 1);
    float[] first = TrainingMix.of(List.of(new TrainingData(dataset, config, "train"))).batch(2, 1, 1, 64, 0, false).labels();
    dev.rayform.recon.util.FileTrees.delete(dataset);
    TinyDatasets.procedural(dataset, List.of("chair"), 2);
    float[] second = TrainingMix.of(List.of(new TrainingData(dataset, config, "train"))).batch(2, 1, 1, 64, 0, false).labels();
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void entriesWeighTheirBytes() {
    assertThat(TrainingCache.weigh(null, new byte[1000])).isEqualTo(1064);
    assertThat(TrainingCache.weigh(null, new int[1000])).isEqualTo(4064);
  }
}
