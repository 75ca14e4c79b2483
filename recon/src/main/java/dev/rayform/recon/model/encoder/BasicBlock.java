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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.rayform.recon.model.Shapes;

/**
 * ResNet's basic block: conv3x3(stride) - BN - ReLU - conv3x3 - BN, plus the input (through a
 * 1x1 conv and BN when the shape changes), then ReLU.
 */
public final class BasicBlock extends AbstractBlock {
  private final int stride;
  private final Conv2d conv1;
  private final BatchNorm bn1;
  private final Conv2d conv2;
  private final BatchNorm bn2;
  private final Conv2d downConv;
  private final BatchNorm downBn;

  public BasicBlock(int inChannels, int outChannels, int stride) {
    this.stride = stride;
    conv1 = addChildBlock("conv1", conv(outChannels, 3, stride, 1));
    bn1 = addChildBlock("bn1", BatchNorm.builder().build());
    conv2 = addChildBlock("conv2", conv(outChannels, 3, 1, 1));
    bn2 = addChildBlock("bn2", BatchNorm.builder().build());
    if (stride != 1 || inChannels != outChannels) {
      downConv = addChildBlock("down_conv", conv(outChannels, 1, stride, 0));
      downBn = addChildBlock("down_bn", BatchNorm.builder().build());
    } else {
      downConv = null;
      downBn = null;
    }
  }

  static Conv2d conv(int filters, int kernel, int stride, int pad) {
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .setFilters(filters)
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optBias(false)
        .build();
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray y = conv1.forward(ps, inputs, training).singletonOrThrow();
    y = Activation.relu(bn1.forward(ps, new NDList(y), training).singletonOrThrow());
    y = conv2.forward(ps, new NDList(y), training).singletonOrThrow();
    y = bn2.forward(ps, new NDList(y), training).singletonOrThrow();
    NDArray shortcut = x;
    if (downConv != null) {
      shortcut = downConv.forward(ps, inputs, training).singletonOrThrow();
      shortcut = downBn.forward(ps, new NDList(shortcut), training).singletonOrThrow();
    }
    return new NDList(Activation.relu(y.add(shortcut)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    Shape s = inputs[0];
    return new Shape[] {conv2.getOutputShapes(conv1.getOutputShapes(new Shape[] {s}))[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    conv1.initialize(manager, dataType, in);
    Shape mid = conv1.getOutputShapes(new Shape[] {in})[0];
    bn1.initialize(manager, dataType, mid);
    conv2.initialize(manager, dataType, mid);
    bn2.initialize(manager, dataType, mid);
    if (downConv != null) {
      downConv.initialize(manager, dataType, in);
      downBn.initialize(manager, dataType, mid);
    }
  }

  long outputSide(long side) {
    return Shapes.conv(side, 3, stride, 1);
  }
}
