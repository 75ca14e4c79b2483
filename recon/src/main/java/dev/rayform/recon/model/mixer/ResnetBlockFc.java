package dev.rayform.recon.model.mixer;

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
 * ONet's fully connected residual block: {@code x + fc1(relu(fc0(relu(x))))}, with {@code fc1}'s
 * weights zero at initialisation so every block starts as the identity.
 */
public final class ResnetBlockFc extends AbstractBlock {
  private final Linear fc0;
  private final Linear fc1;

  public ResnetBlockFc(int size) {
    fc0 = addChildBlock("fc0", Linear.builder().setUnits(size).build());
    fc1 = addChildBlock("fc1", Linear.builder().setUnits(size).build());
    fc1.setInitializer(new ConstantInitializer(0f), "weight");
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray net = fc0.forward(ps, new NDList(Activation.relu(x)), training).singletonOrThrow();
    NDArray dx = fc1.forward(ps, new NDList(Activation.relu(net)), training).singletonOrThrow();
    return new NDList(x.add(dx));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {inputs[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    fc0.initialize(manager, dataType, inputShapes[0]);
    fc1.initialize(manager, dataType, inputShapes[0]);
  }
}
