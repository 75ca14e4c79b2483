package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.rayform.recon.ReconException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WideningTest {
  private NDManager manager;
  private ParameterStore ps;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    ps = new ParameterStore(manager, false);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  /** The tiny preset with every width doubled (the step from cpu to cpu-wide, in small). */
  private static ModelConfig doubled(ModelConfig c) {
    return c.withWidths(2 * c.baseWidth(), 2 * c.latentDim(), 2 * c.localDim(), 2 * c.hidden());
  }

  /**
   * A network whose every value is random, batch-norm statistics included, so no weight is zero by
   * its initialiser (residual blocks and CBN start as identities, which would hide a wrong copy).
   */
  private ReconstructionNetwork trained(ModelConfig c, long seed) {
    ReconstructionNetwork net = ReconstructionNetwork.create(c);
    net.initializeParameters(manager);
    Random random = new Random(seed);
    for (Pair<String, Parameter> p : net.getParameters()) {
      float[] v = p.getValue().getArray().toFloatArray();
      boolean variance = p.getKey().toLowerCase().contains("var");
      for (int i = 0; i < v.length; i++) {
        double g = 0.2 * random.nextGaussian();
        v[i] = (float) (variance ? 0.5 + Math.abs(g) : v[i] + g);
      }
      p.getValue().getArray().set(v);
    }
    return net;
  }

  private static Map<String, Pair<Shape, float[]>> tensors(ReconstructionNetwork net) {
    Map<String, Pair<Shape, float[]>> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : net.getParameters()) {
      NDArray a = p.getValue().getArray();
      out.put(p.getKey(), new Pair<>(a.getShape(), a.toFloatArray()));
    }
    return out;
  }

  private float[] predict(ReconstructionNetwork net, long seed) {
    return predict(net, seed, new float[] {25, 55});
  }

  /** Logits of two random images; {@code elevations} reach a network that reads them. */
  private float[] predict(ReconstructionNetwork net, long seed, float[] elevations) {
    ModelConfig c = net.config();
    Random random = new Random(seed);
    int b = 2, k = 40;
    float[] image = new float[b * 3 * c.imageSize() * c.imageSize()];
    for (int i = 0; i < image.length; i++) {
      image[i] = (float) random.nextGaussian();
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray images = m.create(image, new Shape(b, 3, c.imageSize(), c.imageSize()));
      NDList inputs;
      if (c.isRayOnet()) {
        float[] p = new float[b * k * 2];
        for (int i = 0; i < p.length; i++) {
          p[i] = random.nextFloat();
        }
        inputs = new NDList(images, m.create(p, new Shape(b, k, 2)), CameraCondition.of(m, c, new float[] {1.1f, 1.6f}, elevations));
      } else {
        float[] p = new float[b * k * 3];
        for (int i = 0; i < p.length; i++) {
          p[i] = random.nextFloat() - 0.5f;
        }
        inputs = new NDList(images, m.create(p, new Shape(b, k, 3)));
      }
      // Training mode: batch norm normalises with the batch's own statistics (per channel, so the
      // widening is exact there too), which keeps the random network's activations in range.
      return net.forward(ps, inputs, true).singletonOrThrow().toFloatArray();
    }
  }

  private void assertWideningKeepsPredictions(ModelConfig narrow) {
    assertWideningKeepsPredictions(narrow, doubled(narrow));
  }

  private void assertWideningKeepsPredictions(ModelConfig narrow, ModelConfig target) {
    ReconstructionNetwork small = trained(narrow, 7);
    float[] before = predict(small, 11);
    ReconstructionNetwork wide = ReconstructionNetwork.create(target);
    wide.initializeParameters(manager);
    Widening.widen(narrow, tensors(small), wide);
    assertClose(predict(wide, 11), before);
  }

  /** Equal up to float32 rounding, which differs with the wider layers' summation order. */
  private static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    double worst = 0, scale = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    assertThat(scale).as("the logits are not trivially zero").isGreaterThan(0.1);
    assertThat(worst).as("largest logit difference, of logits up to " + scale).isLessThan(1e-3 * Math.max(1, scale));
  }

  /**
   * A warm start at another input size (`train --image-size`): every tensor loads as it is, nothing
   * widened, and the network reads the larger image (the global code pools whatever map it gets).
   */
  @Test
  void aModelLoadsAsItIsIntoALargerInput(@TempDir Path dir) {
    ModelConfig small = ModelConfig.tiny("rayonet");
    ReconstructionNetwork trained = trained(small, 5);
    ParameterFile.save(trained, dir.resolve(ModelInfo.PARAMS), false);
    ModelInfo.untrained(small).write(dir);
    ModelConfig larger = small.withImageSize(2 * small.imageSize());
    ReconstructionNetwork loaded = ReconstructionNetwork.create(larger);
    loaded.initializeParameters(manager);
    assertThat(Widening.loadInto(loaded, dir)).as("widened").isFalse();
    Map<String, Pair<Shape, float[]>> expected = tensors(trained);
    tensors(loaded).forEach((name, t) -> assertThat(t.getValue()).as(name).containsExactly(expected.get(name).getValue()));
    float[] logits = predict(loaded, 3);
    assertThat(logits).hasSize(2 * 40 * larger.m());
    for (float v : logits) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    assertThatThrownBy(() -> small.withImageSize(100)).isInstanceOf(ReconException.class).hasMessageContaining("multiple of 32");
  }

  @Test
  void theShippedDesignWidenedPredictsWhatItDid() {
    // Ray-ONet without z, the design of every default model since December 2026.
    assertWideningKeepsPredictions(ModelConfig.tiny("rayonet").withAblation(true, false, true));
  }

  @Test
  void fullRayOnetWidenedPredictsWhatItDid() {
    // z and s both condition D: the CBN layers read [z, s], whose two parts move apart when z widens.
    assertWideningKeepsPredictions(ModelConfig.tiny("rayonet"));
  }

  @Test
  void firstModelsFeatureLayoutWidenedPredictsWhatItDid() {
    assertWideningKeepsPredictions(ModelConfig.tiny("rayonet").withAblation(true, false, true).withAlignedFeatures(false));
  }

  @Test
  void zTurnedOnIsReadThroughZeroWeightsSoTheNetworkPredictsWhatItDid() {
    // The shipped design (no z) into full Ray-ONet, at the same widths and widened: D's CBN layers
    // go from reading [s] to [z, s], the new z columns at zero.
    ModelConfig noZ = ModelConfig.tiny("rayonet").withAblation(true, false, true);
    ModelConfig withZ = ModelConfig.tiny("rayonet");
    assertWideningKeepsPredictions(noZ, withZ);
    assertWideningKeepsPredictions(noZ, doubled(withZ));
    ReconstructionNetwork full = ReconstructionNetwork.create(withZ);
    full.initializeParameters(manager);
    Widening.widen(noZ, tensors(trained(noZ, 4)), full);
    float[] gamma = weight(full, "decoder_01block0_01bn0_02gamma_weight");
    int cond = withZ.conditionDim();
    double readsZ = 0, readsS = 0;
    for (int o = 0; o < withZ.hidden(); o++) {
      for (int i = 0; i < cond - 1; i++) {
        readsZ += Math.abs(gamma[o * cond + i]);
      }
      readsS += Math.abs(gamma[o * cond + cond - 1]);
    }
    assertThat(readsZ).isZero();
    assertThat(readsS).as("the trained s column kept, last as in [z, s]").isGreaterThan(0.5);
  }

  @Test
  void theCameraElevationTurnedOnIsReadThroughZeroWeightsSoTheNetworkPredictsWhatItDid() {
    // The shipped design (z and s) given the elevation: D's CBN layers go from [z, s] to [z, s, known, e].
    ModelConfig plain = ModelConfig.tiny("rayonet");
    ModelConfig withElevation = plain.withElevation(true);
    assertWideningKeepsPredictions(plain, withElevation);
    assertWideningKeepsPredictions(plain.withAblation(true, false, true), doubled(withElevation));
    ReconstructionNetwork net = ReconstructionNetwork.create(withElevation);
    net.initializeParameters(manager);
    Widening.widen(plain, tensors(trained(plain, 4)), net);
    int cond = withElevation.conditionDim(), latent = withElevation.latentDim();
    for (String name : new String[] {"decoder_01block0_01bn0_02gamma_weight", "decoder_01block0_01bn0_03beta_weight"}) {
      float[] w = weight(net, name);
      double readsZ = 0, readsS = 0, readsElevation = 0;
      for (int o = 0; o < withElevation.hidden(); o++) {
        for (int i = 0; i < latent; i++) {
          readsZ += Math.abs(w[o * cond + i]);
        }
        readsS += Math.abs(w[o * cond + latent]);
        readsElevation += Math.abs(w[o * cond + latent + 1]) + Math.abs(w[o * cond + latent + 2]);
      }
      assertThat(readsZ).as(name + ": z's trained columns kept").isGreaterThan(0.5);
      assertThat(readsS).as(name + ": s's trained column kept, after z").isGreaterThan(0.1);
      assertThat(readsElevation).as(name).isZero();
    }
    // Once its columns are not zero (a trained network), the elevation changes the prediction, and an
    // unknown one reads as the two zeros.
    ReconstructionNetwork reading = trained(withElevation, 5);
    float[] low = predict(reading, 11, new float[] {20, 20}), high = predict(reading, 11, new float[] {45, 45});
    double differs = 0;
    for (int i = 0; i < low.length; i++) {
      differs = Math.max(differs, Math.abs(low[i] - high[i]));
    }
    assertThat(differs).isGreaterThan(1e-2);
  }

  @Test
  void theElevationColumnsOpenInParameterFilesExactlyAsInANetwork() {
    // What a weight average does without building networks must be the class's rule, bit for bit.
    for (ModelConfig plain : new ModelConfig[] {ModelConfig.tiny("rayonet"), ModelConfig.tiny("rayonet").withAblation(true, false, true)}) {
      Map<String, Pair<Shape, float[]>> trained = tensors(trained(plain, 6));
      ReconstructionNetwork wide = ReconstructionNetwork.create(plain.withElevation(true));
      wide.initializeParameters(manager);
      Widening.widen(plain, trained, wide);
      Map<String, Pair<Shape, float[]>> expected = tensors(wide);
      Map<String, Pair<Shape, float[]>> opened = Widening.openElevationColumns(plain, trained);
      assertThat(opened.keySet()).containsExactlyElementsOf(expected.keySet());
      int changed = 0;
      for (String name : expected.keySet()) {
        assertThat(opened.get(name).getKey()).as(name).isEqualTo(expected.get(name).getKey());
        assertThat(opened.get(name).getValue()).as(name).containsExactly(expected.get(name).getValue());
        changed += opened.get(name).getKey().equals(trained.get(name).getKey()) ? 0 : 1;
      }
      assertThat(changed).as("D's CBN gamma and beta weights").isEqualTo(2 * (2 * plain.decoderBlocks() + 1));
    }
    ModelConfig reading = ModelConfig.tiny("rayonet").withElevation(true);
    for (ModelConfig cannot : new ModelConfig[] {reading, ModelConfig.tiny("onet")}) {
      assertThatThrownBy(() -> Widening.openElevationColumns(cannot, Map.of()))
          .as(cannot.toString())
          .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("model_mismatch"));
    }
  }

  @Test
  void zCannotBeTurnedOff() {
    assertThatThrownBy(() -> Widening.requireWidenable(ModelConfig.tiny("rayonet"), ModelConfig.tiny("rayonet").withAblation(true, false, true)))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("model_mismatch"));
  }

  @Test
  void onetWidenedPredictsWhatItDid() {
    assertWideningKeepsPredictions(ModelConfig.tiny("onet"));
  }

  @Test
  void newUnitsStartRandomAndAreReadThroughZeroWeights() {
    ModelConfig narrow = ModelConfig.tiny("rayonet").withAblation(true, false, true);
    ReconstructionNetwork wide = ReconstructionNetwork.create(doubled(narrow));
    wide.initializeParameters(manager);
    Widening.widen(narrow, tensors(trained(narrow, 3)), wide);
    float[] fc0 = weight(wide, "mixer_02block0_01fc0_weight");
    int oldH = narrow.hidden(), newH = 2 * oldH;
    double oldReadsNew = 0, newReadsOld = 0;
    for (int o = 0; o < newH; o++) {
      for (int i = 0; i < newH; i++) {
        double v = Math.abs(fc0[o * newH + i]);
        if (o < oldH && i >= oldH) {
          oldReadsNew += v;
        } else if (o >= oldH && i < oldH) {
          newReadsOld += v;
        }
      }
    }
    assertThat(oldReadsNew).isZero();
    assertThat(newReadsOld).as("new units keep their random weights, so they learn").isGreaterThan(1);
  }

  @Test
  void onlyWidthsMayChange() {
    ModelConfig narrow = ModelConfig.tiny("rayonet").withAblation(true, false, true);
    Map<String, Pair<Shape, float[]>> tensors = tensors(trained(narrow, 5));
    ModelConfig deeper = new ModelConfig("rayonet", 64, 32, 64, 64, 128, 3, 3, 32, 0.63, 2.16, true, false, true, true, false);
    ReconstructionNetwork other = ReconstructionNetwork.create(deeper);
    other.initializeParameters(manager);
    assertThatThrownBy(() -> Widening.widen(narrow, tensors, other))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("model_mismatch"));
    assertThatThrownBy(() -> Widening.requireWidenable(doubled(narrow), narrow))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("model_mismatch"));
  }

  @Test
  void aWarmStartLoadsTheSameNetworkAsItIsAndANarrowerOneWidened(@TempDir Path dir) {
    ModelConfig narrow = ModelConfig.tiny("rayonet").withAblation(true, false, true);
    ReconstructionNetwork small = trained(narrow, 9);
    ModelInfo.untrained(narrow).write(dir);
    ParameterFile.save(small, dir.resolve(ModelInfo.PARAMS), false);
    float[] expected = predict(small, 13);

    ReconstructionNetwork same = ReconstructionNetwork.create(narrow);
    same.initializeParameters(manager);
    assertThat(Widening.loadInto(same, dir)).isFalse();
    assertThat(predict(same, 13)).containsExactly(expected);

    ReconstructionNetwork wide = ReconstructionNetwork.create(doubled(narrow));
    wide.initializeParameters(manager);
    assertThat(Widening.loadInto(wide, dir)).isTrue();
    assertClose(predict(wide, 13), expected);
  }

  private static float[] weight(ReconstructionNetwork net, String suffix) {
    for (Pair<String, Parameter> p : net.getParameters()) {
      if (p.getKey().endsWith(suffix)) {
        return p.getValue().getArray().toFloatArray();
      }
    }
    throw new AssertionError("no parameter " + suffix);
  }
}
