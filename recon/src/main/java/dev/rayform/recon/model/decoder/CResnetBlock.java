package dev.rayform.recon.model.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * The decoder's pre-activation residual block with conditional batch norm:
 * {@code x + fc1(relu(bn1(fc0(relu(bn0(x, c))), c)))}, fc1's weights zero at initialisation.
 * Inputs {@code [x [B, T, F], c [B, D]]}.
 */
public final class CResnetBlock extends AbstractBlock {
  private final ConditionalBatchNorm bn0;
  private final Linear fc0;
  private final ConditionalBatchNorm bn1;
  private final Linear fc1;

  public CResnetBlock(int size) {
    bn0 = addChildBlock("bn0", new ConditionalBatchNorm(size));
    fc0 = addChildBlock("fc0", Linear.builder().setUnits(size).build());
    bn1 = addChildBlock("bn1", new ConditionalBatchNorm(size));
    fc1 = addChildBlock("fc1", Linear.builder().setUnits(size).build());
    fc1.setInitializer(new ConstantInitializer(0f), "weight");
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0), c = inputs.get(1);
    NDArray net = Activation.relu(bn0.forward(ps, inputs, training).singletonOrThrow());
    net = fc0.forward(ps, new NDList(net), training).singletonOrThrow();
    NDArray dx = Activation.relu(bn1.forward(ps, new NDList(net, c), training).singletonOrThrow());
    dx = fc1.forward(ps, new NDList(dx), training).singletonOrThrow();
    return new NDList(x.add(dx));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {inputs[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    bn0.initialize(manager, dataType, inputShapes);
    fc0.initialize(manager, dataType, inputShapes[0]);
    bn1.initialize(manager, dataType, inputShapes);
    fc1.initialize(manager, dataType, inputShapes[0]);
  }
}
