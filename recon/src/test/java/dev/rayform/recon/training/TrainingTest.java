package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.eval.EvaluationReport;
import dev.rayform.recon.eval.MetricsOptions;
import dev.rayform.recon.eval.ModelEvaluation;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.ParameterFile;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.testing.TinyDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training really learns, checkpoints really resume, parameters really round-trip. */
class TrainingTest {
  @TempDir
  static Path tmp;
  static Path dataset;

  @BeforeAll
  static void buildDataset() {
    dataset = TinyDatasets.procedural(tmp.resolve("ds"), List.of("sofa", "cabinet"), 3);
  }

  @Test
  void aTinyRayOnetOverfitsTwoShapesAndReconstructsItsTrainingImages() {
    Path out = tmp.resolve("overfit");
    TrainOptions options = TrainOptions.builder().setSteps(2000).optBatch(4).optRays(1024).optLr(3e-3).optCheckpointEvery(2000).optCosine(true).build();
    Trainer.Summary summary = new Trainer(ModelConfig.tiny("rayonet"), dataset, out, options, Progress.NONE).run();
    assertThat(summary.losses().get(summary.losses().size() - 1)).isLessThan(summary.losses().get(0) / 10);
    try (TrainedModel model = TrainedModel.load(out)) {
      // Trained without flips: model.json says so, and reconstruction does not average with the mirrored image.
      assertThat(model.info().sawMirroredImages()).isFalse();
      EvaluationReport report = new ModelEvaluation(model, ReconstructOptions.DEFAULT,
          MetricsOptions.defaults().withSurfacePoints(5_000)).run(dataset, "train", 2, Progress.NONE);
      System.out.println(report.toMarkdown());
      assertThat(report.mean().iou()).as(report.toMarkdown()).isGreaterThanOrEqualTo(0.8);
      report.categories().values().forEach(c -> assertThat(c.iou()).as(report.toMarkdown()).isGreaterThanOrEqualTo(0.7));
    }
  }

