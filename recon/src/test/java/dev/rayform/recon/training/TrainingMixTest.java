package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ProceduralSource;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several datasets pooled into one training set: every item reachable, reproducible, checked for compatibility. */
class TrainingMixTest {
  @TempDir
  static Path tmp;
  static Path sofas;
  static Path cabinets;
  static final ModelConfig CONFIG = ModelConfig.tiny("rayonet");

  @BeforeAll
  static void buildDatasets() {
    sofas = build("sofas", "sofa", 3);
    cabinets = build("cabinets", "cabinet", 4);
  }

  private static Path build(String name, String category, long seed) {
    Path out = tmp.resolve(name);
    DatasetSpec spec = DatasetSpec.defaults().withCategories(List.of(category)).withShapes(2, 1).withSeed(seed)
        .withSizes(64, 500, 1_000, 1_000).withDepths(new DepthSampling(32, 0.63, 2.16));
    new DatasetBuilder(new ProceduralSource(32), spec).build(out, Progress.NONE);
    return out;
  }

  @Test
  void batchesDrawFromEveryDatasetAndRepeatForAStep() {
    TrainingMix mix = TrainingMix.open(List.of(sofas, cabinets), CONFIG, "train");
    assertThat(mix.parts()).hasSize(2);
    assertThat(mix.itemCount()).isEqualTo(mix.parts().get(0).itemCount() + mix.parts().get(1).itemCount());
    Set<Float> scales = new HashSet<>();
    for (long step = 1; step <= 10; step++) {
      TrainingData.Batch batch = mix.batch(7, step, 8, 16, 0, false);
      for (float s : batch.scales()) {
        scales.add(s);
      }
    }
    // One view per shape, so each shape's scale factor marks it: every training shape of both datasets was drawn.
    Set<Float> expected = new HashSet<>();
    for (TrainingData part : mix.parts()) {
      expected.addAll(scalesOf(part));
    }
    assertThat(scales).isEqualTo(expected);
    TrainingData.Batch a = mix.batch(7, 3, 8, 16, 0.5, false), b = mix.batch(7, 3, 8, 16, 0.5, false);
    assertThat(Arrays.equals(a.labels(), b.labels()) && Arrays.equals(a.images(), b.images())).isTrue();
    assertThat(mix.name()).isEqualTo("sofas+cabinets");
  }

  @Test
  void objectRaysAreDrawnAmongTheRaysThatCrossTheObject() {
    TrainingMix mix = TrainingMix.open(List.of(sofas, cabinets), CONFIG, "train");
    int m = CONFIG.m();
    double uniformShare = crossingShare(mix.batch(7, 1, 8, 256, 0, false), m);
    assertThat(crossingShare(mix.batch(7, 1, 8, 256, 1, false), m)).isEqualTo(1.0);
    // a product fills a small part of its picture, so uniform rays mostly miss it
    assertThat(uniformShare).isBetween(0.02, 0.6);
    assertThat(crossingShare(mix.batch(7, 1, 8, 256, 0.5, false), m)).isBetween(0.5 + uniformShare / 2 - 0.06, 0.5 + uniformShare / 2 + 0.06);
  }

  private static double crossingShare(TrainingData.Batch batch, int m) {
    int rays = batch.labels().length / m, crossing = 0;
    for (int r = 0; r < rays; r++) {
      for (int j = 0; j < m; j++) {
        if (batch.labels()[r * m + j] > 0) {
          crossing++;
          break;
        }
      }
    }
    return crossing / (double) rays;
  }

  @Test
  void validationShapesAreSharedOutOverTheDatasets() {
    TrainingMix mix = TrainingMix.open(List.of(sofas, cabinets), CONFIG, "train");
    List<TrainingMix.Pick> picks = mix.spread(2);
    assertThat(picks).extracting(p -> p.shape().category()).containsExactly("sofa", "cabinet");
    assertThat(mix.spread(100)).hasSize((int) mix.parts().stream().mapToLong(p -> p.shapes().size()).sum());
  }

