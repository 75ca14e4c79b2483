package dev.rayform.recon.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
 * {@code z = Linear(Linear(avgpool(layer4)))} and, for Ray-ONet, the local features C: the stem
 * (conv1) and layer1..3 maps, each read under the ray's pixel ({@link ReceptiveField}), concatenated
 * and reduced by a 1x1 convolution W to {@code localDim} channels. Output {@code [z]}, or
 * {@code [z, L_0..L_3]}: the four levels channels last ({@code [B, H_i * W_i, C_i]}), which
 * {@link #localFeatures} samples and reduces. Models from before {@link ModelConfig#alignedFeatures}:
 * {@code [z, C]}, the levels upsampled to the stem's resolution (half the input), concatenated and
 * reduced there, read with aligned corners.
 */
public final class ImageEncoder extends AbstractBlock {
  /** The stem and layer1..3 give local features (layer4 only the global code). */
  private static final int LOCAL_LEVELS = 4;
  private final ModelConfig config;
  private final ResNet18 resnet;
  private final Linear fc1;
  private final Linear fc2;
  private final Conv2d localReduce;
  /** Cells per side of each local level for the configured input size. */
  private final int[] levelSides = new int[LOCAL_LEVELS];

  public ImageEncoder(ModelConfig config) {
    this.config = config;
    resnet = addChildBlock("resnet", new ResNet18(config.baseWidth()));
    fc1 = addChildBlock("fc1", Linear.builder().setUnits(config.latentDim()).build());
    fc2 = addChildBlock("fc2", Linear.builder().setUnits(config.latentDim()).build());
    Shape[] maps = resnet.getOutputShapes(new Shape[] {new Shape(1, 3, config.imageSize(), config.imageSize())});
    for (int i = 0; i < LOCAL_LEVELS; i++) {
      levelSides[i] = (int) maps[i].get(2);
    }
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
      return channelsLast(maps, z);
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

  /** The local levels channels last, {@code [B, H_i * W_i, C_i]}, ready for row lookups. */
  private static NDList channelsLast(NDList maps, NDArray z) {
    NDList result = new NDList(z);
    for (int i = 0; i < LOCAL_LEVELS; i++) {
      Shape s = maps.get(i).getShape();
      result.add(maps.get(i).reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1));
    }
    return result;
  }

  /**
   * The local feature {@code C_p [B, K, localDim]} under each of {@code k} image positions per image
   * ({@code positions}: packed (x, y) in [0,1]^2), from this encoder's output {@code encoded}: every
   * level sampled under the ray's pixel, the samples concatenated and reduced by W. Reducing after
   * sampling costs W's product per ray, not per cell of a stem-resolution map most of which no ray
   * reads in training.
   */
  public NDArray localFeatures(ParameterStore ps, NDList encoded, float[] positions, int k, boolean training) {
    if (!config.alignedFeatures()) {
      return BilinearSampler.sample(encoded.get(1), positions, k);
    }
    int[] sides = levelSides.clone();
    NDArray sampled = BilinearSampler.sampleLevels(encoded.subNDList(1), sides, sides, ResNet18.receptiveFields(),
        config.imageSize(), positions, k); // [B, K, sum C]
    NDArray z = encoded.get(0);
    NDArray weight = ps.getValue(localReduce.getParameters().get("weight"), z.getDevice(), training);
    NDArray bias = ps.getValue(localReduce.getParameters().get("bias"), z.getDevice(), training);
    Shape w = weight.getShape();
    NDArray matrix = weight.reshape(w.get(0), w.get(1));
    matrix.attach(sampled.getManager()); // a view of the weights, freed with the step, not kept by the model's manager
    return sampled.matMul(matrix.transpose()).add(bias);
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
        out[1 + i] = new Shape(n, maps[i].get(2) * maps[i].get(3), maps[i].get(1));
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