  @Test
  void trainingTwiceNStepsEqualsNStepsThenResumeAndNMore() {
    ModelConfig config = ModelConfig.tiny("rayonet");
    TrainOptions straight = TrainOptions.builder().setSteps(6).optBatch(2).optRays(256).optLr(1e-3).optCheckpointEvery(3).optSeed(7)
        .optValResolution(32).optCosine(true).build();
    Path split = ResumeCheck.assertResumesExactly(config, dataset, tmp, straight);
    try (TrainedModel ma = TrainedModel.load(tmp.resolve("straight")); TrainedModel mb = TrainedModel.load(split)) {
      List<Pair<String, Parameter>> pa = ma.network().getParameters().stream().toList();
      List<Pair<String, Parameter>> pb = mb.network().getParameters().stream().toList();
      for (int i = 0; i < pa.size(); i++) {
        NDArray x = pa.get(i).getValue().getArray(), y = pb.get(i).getValue().getArray();
        assertThat(x.sub(y).abs().max().getFloat()).as(pa.get(i).getKey()).isLessThan(1e-4f);
      }
    }
    assertThat(tmp.resolve("split/metrics.jsonl")).content().hasLineCount(6);

    // A warm start takes the trained weights (an almost zero learning rate keeps them through one step).
    TrainOptions still = TrainOptions.builder().setSteps(1).optBatch(2).optRays(256).optLr(1e-12).optCheckpointEvery(1).optSeed(9)
        .optValResolution(32).build();
    // The warm start's model.json names the data its weights saw before this run's, as if it had come from another pool first.
    ModelInfo parent = ModelInfo.read(tmp.resolve("straight"));
    String ownData = parent.dataset();
    new ModelInfo(parent.format(), parent.version(), parent.config(), parent.normalizedFocal(), parent.sMin(), parent.sMean(), parent.sMax(),
        "earlier+" + ownData, parent.step(), parent.wallSeconds(), parent.metrics(), parent.mirrorTrained()).write(tmp.resolve("straight"));
    new Trainer(config, dataset, tmp.resolve("warm"), still, Progress.NONE).from(tmp.resolve("straight")).run();
    assertThat(ModelInfo.read(tmp.resolve("warm")).dataset()).isEqualTo("earlier+" + ownData);
    try (TrainedModel ma = TrainedModel.load(tmp.resolve("straight")); TrainedModel mw = TrainedModel.load(tmp.resolve("warm"))) {
      List<Pair<String, Parameter>> pa = ma.network().getParameters().stream().toList();
      List<Pair<String, Parameter>> pw = mw.network().getParameters().stream().toList();
      for (int i = 0; i < pa.size(); i++) {
        if (pa.get(i).getValue().requiresGradient()) {
          NDArray x = pa.get(i).getValue().getArray(), y = pw.get(i).getValue().getArray();
          assertThat(x.sub(y).abs().max().getFloat()).as(pa.get(i).getKey()).isLessThan(1e-5f);
        }
      }
    }
    assertThatThrownBy(() -> new Trainer(config, dataset, split, straight, Progress.NONE).run())
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("model_exists"));
  }

  @Test
  void aRunAskedToStopSavesItsStepAndResumesAsIfNeverStopped() {
    ModelConfig config = ModelConfig.tiny("rayonet");
    TrainOptions options = TrainOptions.builder().setSteps(6).optBatch(2).optRays(256).optLr(1e-3).optCheckpointEvery(100).optSeed(11)
        .optValResolution(32).optCosine(true).build();
    Trainer.Summary straight = new Trainer(config, dataset, tmp.resolve("unstopped"), options, Progress.NONE).run();
    Path out = tmp.resolve("stopped");
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    Trainer.Summary stopped = new Trainer(config, dataset, out, options, Progress.NONE).stopWhen(() -> asked.incrementAndGet() >= 2).run();
    assertThat(stopped.step()).isEqualTo(2);
    assertThat(stopped.stopped()).isTrue();
    assertThat(stopped.losses()).hasSize(2);
    assertThat(Checkpoints.latest(out).getFileName()).hasToString("step-00000002");
    assertThat(out.resolve("metrics.jsonl")).content().hasLineCount(2);
    assertThat(ModelInfo.read(out).step()).isEqualTo(2);
    Trainer.Summary resumed = new Trainer(config, dataset, out, options.toBuilder().optResume(true).build(), Progress.NONE).run();
    assertThat(resumed.step()).isEqualTo(6);
    assertThat(resumed.stopped()).isFalse();
    assertThat(resumed.losses()).hasSize(4);
    for (int i = 0; i < 4; i++) {
      double expected = straight.losses().get(2 + i);
      assertThat(resumed.losses().get(i)).as("loss of step %d", 3 + i).isCloseTo(expected, within(1e-4 * Math.abs(expected) + 1e-6));
    }
  }

  @Test
  void parametersRoundTripBitExactlyAndInHalfPrecisionClosely() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("params"));
    try (TrainedModel a = TrainedModel.create(ModelInfo.untrained(ModelConfig.tiny("rayonet")), 5);
        TrainedModel b = TrainedModel.create(ModelInfo.untrained(ModelConfig.tiny("rayonet")), 6)) {
      ParameterFile.save(a.network(), dir.resolve("full.bin"), false);
      ParameterFile.save(a.network(), dir.resolve("half.bin"), true);
      ParameterFile.load(b.network(), dir.resolve("full.bin"));
      List<Pair<String, Parameter>> pa = a.network().getParameters().stream().toList();
      List<Pair<String, Parameter>> pb = b.network().getParameters().stream().toList();
      for (int i = 0; i < pa.size(); i++) {
        assertThat(pb.get(i).getValue().getArray().toFloatArray()).as(pa.get(i).getKey())
            .containsExactly(pa.get(i).getValue().getArray().toFloatArray());
      }
      ParameterFile.load(b.network(), dir.resolve("half.bin"));
      float[] w = pa.get(0).getValue().getArray().toFloatArray(), h = pb.get(0).getValue().getArray().toFloatArray();
      for (int i = 0; i < w.length; i++) {
        assertThat(h[i]).isCloseTo(w[i], within(Math.abs(w[i]) * 1e-3f + 1e-7f));
      }
      assertThat(Files.size(dir.resolve("half.bin"))).isLessThan(Files.size(dir.resolve("full.bin")) * 6 / 10);
    }
    try (TrainedModel other = TrainedModel.create(ModelInfo.untrained(ModelConfig.tiny("onet")), 1)) {
      assertThatThrownBy(() -> ParameterFile.load(other.network(), dir.resolve("full.bin")))
          .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("model_mismatch"));
    }
  }

  @Test
  void thinRayWeightsScaleEachRaysLossInTheStep() {
    ModelConfig config = ModelConfig.tiny("rayonet");
    TrainingData data = new TrainingData(dataset, config, "train");
    TrainingData.Batch batch = data.batch(1, 1, 2, 256);
    float[] weights = ThinRays.weights(batch.labels(), config.m(), 4);
    assertThat(weights).as("the batch has rays through thin parts").contains(4f);
    double plain, weighted;
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(config), 1)) {
      plain = Trainer.trainStep(model, new Adam(model.manager(), 1e-3), batch, 1, 1);
    }
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(config), 1)) {
      weighted = Trainer.trainStep(model, new Adam(model.manager(), 1e-3), batch, 1, 4);
    }
    // Same weights, same batch: every ray's loss is positive, so weights >= 1 with some at 4 raise the mean,
    // and by no more than the largest weight.
    assertThat(weighted).isGreaterThan(plain * 1.01).isLessThan(plain * 4);
  }

  @Test
  void positiveWeightsScaleTheLossOfOccupiedLabelsOnly() {
    ModelConfig config = ModelConfig.tiny("rayonet");
    TrainingData data = new TrainingData(dataset, config, "train");
    double[] loss = new double[4];
    for (int w = 1; w <= 3; w++) {
      TrainingData.Batch batch = data.batch(1, 1, 2, 256);
      java.util.Arrays.fill(batch.positiveWeights(), w);
      try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(config), 1)) {
        loss[w] = Trainer.trainStep(model, new Adam(model.manager(), 1e-3), batch, 1, 1);
      }
    }
    TrainingData.Batch unweighted = data.batch(1, 1, 2, 256);
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(config), 1)) {
      loss[0] = Trainer.trainStep(model, new Adam(model.manager(), 1e-3), unweighted, 1, 1);
    }
    assertThat(loss[1]).isEqualTo(loss[0]);
    // The loss is linear in w: 1 + (w - 1) y adds (w - 1) times the occupied labels' terms, which are positive.
    assertThat(loss[2]).isGreaterThan(loss[1] * 1.01);
    assertThat(loss[3] - loss[1]).isCloseTo(2 * (loss[2] - loss[1]), within(1e-4 * loss[3]));
  }

  @Test
  void trainingStepsLeaveNoNativeArraysBehind() {
    ModelConfig config = ModelConfig.tiny("rayonet");
    TrainingData data = new TrainingData(dataset, config, "train");
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(config), 1)) {
      Adam adam = new Adam(model.manager(), 1e-3);
      int after2 = 0;
      for (int step = 1; step <= 20; step++) {
        Trainer.trainStep(model, adam, data.batch(1, step, 2, 128), step);
        if (step == 2) {
          after2 = model.manager().getManagedArrays().size();
        }
      }
      // Weights, batch-norm statistics and Adam's moments; every step's activations, gradients
      // handles and temporaries went with its own manager.
      assertThat(model.manager().getManagedArrays()).hasSize(after2);
    }
  }

  @Test
  void trainingAndInferenceWorkOnAnyThread() throws Exception {
    // libtorch's autograd switch is per thread and on by default on a thread DJL has not seen.
    ModelConfig config = ModelConfig.tiny("rayonet");
    TrainingData data = new TrainingData(dataset, config, "train");
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(config), 1)) {
      Adam adam = new Adam(model.manager(), 1e-3);
      java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
      Thread worker = new Thread(() -> {
        try {
          ai.djl.pytorch.jni.JniUtils.setGradMode(true);
          Trainer.trainStep(model, adam, data.batch(1, 1, 2, 64), 1);
          new dev.rayform.recon.generation.Reconstructor(model, ReconstructOptions.DEFAULT.withResolution(32))
              .reconstruct(List.of(data.image(data.shapes().get(0), 0)), new double[] {1.0});
        } catch (Throwable t) {
          failure.set(t);
        }
      });
      worker.start();
      worker.join();
      assertThat(failure.get()).isNull();
    }
  }

  @Test
  void aDatasetWithOtherDepthsIsRefused() {
    assertThatThrownBy(() -> new TrainingData(dataset, ModelConfig.cpu("rayonet"), "train"))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("dataset_mismatch"));
  }

  @Test
  void onetTrainsAndReconstructsWithMise() {
    Path out = tmp.resolve("onet");
    TrainOptions options = TrainOptions.builder().setSteps(300).optBatch(4).optRays(1024).optLr(2e-3).optCheckpointEvery(300).optValResolution(32)
        .optCosine(true).build();
    Trainer.Summary s = new Trainer(ModelConfig.tiny("onet"), dataset, out, options, Progress.NONE).run();
    assertThat(s.losses().get(s.losses().size() - 1)).isLessThan(s.losses().get(0) / 3);
    try (TrainedModel model = TrainedModel.load(out)) {
      EvaluationReport report = new ModelEvaluation(model, ReconstructOptions.DEFAULT.withResolution(32),
          MetricsOptions.defaults().withSurfacePoints(2_000)).run(dataset, "train", 1, Progress.NONE);
      assertThat(report.mean().iou()).as(report.toMarkdown()).isGreaterThan(0.3);
    }
  }
}
