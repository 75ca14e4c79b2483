package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rayform.recon.model.GradMode;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.RayOnet;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.testing.TinyDatasets;
import dev.rayform.recon.rays.BitPacking;
import dev.rayform.recon.rays.RayLabels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoder's dense supervision: exact labels, heads that learn, one optimiser step, exact resume. */
class EncoderHeadsTest {
  @TempDir
  static Path tmp;
  static Path dataset;
  static final ModelConfig TINY = ModelConfig.tiny("rayonet");

  @BeforeAll
  static void buildDataset() {
    dataset = TinyDatasets.procedural(tmp.resolve("ds"), List.of("sofa", "chair"), 5);
  }

  @Test
  void aRaysLabelsAreWhetherItCrossesTheObjectAndWhereItEnters() {
    boolean[] bits = new boolean[3 * 8];
    bits[8 + 3] = bits[8 + 4] = bits[8 + 5] = true; // ray 1 enters at sample 3 of 8
    bits[16] = bits[16 + 7] = true; // ray 2 at sample 0, and leaves and re-enters
    RayLabels labels = new RayLabels(3, 8, new float[6], BitPacking.pack(bits));
    float[] silhouette = {9, 9, 9}, depth = {9, 9, 9};
    for (int r = 0; r < 3; r++) {
      EncoderHeads.label(labels, r, silhouette, depth, r);
    }
    assertThat(silhouette).containsExactly(0f, 1f, 1f);
    assertThat(depth).containsExactly(0f, 3 / 7f, 0f);
  }

  @Test
  void denseRaysLeaveTheRestOfTheBatchAsItWas() {
    TrainingMix mix = TrainingMix.open(List.of(dataset), TINY, "train");
    TrainingData.Batch plain = mix.batch(3, 11, 2, 64, 0.5, true);
    TrainingData.Batch dense = mix.batch(3, 11, 2, 64, 0.5, true, 300);
    assertThat(plain.dense()).isNull();
    assertThat(dense.images()).containsExactly(plain.images());
    assertThat(dense.positions()).containsExactly(plain.positions());
    assertThat(dense.labels()).containsExactly(plain.labels());
    TrainingData.Dense d = dense.dense();
    assertThat(d.perItem()).isEqualTo(300);
    assertThat(d.silhouette()).hasSize(600).contains(0f, 1f);
    for (int i = 0; i < 600; i++) {
      assertThat(d.depth()[i]).isBetween(0f, 1f);
      if (d.silhouette()[i] == 0) {
        assertThat(d.depth()[i]).isZero();
      }
    }
    assertThatThrownBy(() -> TrainingMix.open(List.of(dataset), ModelConfig.tiny("onet"), "train").batch(3, 11, 2, 64, 0, false, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theHeadsLearnTheSilhouetteAndFrontDepthAndAdamStepsOncePerStep() {
    TrainingMix mix = TrainingMix.open(List.of(dataset), TINY, "train");
    TrainingData.Batch fixed = mix.batch(1, 1, 4, 128, 0.5, false, 512);
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(TINY), 1)) {
      EncoderHeads heads = new EncoderHeads(TINY, 1);
      heads.initializeParameters(model.manager());
      Adam adam = new Adam(model.manager(), 3e-3);
      double before = denseLoss(model, heads, fixed);
      for (int step = 1; step <= 150; step++) {
        Trainer.trainStep(model, adam, mix.batch(1, step, 4, 128, 0.5, false, 512), step, 1, heads);
      }
      assertThat(adam.step()).as("one Adam step per training step, heads included").isEqualTo(150);
      assertThat(adam.state()).containsKey("m/encoder_heads/01heads_weight");
      double after = denseLoss(model, heads, fixed);
      System.out.printf("dense loss of a fixed batch: %.4f before, %.4f after 150 steps%n", before, after);
      assertThat(after).as("dense loss before %.3f, after %.3f", before, after).isLessThan(before / 3);
    }
  }

  @Test
  void aRunWithHeadsResumesExactly() {
    TrainOptions options = TrainOptions.builder().setSteps(6).optBatch(2).optRays(128).optLr(1e-3).optCheckpointEvery(3).optSeed(4)
        .optCosine(true).optDenseWeight(2).optDenseRays(256).build();
    Path split = ResumeCheck.assertResumesExactly(TINY, dataset, tmp, options);
    assertThat(split.resolve("checkpoints/step-00000003").resolve(EncoderHeads.FILE)).exists();
    // The heads stay out of the model folder: it loads as the plain network.
    try (TrainedModel model = TrainedModel.load(split)) {
      assertThat(model.network().getParameters().keys()).noneMatch(k -> k.contains("heads"));
    }
  }

  @Test
  void headsNeedRayOnetsLocalFeaturesAndASaneWeight() {
    assertThatThrownBy(() -> new EncoderHeads(ModelConfig.tiny("onet"), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EncoderHeads(TINY.withAblation(true, true, false), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EncoderHeads(TINY, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrainOptions.cpu(10).toBuilder().optDenseWeight(-1).build()).hasMessageContaining("dense");
  }

  private static double denseLoss(TrainedModel model, EncoderHeads heads, TrainingData.Batch batch) {
    RayOnet net = (RayOnet) model.network();
    int s = TINY.imageSize(), b = batch.size();
    return GradMode.off(() -> {
      try (NDManager m = model.manager().newSubManager()) {
        NDList encoded = net.encode(model.store(), m.create(batch.images(), new Shape(b, 3, s, s)), false);
        TrainingData.Dense d = batch.dense();
        return (double) heads.loss(model.store(), net.localFeatures(model.store(), encoded, d.positions(), d.perItem(), false),
            d.silhouette(), d.depth(), false).getFloat();
      }
    });
  }
}
