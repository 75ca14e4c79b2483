package dev.rayform.recon.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.rayform.recon.model.Shapes;

/**
 * A real ResNet-18 (He et al. 2016): 7x7/2 conv, BN, ReLU, 3x3/2 max-pool, then four stages of two
 * {@link BasicBlock}s with widths w, 2w, 4w, 8w (w = 64 in the original, 11.2M parameters without the
 * classifier). The forward pass returns every stage's map, as Ray-ONet's local features need them:
 * {@code [stem (after conv1-BN-ReLU, stride 2), layer1, layer2, layer3, layer4]}.
 */
public final class ResNet18 extends AbstractBlock {
  private final int width;
  private final Conv2d conv1;
  private final BatchNorm bn1;
  private final BasicBlock[][] layers = new BasicBlock[4][2];

  public ResNet18(int width) {
    this.width = width;
    conv1 = addChildBlock("conv1", BasicBlock.conv(width, STEM_KERNEL, STEM_STRIDE, STEM_PAD));
    bn1 = addChildBlock("bn1", BatchNorm.builder().build());
    int in = width;
    for (int stage = 0; stage < 4; stage++) {
      int out = width << stage;
      for (int b = 0; b < 2; b++) {
        layers[stage][b] = addChildBlock("layer" + (stage + 1) + "_" + b, new BasicBlock(b == 0 ? in : out, out, b == 0 && stage > 0 ? DOWN_STRIDE : 1));
      }
      in = out;
    }
  }

  private static final int STEM_KERNEL = 7, STEM_STRIDE = 2, STEM_PAD = 3;
  private static final int POOL_KERNEL = 3, POOL_STRIDE = 2, POOL_PAD = 1;
  private static final int BLOCK_KERNEL = 3, BLOCK_PAD = 1, DOWN_STRIDE = 2;

  /** Where each returned map's cells look in the input, from the windows above. */
  public static ReceptiveField[] receptiveFields() {
    ReceptiveField[] f = new ReceptiveField[5];
    f[0] = ReceptiveField.INPUT.then(STEM_KERNEL, STEM_STRIDE, STEM_PAD);
    f[1] = f[0].then(POOL_KERNEL, POOL_STRIDE, POOL_PAD).then(BLOCK_KERNEL, 1, BLOCK_PAD);
    for (int i = 2; i < 5; i++) {
      f[i] = f[i - 1].then(BLOCK_KERNEL, DOWN_STRIDE, BLOCK_PAD);
    }
    return f;
  }

  /** Channels of each returned map. */
  public int[] channels() {
    return channels(width);
  }

  /** Channels of each returned map of a ResNet-18 of first-stage width {@code width}. */
  public static int[] channels(int width) {
    return new int[] {width, width, 2 * width, 4 * width, 8 * width};
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = conv1.forward(ps, inputs, training).singletonOrThrow();
    NDArray stem = Activation.relu(bn1.forward(ps, new NDList(x), training).singletonOrThrow());
    NDList out = new NDList(stem);
    NDArray y = Pool.maxPool2d(stem, new Shape(POOL_KERNEL, POOL_KERNEL), new Shape(POOL_STRIDE, POOL_STRIDE), new Shape(POOL_PAD, POOL_PAD), false);
    for (BasicBlock[] stage : layers) {
      for (BasicBlock block : stage) {
        y = block.forward(ps, new NDList(y), training).singletonOrThrow();
      }
      out.add(y);
    }
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    long n = inputs[0].get(0), h = inputs[0].get(2), w = inputs[0].get(3);
    long[] hs = new long[5], ws = new long[5];
    hs[0] = Shapes.conv(h, STEM_KERNEL, STEM_STRIDE, STEM_PAD);
    ws[0] = Shapes.conv(w, STEM_KERNEL, STEM_STRIDE, STEM_PAD);
    hs[1] = Shapes.conv(hs[0], POOL_KERNEL, POOL_STRIDE, POOL_PAD);
    ws[1] = Shapes.conv(ws[0], POOL_KERNEL, POOL_STRIDE, POOL_PAD);
    for (int i = 2; i < 5; i++) {
      hs[i] = Shapes.conv(hs[i - 1], BLOCK_KERNEL, DOWN_STRIDE, BLOCK_PAD);
      ws[i] = Shapes.conv(ws[i - 1], BLOCK_KERNEL, DOWN_STRIDE, BLOCK_PAD);
    }
    int[] c = channels();
    Shape[] out = new Shape[5];
    for (int i = 0; i < 5; i++) {
      out[i] = Shapes.nchw(n, c[i], hs[i], ws[i]);
    }
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv1.initialize(manager, dataType, inputShapes[0]);
    Shape[] maps = getOutputShapes(inputShapes);
    bn1.initialize(manager, dataType, maps[0]);
    Shape in = maps[1].slice(0, 1).addAll(new Shape(width, maps[1].get(2), maps[1].get(3)));
    for (int stage = 0; stage < 4; stage++) {
      for (int b = 0; b < 2; b++) {
        layers[stage][b].initialize(manager, dataType, in);
        in = layers[stage][b].getOutputShapes(new Shape[] {in})[0];
      }
    }
  }
}
