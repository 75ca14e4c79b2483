package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.ParameterFile;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.testing.TinyDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch-norm statistics estimated again: a trained network whose running statistics were spoilt gets
 * back statistics close to those training left (the same weights, the same data), every other
 * tensor stays bit for bit, every batch-norm layer (encoder and decoder) is renewed, and the same
 * seed gives the same bytes.
 */
class BatchNormRecalibrationTest {
  @TempDir
  static Path tmp;
  static Path dataset;
  static Path trained;
  static TrainOptions options;

  @BeforeAll
  static void train() {
    dataset = TinyDatasets.procedural(tmp.resolve("ds"), List.of("sofa", "cabinet"), 3);
    trained = tmp.resolve("trained");
    // A low final rate, so the statistics training left belong to (nearly) the final weights; recalibration draws its batches the same way.
    options = TrainOptions.builder().setSteps(60).optBatch(4).optRays(256).optLr(2e-3).optCheckpointEvery(60)
        .optSeed(5).optCosine(true).build();
    new Trainer(ModelConfig.tiny("rayonet"), dataset, trained, options, Progress.NONE).run();
  }

  private static boolean running(String name) {
    return name.endsWith("runningMean") || name.endsWith("runningVar");
  }

  @Test
  void spoiltStatisticsComeBackAndNothingElseMoves() throws Exception {
    Map<String, Pair<Shape, float[]>> good = ParameterFile.read(trained.resolve(ModelInfo.PARAMS));
    Map<String, Pair<Shape, float[]>> spoilt = new LinkedHashMap<>();
    good.forEach((name, t) -> {
      float[] v = t.getValue().clone();
      if (running(name)) {
        for (int i = 0; i < v.length; i++) {
          v[i] = name.endsWith("runningVar") ? v[i] * 50 + 3 : v[i] + 4;
        }
      }
      spoilt.put(name, new Pair<>(t.getKey(), v));
    });
    Path bad = tmp.resolve("spoilt");
    Files.createDirectories(bad);
    ParameterFile.write(spoilt, bad.resolve(ModelInfo.PARAMS), false);
    ModelInfo.read(trained).write(bad);

    Path fixed = tmp.resolve("fixed"), again = tmp.resolve("again");
    ModelInfo info = BatchNormRecalibration.recalibrate(bad, List.of(dataset), List.of(1.0), options, 90, 3, fixed, false, Progress.NONE);
    BatchNormRecalibration.recalibrate(bad, List.of(dataset), List.of(1.0), options, 90, 3, again, false, Progress.NONE);
    assertThat(info.metrics()).containsEntry("batch_norm_batches", 90);
    assertThat(ModelInfo.read(fixed).step()).isEqualTo(ModelInfo.read(trained).step());

    Map<String, Pair<Shape, float[]>> out = ParameterFile.read(fixed.resolve(ModelInfo.PARAMS));
    assertThat(out.keySet()).isEqualTo(good.keySet());
    assertThat(Files.readAllBytes(again.resolve(ModelInfo.PARAMS))).isEqualTo(Files.readAllBytes(fixed.resolve(ModelInfo.PARAMS)));
    int layers = 0;
    boolean decoder = false;
    for (String name : good.keySet()) {
      float[] g = good.get(name).getValue(), s = spoilt.get(name).getValue(), o = out.get(name).getValue();
      if (!running(name)) {
        assertThat(o).as(name).isEqualTo(s);
        continue;
      }
      layers++;
      decoder |= name.contains("decoder");
      // Both are running averages over a few small batches, so they agree only up to the batches' noise.
      double before = 0, after = 0;
      for (int i = 0; i < g.length; i++) {
        before += Math.abs(s[i] - g[i]) / (1 + Math.abs(g[i])) / g.length;
        after += Math.abs(o[i] - g[i]) / (1 + Math.abs(g[i])) / g.length;
      }
      assertThat(after).as("%s: mean relative error %.4f, spoilt %.4f", name, after, before).isLessThan(0.1 * before);
    }
    assertThat(layers).isGreaterThanOrEqualTo(4);
    assertThat(decoder).as("the decoder's conditional batch norms are renewed too").isTrue();
  }

  @Test
  void noBatchesIsRefused() {
    assertThatThrownBy(() -> BatchNormRecalibration.recalibrate(trained, List.of(dataset), List.of(1.0), options, 0, 3, tmp.resolve("none"), false,
        Progress.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one batch");
    assertThat(tmp.resolve("none")).doesNotExist();
  }
}
