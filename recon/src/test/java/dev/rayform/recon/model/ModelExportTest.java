package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exported model is the trained one at half the size, loadable, with nothing of training left in it. */
class ModelExportTest {
  @TempDir
  Path tmp;

  @Test
  void exportWritesHalfPrecisionParametersThatLoadBackClose() throws Exception {
    Path trained = tmp.resolve("trained");
    Files.createDirectories(trained.resolve("checkpoints/step-00000001"));
    Files.writeString(trained.resolve("metrics.jsonl"), "{\"step\":1}\n");
    ModelInfo info = ModelInfo.untrained(ModelConfig.tiny("rayonet"));
    try (TrainedModel model = TrainedModel.create(info, 5)) {
      ParameterFile.save(model.network(), trained.resolve(ModelInfo.PARAMS), false);
      info.write(trained);
    }
    Path shipped = tmp.resolve("shipped");
    long bytes = ModelExport.export(trained, shipped, true);

    long full = Files.size(trained.resolve(ModelInfo.PARAMS));
    assertThat((double) bytes / full).isBetween(0.49, 0.52);
    try (var files = Files.list(shipped)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(ModelInfo.FILE, ModelInfo.PARAMS);
    }
    Map<String, Pair<Shape, float[]>> a = ParameterFile.read(trained.resolve(ModelInfo.PARAMS));
    Map<String, Pair<Shape, float[]>> b = ParameterFile.read(shipped.resolve(ModelInfo.PARAMS));
    assertThat(b.keySet()).isEqualTo(a.keySet());
    for (String name : a.keySet()) {
      float[] x = a.get(name).getValue(), y = b.get(name).getValue();
      assertThat(b.get(name).getKey()).isEqualTo(a.get(name).getKey());
      for (int i = 0; i < x.length; i++) {
        // float16 keeps 11 significant bits: relative error at most 2^-11 in its normal range.
        assertThat(Math.abs(y[i] - x[i])).as(name).isLessThanOrEqualTo(Math.abs(x[i]) * 4.9e-4f + 6.2e-5f);
      }
    }
    try (TrainedModel loaded = TrainedModel.load(shipped)) {
      assertThat(loaded.config()).isEqualTo(info.config());
    }
  }
}
