package dev.rayform.recon.model.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Conditional batch normalisation (ONet): batch norm without its own affine parameters over all
 * rays or points of the batch, then a per-sample scale and shift predicted from the condition c:
 * {@code gamma(c) * BN(x) + beta(c)}. At initialisation gamma's and beta's weights are zero, gamma's
 * bias one and beta's zero, so the layer starts as plain batch normalisation.
 *
 * <p>Inputs {@code [x [B, T, F], c [B, D]]}, output {@code [B, T, F]}.
 */
public final class ConditionalBatchNorm extends AbstractBlock {
  private final BatchNorm norm;
  private final Linear gamma;
  private final Linear beta;

  public ConditionalBatchNorm(int features) {
    norm = addChildBlock("bn", BatchNorm.builder().optCenter(false).optScale(false).optMomentum(0.9f).optEpsilon(1e-5f).build());
    gamma = addChildBlock("gamma", Linear.builder().setUnits(features).build());
    beta = addChildBlock("beta", Linear.builder().setUnits(features).build());
    gamma.setInitializer(new ConstantInitializer(0f), "weight");
    gamma.setInitializer(new ConstantInitializer(1f), "bias");
    beta.setInitializer(new ConstantInitializer(0f), "weight");
    beta.setInitializer(new ConstantInitializer(0f), "bias");
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0), c = inputs.get(1);
    Shape s = x.getShape();
    NDArray flat = x.reshape(-1, s.get(2));
    NDArray normed = norm.forward(ps, new NDList(flat), training).singletonOrThrow().reshape(s);
    NDArray g = gamma.forward(ps, new NDList(c), training).singletonOrThrow().expandDims(1);
    NDArray b = beta.forward(ps, new NDList(c), training).singletonOrThrow().expandDims(1);
    return new NDList(normed.mul(g).add(b));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {inputs[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    norm.initialize(manager, dataType, new Shape(x.get(0) * x.get(1), x.get(2)));
    gamma.initialize(manager, dataType, inputShapes[1]);
    beta.initialize(manager, dataType, inputShapes[1]);
  }
}
