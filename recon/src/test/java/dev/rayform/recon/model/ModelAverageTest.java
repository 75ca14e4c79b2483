package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;
import dev.rayform.recon.ReconException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The average of models is the mean of every tensor, described in its model.json, and refuses models that do not fit together. */
class ModelAverageTest {
  @TempDir
  Path tmp;

  private static final ModelInfo TINY = ModelInfo.untrained(ModelConfig.tiny("rayonet"));

  private Path model(String name, ModelInfo info, Map<String, Pair<Shape, float[]>> tensors) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    ParameterFile.write(tensors, dir.resolve(ModelInfo.PARAMS), false);
    info.write(dir);
    return dir;
  }

  private static Map<String, Pair<Shape, float[]>> tensors(float[] w, float b) {
    Map<String, Pair<Shape, float[]>> t = new LinkedHashMap<>();
    t.put("layer/weight", new Pair<>(new Shape(2, 2), w));
    t.put("layer/bias", new Pair<>(new Shape(1), new float[] {b}));
    return t;
  }

  private static ModelInfo trained(String dataset, long steps, double seconds, double sMin, double sMax, boolean mirrored) {
    return TINY.withTraining(dataset, 1.45, new double[] {sMin, (sMin + sMax) / 2, sMax}, steps, seconds, Map.of("val_iou", 0.5), mirrored);
  }

  @Test
  void everyTensorIsTheMeanOfTheModelsTensors() throws Exception {
    Path a = model("a", trained("proc+sh3d", 2000, 100, 0.8, 1.0, true), tensors(new float[] {1, 2, 3, 4}, 5));
    Path b = model("b", trained("proc+sh3d", 3000, 200, 0.7, 0.9, true), tensors(new float[] {3, -2, 0.5f, 4}, 7));
    Path c = model("c", trained("other+proc+sh3d", 2000, 50, 0.85, 1.1, true), tensors(new float[] {2, 3, 1, -2}, 0));

    ModelInfo info = ModelAverage.average(List.of(a, b), tmp.resolve("ab"), false);
    Map<String, Pair<Shape, float[]>> ab = ParameterFile.read(tmp.resolve("ab").resolve(ModelInfo.PARAMS));
    assertThat(ab.keySet()).containsExactly("layer/weight", "layer/bias");
    assertThat(ab.get("layer/weight").getKey()).isEqualTo(new Shape(2, 2));
    assertThat(ab.get("layer/weight").getValue()).containsExactly(2, 0, 1.75f, 4);
    assertThat(ab.get("layer/bias").getValue()).containsExactly(6);
    assertThat(info).isEqualTo(ModelInfo.read(tmp.resolve("ab")));

    ModelAverage.average(List.of(a, b, c), tmp.resolve("abc"), false);
    Map<String, Pair<Shape, float[]>> abc = ParameterFile.read(tmp.resolve("abc").resolve(ModelInfo.PARAMS));
    assertThat(abc.get("layer/weight").getValue()).containsExactly(2, 1, 1.5f, 2);
    assertThat(abc.get("layer/bias").getValue()).containsExactly(4);
    ModelInfo three = ModelInfo.read(tmp.resolve("abc"));
    assertThat(three.config()).isEqualTo(TINY.config());
    assertThat(three.metrics()).containsEntry("averaged_from", List.of("a", "b", "c"));
    assertThat(three.dataset()).isEqualTo("proc+sh3d+other");
    assertThat(three.step()).isEqualTo(3000);
    assertThat(three.wallSeconds()).isEqualTo(350);
    assertThat(three.sMin()).isEqualTo(0.7);
    assertThat(three.sMax()).isEqualTo(1.1);
    assertThat(three.sawMirroredImages()).isTrue();
  }

  @Test
  void weightsMakeAWeightedMeanAndAreRecorded() throws Exception {
    Path a = model("a", trained("proc", 2000, 100, 0.8, 1.0, true), tensors(new float[] {1, 2, 3, 4}, 5));
    Path b = model("b", trained("proc", 2000, 100, 0.7, 0.9, true), tensors(new float[] {3, -2, 0.5f, 4}, 7));

    ModelInfo info = ModelAverage.average(List.of(a, b), List.of(3.0, 1.0), tmp.resolve("ab"), false);
    Map<String, Pair<Shape, float[]>> ab = ParameterFile.read(tmp.resolve("ab").resolve(ModelInfo.PARAMS));
    assertThat(ab.get("layer/weight").getValue()).containsExactly(1.5f, 1, 2.375f, 4);
    assertThat(ab.get("layer/bias").getValue()).containsExactly(5.5f);
    assertThat(info.metrics()).containsEntry("average_weights", List.of(3.0, 1.0));
    assertThat(info.sMean()).isCloseTo(0.875, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(ModelAverage.average(List.of(a, b), List.of(2.0, 2.0), tmp.resolve("even"), false).metrics())
        .doesNotContainKey("average_weights");

    for (List<Double> bad : List.of(List.of(1.0, 0.0), List.of(1.0, -1.0), List.of(1.0, Double.NaN), List.of(1.0),
        List.of(1.0, Double.POSITIVE_INFINITY))) {
      assertThatThrownBy(() -> ModelAverage.average(List.of(a, b), bad, tmp.resolve("bad"), false))
          .as(bad.toString()).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(tmp.resolve("bad")).doesNotExist();
  }

  @Test
  void aModelWithoutTheElevationAveragesAsReadingItThroughZeroWeights() throws Exception {
    ModelConfig plain = ModelConfig.tiny("rayonet");
    ModelConfig reading = plain.withElevation(true);
    Path p = saved("plain", plain, 1);
    Path e = saved("reading", reading, 2);
    Map<String, Pair<Shape, float[]>> pt = ParameterFile.read(p.resolve(ModelInfo.PARAMS));
    Map<String, Pair<Shape, float[]>> et = ParameterFile.read(e.resolve(ModelInfo.PARAMS));

    ModelInfo info = ModelAverage.average(List.of(p, e), List.of(1.0, 3.0), tmp.resolve("wise"), false);
    assertThat(info.config()).isEqualTo(reading);
    Map<String, Pair<Shape, float[]>> avg = ParameterFile.read(tmp.resolve("wise").resolve(ModelInfo.PARAMS));
    Map<String, Pair<Shape, float[]>> opened = Widening.openElevationColumns(plain, pt);
    assertThat(avg.keySet()).containsExactlyElementsOf(et.keySet());
    for (String name : et.keySet()) {
      float[] x = opened.get(name).getValue(), y = et.get(name).getValue(), mean = avg.get(name).getValue();
      assertThat(avg.get(name).getKey()).as(name).isEqualTo(et.get(name).getKey());
      for (int j = 0; j < y.length; j++) {
        assertThat(mean[j]).as(name + "[" + j + "]").isEqualTo((float) ((1.0 * x[j] + 3.0 * y[j]) / 4.0));
      }
    }
    // The elevation's columns are a quarter-weight short of the reading model's: the plain model reads them as zeros.
    String gamma = et.keySet().stream().filter(k -> k.endsWith("decoder_01block0_01bn0_02gamma_weight")).findFirst().orElseThrow();
    int cond = reading.conditionDim(), elevation = cond - 1;
    assertThat(avg.get(gamma).getValue()[elevation]).isEqualTo((float) (3.0 * et.get(gamma).getValue()[elevation] / 4.0));
    try (TrainedModel soup = TrainedModel.load(tmp.resolve("wise"))) {
      assertThat(soup.info().config().useElevation()).isTrue();
    }
    // Two plain models stay plain; any other difference of configuration is refused.
    assertThat(ModelAverage.average(List.of(p, p), tmp.resolve("plain2"), false).config()).isEqualTo(plain);
    Path noZ = saved("noz", plain.withAblation(true, false, true), 3);
    assertThatThrownBy(() -> ModelAverage.average(List.of(noZ, e), tmp.resolve("noz-e"), false))
        .isInstanceOfSatisfying(ReconException.class, x -> assertThat(x.code()).isEqualTo("model_mismatch"));
  }

  /** A tiny network of {@code config} whose every parameter is random (no zero left by an initialiser), saved as a model. */
  private Path saved(String name, ModelConfig config, long seed) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    ModelInfo info = ModelInfo.untrained(config);
    try (TrainedModel model = TrainedModel.create(info, seed)) {
      ParameterFile.save(model.network(), dir.resolve(ModelInfo.PARAMS), false);
    }
    Map<String, Pair<Shape, float[]>> t = ParameterFile.read(dir.resolve(ModelInfo.PARAMS));
    Random random = new Random(seed);
    Map<String, Pair<Shape, float[]>> noisy = new LinkedHashMap<>();
    t.forEach((k, v) -> {
      float[] values = v.getValue().clone();
      for (int i = 0; i < values.length; i++) {
        values[i] += (float) (0.1 * random.nextGaussian());
      }
      noisy.put(k, new Pair<>(v.getKey(), values));
    });
    ParameterFile.write(noisy, dir.resolve(ModelInfo.PARAMS), false);
    info.write(dir);
    return dir;
  }

  @Test
  void aModelAveragedWithItselfIsUnchangedBitForBit() throws Exception {
    Random random = new Random(3);
    float[] w = new float[4];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian() * 1e-3f;
    }
    Path a = model("a", trained("proc", 10, 1, 0.8, 1, false), tensors(w, -0.1f));
    ModelInfo info = ModelAverage.average(List.of(a, a, a), tmp.resolve("aaa"), false);
    assertThat(ParameterFile.read(tmp.resolve("aaa").resolve(ModelInfo.PARAMS)).get("layer/weight").getValue()).containsExactly(w);
    assertThat(info.sawMirroredImages()).isFalse();

    ModelAverage.average(List.of(a, a), tmp.resolve("half"), true);
    assertThat(Files.size(tmp.resolve("half").resolve(ModelInfo.PARAMS))).isLessThan(Files.size(a.resolve(ModelInfo.PARAMS)));
    float[] h = ParameterFile.read(tmp.resolve("half").resolve(ModelInfo.PARAMS)).get("layer/weight").getValue();
    for (int i = 0; i < w.length; i++) {
      assertThat(Math.abs(h[i] - w[i])).isLessThanOrEqualTo(Math.abs(w[i]) * 4.9e-4f + 6.2e-8f);
    }
  }

  @Test
  void modelsThatDoNotFitTogetherAreRefused() throws Exception {
    Path a = model("a", trained("proc", 10, 1, 0.8, 1, true), tensors(new float[] {1, 2, 3, 4}, 5));
    Path wider = model("wider", ModelInfo.untrained(ModelConfig.tiny("onet")), tensors(new float[] {1, 2, 3, 4}, 5));
    Map<String, Pair<Shape, float[]>> renamed = new LinkedHashMap<>();
    renamed.put("layer/weight", new Pair<>(new Shape(2, 2), new float[4]));
    renamed.put("layer/gamma", new Pair<>(new Shape(1), new float[1]));
    Path otherNames = model("names", trained("proc", 10, 1, 0.8, 1, true), renamed);
    Map<String, Pair<Shape, float[]>> reshaped = tensors(new float[4], 0);
    reshaped.put("layer/weight", new Pair<>(new Shape(4, 1), new float[4]));
    Path otherShape = model("shape", trained("proc", 10, 1, 0.8, 1, true), reshaped);
    Path otherFocal = model("focal", TINY.withTraining("proc", 2.0, new double[] {0.8, 0.9, 1}, 10, 1, Map.of(), true),
        tensors(new float[4], 0));

    for (Path other : List.of(wider, otherNames, otherShape, otherFocal)) {
      assertThatThrownBy(() -> ModelAverage.average(List.of(a, other), tmp.resolve("out-" + other.getFileName()), false))
          .as(other.getFileName().toString())
          .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("model_mismatch"));
      assertThat(tmp.resolve("out-" + other.getFileName()).resolve(ModelInfo.PARAMS)).doesNotExist();
    }
    assertThatThrownBy(() -> ModelAverage.average(List.of(a), tmp.resolve("one"), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two models or more");
    assertThatThrownBy(() -> ModelAverage.average(List.of(a, tmp.resolve("missing")), tmp.resolve("missing-out"), false))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("model_not_found"));
  }

  @Test
  void theAverageOfANetworkWithItselfLoadsAndHoldsItsWeights() throws Exception {
    Path trained = tmp.resolve("net");
    Files.createDirectories(trained);
    try (TrainedModel model = TrainedModel.create(TINY, 7)) {
      ParameterFile.save(model.network(), trained.resolve(ModelInfo.PARAMS), false);
      TINY.write(trained);
    }
    ModelAverage.average(List.of(trained, trained), tmp.resolve("soup"), false);
    try (TrainedModel soup = TrainedModel.load(tmp.resolve("soup"))) {
      Path again = tmp.resolve("again.bin");
      ParameterFile.save(soup.network(), again, false);
      assertThat(Files.mismatch(again, trained.resolve(ModelInfo.PARAMS))).isEqualTo(-1);
    }
  }
}