  @Test
  void datasetsRenderedWithAnotherFocalLengthAreRefused() throws Exception {
    Path other = tmp.resolve("other-focal");
    Files.createDirectories(other);
    String manifest = Files.readString(cabinets.resolve("manifest.json"));
    Files.writeString(other.resolve("manifest.json"), manifest.replaceFirst("\"normalized_focal\" : [0-9.]+", "\"normalized_focal\" : 2.0"));
    assertThatThrownBy(() -> TrainingMix.open(List.of(sofas, other), CONFIG, "train"))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("dataset_mismatch"));
  }

  @Test
  void datasetWeightsScaleEachDatasetsShareOfTheBatches() {
    TrainingMix even = TrainingMix.open(List.of(sofas, cabinets), CONFIG, "train");
    TrainingMix weighted = TrainingMix.open(List.of(sofas, cabinets), List.of(1.0, 3.0), CONFIG, "train");
    double a = Math.sqrt(even.parts().get(0).itemCount()), b = Math.sqrt(even.parts().get(1).itemCount());
    assertThat(even.share(0)).isCloseTo(a / (a + b), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(weighted.share(1)).isCloseTo(3 * b / (a + 3 * b), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(weighted.share(0) + weighted.share(1)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));

    // Drawn shares follow: one view per shape, so a scale factor tells which dataset an item came from.
    Set<Float> cabinetScales = scalesOf(weighted.parts().get(1));
    int fromCabinets = 0, drawn = 0;
    for (long step = 1; step <= 400; step++) {
      for (float s : weighted.batch(5, step, 8, 4, 0, false).scales()) {
        fromCabinets += cabinetScales.contains(s) ? 1 : 0;
        drawn++;
      }
    }
    // 3,200 draws: the binomial standard error of the share is under 0.009.
    assertThat(fromCabinets / (double) drawn).isCloseTo(weighted.share(1), org.assertj.core.data.Offset.offset(0.035));

    assertThatThrownBy(() -> TrainingMix.open(List.of(sofas, cabinets), List.of(1.0, 0.0), CONFIG, "train"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> TrainingMix.open(List.of(sofas, cabinets), List.of(1.0), CONFIG, "train"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 dataset weights for 2 datasets");
  }

  @Test
  void eachItemCarriesItsDatasetsPositiveWeight() {
    List<Double> ones = List.of(1.0, 1.0);
    TrainingMix weighted = TrainingMix.open(List.of(sofas, cabinets), ones, List.of(1.0, 2.5), CONFIG, "train");
    TrainingMix plain = TrainingMix.open(List.of(sofas, cabinets), CONFIG, "train");
    Set<Float> cabinetScales = scalesOf(weighted.parts().get(1));
    int fromCabinets = 0;
    for (long step = 1; step <= 20; step++) {
      TrainingData.Batch batch = weighted.batch(5, step, 8, 16, 0.5, true);
      for (int i = 0; i < batch.size(); i++) {
        boolean cabinet = cabinetScales.contains(batch.scales()[i]);
        fromCabinets += cabinet ? 1 : 0;
        assertThat(batch.positiveWeights()[i]).isEqualTo(cabinet ? 2.5f : 1f);
      }
      // the weights change the loss only: the same items, rays and labels as without them
      TrainingData.Batch same = plain.batch(5, step, 8, 16, 0.5, true);
      assertThat(Arrays.equals(batch.labels(), same.labels()) && Arrays.equals(batch.images(), same.images())).isTrue();
      assertThat(same.weighsPositives()).isFalse();
    }
    assertThat(fromCabinets).isBetween(1, 159);

    assertThatThrownBy(() -> TrainingMix.open(List.of(sofas, cabinets), ones, List.of(1.0, 0.0), CONFIG, "train"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive weight must be in");
    assertThatThrownBy(() -> TrainingMix.open(List.of(sofas, cabinets), ones, List.of(1.0, 17.0), CONFIG, "train"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 17.0");
    assertThatThrownBy(() -> TrainingMix.open(List.of(sofas, cabinets), ones, List.of(2.0), CONFIG, "train"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 positive weights for 2 datasets");
  }

  /** The scale factors of a split's shapes: one view per shape, so a scale factor tells which dataset an item came from. */
  private static Set<Float> scalesOf(TrainingData part) {
    Set<Float> scales = new HashSet<>();
    for (DatasetManifest.Shape shape : part.shapes()) {
      scales.add((float) part.scale(shape, 0));
    }
    return scales;
  }
}
