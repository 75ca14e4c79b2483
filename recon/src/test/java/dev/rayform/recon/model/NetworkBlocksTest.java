package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.rayform.recon.model.decoder.ConditionalBatchNorm;
import dev.rayform.recon.model.encoder.ImageEncoder;
import dev.rayform.recon.model.encoder.Interpolation;
import dev.rayform.recon.model.encoder.ResNet18;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkBlocksTest {
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

  @Test
  void paperNetworksHaveThePapersParameterCounts() {
    try (NDManager m = manager.newSubManager()) {
      RayOnet rayOnet = new RayOnet(ModelConfig.paper("rayonet"));
      rayOnet.initializeParameters(m);
      // Paper: 14.2M; the reference code measures 14.11M.
      assertThat(rayOnet.trainableParameterCount()).isBetween(14_000_000L, 14_250_000L);
      // cpu-wide is the paper's network at 128 px input: the same parameters.
      RayOnet wide = new RayOnet(ModelConfig.preset("cpu-wide", "rayonet"));
      wide.initializeParameters(m);
      assertThat(wide.trainableParameterCount()).isEqualTo(rayOnet.trainableParameterCount());
      Onet onet = new Onet(ModelConfig.paper("onet"));
      onet.initializeParameters(m);
      // Paper: 13.4M.
      assertThat(onet.trainableParameterCount()).isBetween(13_300_000L, 13_550_000L);
      ResNet18 resnet = new ResNet18(64);
      resnet.initialize(m, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      long n = resnet.getParameters().values().stream().filter(p -> p.requiresGradient()).mapToLong(p -> p.getArray().size()).sum();
      // torchvision's resnet18 without its classifier: 11,176,512.
      assertThat(n).isEqualTo(11_176_512L);
    }
  }

  @Test
  void everyBlockHasTheDocumentedOutputShapes() {
    ModelConfig c = ModelConfig.tiny("rayonet");
    RayOnet net = new RayOnet(c);
    net.initializeParameters(manager);
    NDArray images = manager.randomNormal(new Shape(2, 3, 64, 64));
    NDList maps = new ResNet18Probe(c.baseWidth()).run(manager, images);
    assertThat(maps.get(0).getShape()).isEqualTo(new Shape(2, 16, 32, 32));
    assertThat(maps.get(1).getShape()).isEqualTo(new Shape(2, 16, 16, 16));
    assertThat(maps.get(2).getShape()).isEqualTo(new Shape(2, 32, 8, 8));
    assertThat(maps.get(3).getShape()).isEqualTo(new Shape(2, 64, 4, 4));
    assertThat(maps.get(4).getShape()).isEqualTo(new Shape(2, 128, 2, 2));
    NDList encoded = net.encode(ps, images, false);
    assertThat(encoded.get(0).getShape()).isEqualTo(new Shape(2, c.latentDim()));
    // The four local levels, channels last.
    assertThat(encoded).hasSize(5);
    assertThat(encoded.get(1).getShape()).isEqualTo(new Shape(2, 32 * 32, 16));
    assertThat(encoded.get(4).getShape()).isEqualTo(new Shape(2, 4 * 4, 64));
    // The first models' layout: one map at the stem's resolution.
    Shape[] legacy = new RayOnet(c.withAlignedFeatures(false)).encoder().getOutputShapes(new Shape[] {images.getShape()});
    assertThat(legacy).containsExactly(new Shape(2, c.latentDim()), new Shape(2, c.localDim(), 32, 32));
    float[] p = new float[2 * 2 * 5];
    NDArray s = manager.ones(new Shape(2, 1));
    assertThat(net.decodeRays(ps, encoded, p, 5, s, false).getShape()).isEqualTo(new Shape(2, 5, c.m()));
    NDArray logits = net.forward(ps, new NDList(images, manager.create(p, new Shape(2, 5, 2)), s), false).singletonOrThrow();
    assertThat(logits.getShape()).isEqualTo(new Shape(2, 5, c.m()));

    Onet onet = new Onet(ModelConfig.tiny("onet"));
    onet.initializeParameters(manager);
    NDArray points = manager.randomUniform(-0.5f, 0.5f, new Shape(2, 7, 3));
    assertThat(onet.forward(ps, new NDList(images, points), false).singletonOrThrow().getShape()).isEqualTo(new Shape(2, 7));
    ImageEncoder globalOnly = new ImageEncoder(ModelConfig.tiny("onet"));
    globalOnly.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 64, 64));
    assertThat(globalOnly.forward(ps, new NDList(images), false)).hasSize(1);
  }

  @Test
  void conditionalBatchNormAtInitialisationEqualsPlainBatchNorm() {
    ConditionalBatchNorm cbn = new ConditionalBatchNorm(6);
    cbn.initialize(manager, DataType.FLOAT32, new Shape(3, 4, 6), new Shape(3, 5));
    NDArray x = manager.randomNormal(2f, 3f, new Shape(3, 4, 6), DataType.FLOAT32);
    NDArray c = manager.randomNormal(new Shape(3, 5));
    NDArray out = cbn.forward(ps, new NDList(x, c), true).singletonOrThrow();
    NDArray flat = x.reshape(12, 6);
    NDArray expected = BatchNorm.batchNorm(flat, manager.zeros(new Shape(6)), manager.ones(new Shape(6)),
        manager.ones(new Shape(6)), manager.zeros(new Shape(6)), 1, 0.9f, 1e-5f, true).singletonOrThrow().reshape(3, 4, 6);
    assertThat(out.sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
    // And by hand: zero mean, unit variance per feature over all 12 rows.
    NDArray mean = out.reshape(12, 6).mean(new int[] {0});
    assertThat(mean.abs().max().getFloat()).isLessThan(1e-5f);
  }

  @Test
  void bilinearSamplingMatchesAnalyticValuesAndPassesGradientsToTheMap() {
    // A map whose value is 10 x + y at pixel (x, y): bilinear sampling is exact on it.
    int h = 5, w = 7;
    float[] v = new float[2 * h * w];
    for (int ch = 0; ch < 2; ch++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          v[(ch * h + y) * w + x] = (ch + 1) * (10f * x + y);
        }
      }
    }
    NDArray map = manager.create(v, new Shape(1, 2, h, w));
    map.setRequiresGradient(true);
    Random random = new Random(2);
    int k = 50;
    float[] p = new float[2 * k];
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextFloat();
    }
    p[0] = 0;
    p[1] = 1; // a corner
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray out = BilinearSampler.sample(map, p, k);
      assertThat(out.getShape()).isEqualTo(new Shape(1, k, 2));
      float[] o = out.toFloatArray();
      for (int i = 0; i < k; i++) {
        double x = p[2 * i] * (w - 1), y = p[2 * i + 1] * (h - 1);
        assertThat(o[2 * i]).isCloseTo((float) (10 * x + y), within(1e-3f));
        assertThat(o[2 * i + 1]).isCloseTo((float) (2 * (10 * x + y)), within(2e-3f));
      }
      gc.backward(out.sum());
    }
    float[] grad = map.getGradient().toFloatArray();
    double total = 0;
    for (float g : grad) {
      total += g;
    }
    // Each sample spreads weight 1 over its four corners, per channel.
    assertThat(total).isCloseTo(2.0 * k, within(1e-3));
    assertThat(grad[(0 * h + 4) * w]).isGreaterThan(0.99f); // the corner sample (x 0, y 1) lands on pixel (0, 4)
  }

  @Test
  void interpolationMatrixMatchesAlignedCornersBilinear() {
    float[] a = Interpolation.matrix(5, 3);
    // Output i reads source i * (3-1)/(5-1): 0, 0.5, 1, 1.5, 2.
    assertThat(a).containsExactly(1, 0, 0, 0.5f, 0.5f, 0, 0, 1, 0, 0, 0.5f, 0.5f, 0, 0, 1);
    NDArray x = manager.arange(0f, 6f).reshape(1, 1, 2, 3);
    NDArray y = Interpolation.resize(x, 3, 5);
    assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 3, 5));
    // Linear in both axes: value = 3 row + col in source units.
    float[] out = y.toFloatArray();
    for (int r = 0; r < 3; r++) {
      for (int col = 0; col < 5; col++) {
        assertThat(out[r * 5 + col]).isCloseTo(3f * (r * 0.5f) + col * 0.5f, within(1e-5f));
      }
    }
  }

  @Test
  void l2NormalisationGivesUnitVectors() {
    NDArray x = manager.create(new float[] {3, 4, 0, 0}, new Shape(2, 2));
    float[] n = BilinearSampler.l2Normalize(x).toFloatArray();
    assertThat(n).containsExactly(0.6f, 0.8f, 0f, 0f);
  }

  /** Runs a fresh ResNet-18 to look at its maps. */
  private record ResNet18Probe(int width) {
    NDList run(NDManager m, NDArray images) {
      ResNet18 r = new ResNet18(width);
      r.initialize(m, DataType.FLOAT32, images.getShape());
      return r.forward(new ParameterStore(m, false), new NDList(images), false);
    }
  }
}
