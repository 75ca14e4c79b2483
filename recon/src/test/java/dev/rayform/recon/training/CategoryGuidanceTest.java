package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.rayform.recon.data.ShapeSource;
import dev.rayform.recon.model.GradMode;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.testing.TinyDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Category guidance of z: the paper's loss exactly, centres and codes that learn, exact resume. */
class CategoryGuidanceTest {
  @TempDir
  static Path tmp;
  static Path dataset;
  static final ModelConfig TINY = ModelConfig.tiny("rayonet");

  @BeforeAll
  static void buildDataset() {
    dataset = TinyDatasets.procedural(tmp.resolve("ds"), List.of("sofa", "chair"), 5);
  }

  @Test
  void theLossIsTheNormalisedSoftmaxOfCosinesAtTheTemperature() {
    try (NDManager manager = NDManager.newBaseManager()) {
      CategoryGuidance guidance = new CategoryGuidance(TINY, List.of("chair", "sofa"), 2);
      guidance.initializeParameters(manager);
      int d = TINY.latentDim();
      float[] centres = new float[2 * d];
      centres[0] = 3; // chair along e0, sofa along e1; their lengths do not matter
      centres[d + 1] = 0.5f;
      guidance.getParameters().get(0).getValue().getArray().set(centres);
      float[] z = new float[3 * d];
      z[0] = 2; // a chair's z on its centre: cosines 1 and 0
      z[d] = 1; // a sofa's z halfway between: cosines 1/sqrt(2) to both
      z[d + 1] = 1;
      z[2 * d + 1] = 1; // an unknown category: left out
      double tau = CategoryGuidance.TEMPERATURE;
      double chair = -Math.log(Math.exp(1 / tau) / (Math.exp(1 / tau) + 1));
      double sofa = Math.log(2);
      float loss = guidance.loss(new ParameterStore(manager, false), manager.create(z, new Shape(3, d)),
          new String[] {"chair", "sofa", "lamp"}, false).getFloat();
      assertThat((double) loss).isCloseTo(2 * (chair + sofa) / 2, within(1e-5));
      assertThat(guidance.lastLoss()).as("the unweighted loss, for the log").isCloseTo((chair + sofa) / 2, within(1e-5));
      float none = guidance.loss(new ParameterStore(manager, false), manager.create(z, new Shape(3, d)), new String[3], false).getFloat();
      assertThat(none).isZero();
    }
  }

  @Test
  void batchesCarryTheirItemsCategories() {
    TrainingMix mix = TrainingMix.open(List.of(dataset), TINY, "train");
    assertThat(mix.categories()).containsExactly("chair", "sofa");
    TrainingData.Batch batch = mix.batch(3, 11, 8, 16, 0.5, true);
    assertThat(batch.categories()).hasSize(8).containsOnly("chair", "sofa");
  }

  @Test
  void trainingSeparatesTheCategoriesCodes() {
    TrainingMix mix = TrainingMix.open(List.of(dataset), TINY, "train");
    TrainingData.Batch fixed = mix.batch(1, 1, 8, 64, 0.5, false);
    assertThat(fixed.categories()).contains("chair", "sofa");
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(TINY), 1)) {
      CategoryGuidance guidance = new CategoryGuidance(TINY, mix.categories(), 1);
      guidance.initializeParameters(model.manager());
      Adam adam = new Adam(model.manager(), 3e-3);
      double before = metricLoss(model, guidance, fixed);
      for (int step = 1; step <= 60; step++) {
        Trainer.trainStep(model, adam, mix.batch(1, step, 8, 64, 0.5, false), step, 1, null, guidance);
      }
      assertThat(adam.state()).containsKey("m/category_guidance/centres");
      double after = metricLoss(model, guidance, fixed);
      System.out.printf("category loss of a fixed batch: %.4f before, %.4f after 60 steps%n", before, after);
      assertThat(after).as("category loss before %.3f, after %.3f", before, after).isLessThan(before / 3);
    }
  }

  @Test
  void aGuidedRunResumesExactlyAndShipsWithoutItsCentres() throws Exception {
    TrainOptions options = TrainOptions.builder().setSteps(6).optBatch(2).optRays(128).optLr(1e-3).optCheckpointEvery(3).optSeed(4)
        .optCosine(true).optCategoryWeight(0.5).build();
    Path split = ResumeCheck.assertResumesExactly(TINY, dataset, tmp, options);
    assertThat(split.resolve("checkpoints/step-00000003").resolve(CategoryGuidance.FILE)).exists();
    assertThat(Files.readString(split.resolve("metrics.jsonl"))).contains("\"category_loss\"");
    try (TrainedModel model = TrainedModel.load(split)) {
      assertThat(model.network().getParameters().keys()).noneMatch(k -> k.contains("centres"));
    }
  }

  @Test
  void guidanceNeedsZTwoCategoriesAndASaneWeight() {
    assertThatThrownBy(() -> new CategoryGuidance(TINY.withAblation(true, false, true), List.of("a", "b"), 1))
        .hasMessageContaining("global code z");
    assertThatThrownBy(() -> new CategoryGuidance(TINY, List.of("a"), 1)).isInstanceOf(IllegalArgumentException.class);
    // shapes of no class have no centre: left out of the loss like any unknown category
    assertThat(new CategoryGuidance(TINY, List.of("chair", ShapeSource.UNCLASSED, "table"), 1).categories())
        .containsExactly("chair", "table");
    assertThatThrownBy(() -> new CategoryGuidance(TINY, List.of("chair", ShapeSource.UNCLASSED), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CategoryGuidance(TINY, List.of("a", "b"), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrainOptions.cpu(10).toBuilder().optCategoryWeight(-1).build()).hasMessageContaining("category");
  }

  private static double metricLoss(TrainedModel model, CategoryGuidance guidance, TrainingData.Batch batch) {
    int s = TINY.imageSize(), b = batch.size();
    return GradMode.off(() -> {
      try (NDManager m = model.manager().newSubManager()) {
        var z = model.network().encode(model.store(), m.create(batch.images(), new Shape(b, 3, s, s)), false).get(0);
        return (double) guidance.loss(model.store(), z, batch.categories(), false).getFloat();
      }
    });
  }
}
