package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.rayform.recon.model.encoder.ImageEncoder;
import dev.rayform.recon.model.encoder.ReceptiveField;
import dev.rayform.recon.model.encoder.ResNet18;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlignedFeaturesTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void receptiveFieldsComposeStridesAndPaddings() {
    ReceptiveField[] f = ResNet18.receptiveFields();
    // 7x7/2 pad 3, 3x3/2 pad 1 pooling, 3x3/2 pad 1 downsampling: every level centred on pixel stride * j.
    int[] strides = {2, 4, 8, 16, 32};
    for (int i = 0; i < 5; i++) {
      assertThat(f[i].stride()).isEqualTo(strides[i]);
      assertThat(f[i].offset()).isEqualTo(0.0);
    }
    // A window that does not centre: kernel 4, stride 2, no padding looks 1.5 pixels right of 2j.
    ReceptiveField g = ReceptiveField.INPUT.then(4, 2, 0);
    assertThat(g.offset()).isEqualTo(1.5);
    assertThat(g.then(3, 2, 0).offset()).isEqualTo(3.5); // + 2 * (1 - 0)
    assertThat(g.cell((2 * 5 + 1.5 + 0.5) / 64, 64)).isCloseTo(5.0, within(1e-12));
  }

  /** A map whose channels hold each cell's own column and row: sampling returns where it read. */
  private NDArray coordinateMap(int n) {
    float[] v = new float[2 * n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        v[y * n + x] = x;
        v[n * n + y * n + x] = y;
      }
    }
    return manager.create(v, new Shape(1, 2, n, n));
  }

  @Test
  void eachLevelIsReadUnderTheRaysOwnPixel() {
    int size = 128;
    ReceptiveField[] fields = ResNet18.receptiveFields();
    for (int level = 0; level < 4; level++) {
      int stride = fields[level].stride(), n = size / stride;
      NDArray map = coordinateMap(n);
      // The centre of input pixel stride * j (+ a sub-cell offset) reads cell j (+ offset / stride).
      int k = 3 * n;
      float[] p = new float[2 * k];
      double[] expectX = new double[k], expectY = new double[k];
      Random random = new Random(level);
      for (int r = 0; r < k; r++) {
        int j = r % n, i = random.nextInt(n);
        int dx = random.nextInt(stride);
        p[2 * r] = (float) ((stride * j + dx + 0.5) / size);
        p[2 * r + 1] = (float) ((stride * i + 0.5) / size);
        expectX[r] = Math.min(n - 1, j + dx / (double) stride);
        expectY[r] = i;
      }
      float[] out = BilinearSampler.sample(map, p, k, fields[level], size).toFloatArray();
      for (int r = 0; r < k; r++) {
        assertThat((double) out[2 * r]).as("level %d ray %d x", level, r).isCloseTo(expectX[r], within(1e-4));
        assertThat((double) out[2 * r + 1]).as("level %d ray %d y", level, r).isCloseTo(expectY[r], within(1e-4));
      }
    }
    // What the aligned-corners rule read instead at layer3 (8 cells) in the middle of the image:
    // half a cell (8 input pixels) up and left of the ray's own pixel.
    float[] middle = {64.5f / size, 64.5f / size};
    double aligned = BilinearSampler.sample(coordinateMap(8), middle, 1, fields[3], size).toFloatArray()[0];
    double corners = BilinearSampler.sample(coordinateMap(8), middle, 1).toFloatArray()[0];
    assertThat(aligned).isCloseTo(4.0, within(1e-4));
    assertThat((aligned - corners) * 16).isCloseTo(7.5, within(0.1));
  }

  @Test
  void theLocalFeatureIsTheReductionOfEachLevelSampledUnderTheRay() {
    ModelConfig config = ModelConfig.tiny(ModelConfig.RAYONET);
    assertThat(config.alignedFeatures()).isTrue();
    ImageEncoder encoder = new ImageEncoder(config);
    int s = config.imageSize();
    encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 3, s, s));
    ParameterStore ps = new ParameterStore(manager, false);
    Random random = new Random(5);
    float[] img = new float[2 * 3 * s * s];
    for (int i = 0; i < img.length; i++) {
      img[i] = (float) random.nextGaussian();
    }
    NDArray images = manager.create(img, new Shape(2, 3, s, s));
    int k = 40;
    float[] p = new float[2 * 2 * k];
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextFloat();
    }
    NDArray fast = encoder.localFeatures(ps, encoder.forward(ps, new NDList(images), false), p, k, false);

    Block resnet = child(encoder, "resnet");
    Block reduce = child(encoder, "local_reduce");
    NDList maps = resnet.forward(ps, new NDList(images), false);
    ReceptiveField[] fields = ResNet18.receptiveFields();
    NDList samples = new NDList();
    for (int i = 0; i < 4; i++) {
      samples.add(BilinearSampler.sample(maps.get(i), p, k, fields[i], s));
    }
    NDArray concat = samples.size() == 1 ? samples.get(0) : ai.djl.ndarray.NDArrays.concat(samples, 2); // [B, K, sumC]
    NDArray weight = reduce.getParameters().get("weight").getArray();
    NDArray w = weight.reshape(weight.getShape().get(0), weight.getShape().get(1));
    NDArray slow = concat.matMul(w.transpose()).add(reduce.getParameters().get("bias").getArray());

    assertThat(fast.getShape()).isEqualTo(new Shape(2, k, config.localDim()));
    float[] a = fast.toFloatArray(), b = slow.toFloatArray();
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).isCloseTo(b[i], within(1e-4f + 1e-4f * Math.abs(b[i])));
    }
  }

  private static Block child(Block parent, String name) {
    return parent.getChildren().stream().filter(c -> c.getKey().endsWith(name)).findFirst().orElseThrow().getValue();
  }
}
