package dev.rayform.recon.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.rayform.recon.model.BilinearSampler;
import dev.rayform.recon.model.ModelConfig;

/**
 * Encoder H: a ResNet-18 from which come the global code
 * {@code z = Linear(Linear(avgpool(layer4)))} and, for Ray-ONet, the local map C: the stem (conv1)
 * and layer1..3 maps upsampled to the stem's resolution (half the input), concatenated and reduced
 * by a 1x1 convolution to {@code localDim} channels. Output: {@code [z]} or {@code [z, C]}.
 */
public final class ImageEncoder extends AbstractBlock {
  /** The stem and layer1..3 give local features (layer4 only the global code). */
  private static final int LOCAL_LEVELS = 4;
  private final ModelConfig config;
  private final ResNet18 resnet;
  private final Linear fc1;
  private final Linear fc2;
  private final Conv2d localReduce;

  public ImageEncoder(ModelConfig config) {
    this.config = config;
    resnet = addChildBlock("resnet", new ResNet18(config.baseWidth()));
    fc1 = addChildBlock("fc1", Linear.builder().setUnits(config.latentDim()).build());
    fc2 = addChildBlock("fc2", Linear.builder().setUnits(config.latentDim()).build());
    localReduce = config.isRayOnet() && config.useLocal()
        ? addChildBlock("local_reduce", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(config.localDim()).build())
        : null;
  }

  public boolean hasLocalMap() {
    return localReduce != null;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList maps = resnet.forward(ps, inputs, training);
    NDArray pooled = Pool.globalAvgPool2d(maps.get(4));
    NDArray z = fc2.forward(ps, fc1.forward(ps, new NDList(pooled), training), training).singletonOrThrow();
    if (localReduce == null) {
      return new NDList(z);
    }
    if (config.alignedFeatures()) {
      return reducedLevels(ps, maps, z, training);
    }
    NDArray stem = maps.get(0);
    int h = (int) stem.getShape().get(2), w = (int) stem.getShape().get(3);
    NDList parts = new NDList(stem);
    for (int i = 1; i < LOCAL_LEVELS; i++) {
      parts.add(Interpolation.resize(maps.get(i), h, w));
    }
    NDArray c = localReduce.forward(ps, new NDList(NDArrays.concat(parts, 1)), training).singletonOrThrow();
    return new NDList(z, c);
  }

  private NDList reducedLevels(ParameterStore ps, NDList maps, NDArray z, boolean training) {
    NDArray weight = ps.getValue(localReduce.getParameters().get("weight"), z.getDevice(), training);
    NDArray bias = ps.getValue(localReduce.getParameters().get("bias"), z.getDevice(), training);
    long out = weight.getShape().get(0);
    NDArray w = weight.reshape(out, weight.getShape().get(1));
    NDList result = new NDList(z);
    long from = 0;
    for (int i = 0; i < LOCAL_LEVELS; i++) {
      NDArray level = maps.get(i);
      Shape s = level.getShape();
      long b = s.get(0), c = s.get(1), h = s.get(2), wd = s.get(3);
      NDArray slice = w.get(new NDIndex(":, {}:{}", from, from + c)); // [out, c]
      NDArray reduced = slice.matMul(level.reshape(b, c, h * wd)); // [b, out, h*w]
      if (i == 0) {
        reduced = reduced.add(bias.reshape(1, out, 1));
      }
      result.add(reduced.reshape(b, out, h, wd));
      from += c;
    }
    return result;
  }

  /**
   * The local feature {@code C_p [B, K, localDim]} under each of {@code k} image positions per image
   * ({@code positions}: packed (x, y) in [0,1]^2), from this encoder's output {@code encoded}.
   */
  public NDArray localFeatures(NDList encoded, float[] positions, int k) {
    if (!config.alignedFeatures()) {
      return BilinearSampler.sample(encoded.get(1), positions, k);
    }
    ReceptiveField[] fields = ResNet18.receptiveFields();
    NDArray sum = null;
    for (int i = 0; i < LOCAL_LEVELS; i++) {
      NDArray level = BilinearSampler.sample(encoded.get(1 + i), positions, k, fields[i], config.imageSize());
      sum = sum == null ? level : sum.add(level);
    }
    return sum;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    long n = inputs[0].get(0);
    Shape z = new Shape(n, config.latentDim());
    if (localReduce == null) {
      return new Shape[] {z};
    }
    Shape[] maps = resnet.getOutputShapes(inputs);
    if (config.alignedFeatures()) {
      Shape[] out = new Shape[1 + LOCAL_LEVELS];
      out[0] = z;
      for (int i = 0; i < LOCAL_LEVELS; i++) {
        out[1 + i] = new Shape(n, config.localDim(), maps[i].get(2), maps[i].get(3));
      }
      return out;
    }
    return new Shape[] {z, new Shape(n, config.localDim(), maps[0].get(2), maps[0].get(3))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    resnet.initialize(manager, dataType, inputShapes[0]);
    Shape[] maps = resnet.getOutputShapes(inputShapes);
    long n = inputShapes[0].get(0);
    fc1.initialize(manager, dataType, new Shape(n, maps[4].get(1)));
    fc2.initialize(manager, dataType, new Shape(n, config.latentDim()));
    if (localReduce != null) {
      long channels = 0;
      for (int i = 0; i < LOCAL_LEVELS; i++) {
        channels += maps[i].get(1);
      }
      localReduce.initialize(manager, dataType, new Shape(n, channels, maps[0].get(2), maps[0].get(3)));
    }
  }
}
