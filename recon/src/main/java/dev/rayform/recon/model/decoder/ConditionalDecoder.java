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
import ai.djl.util.PairList;

/**
 * Decoder D of both networks: an optional input projection, {@code blocks} CBN residual blocks
 * conditioned on c, then CBN, ReLU and a linear layer to {@code outputs} logits. Ray-ONet's D reads
 * the mixer's {@code y_p} (no projection) and predicts M logits per ray; ONet's reads a 3D point
 * (projected to the hidden width) and predicts one. Inputs {@code [x [B, T, in], c [B, D]]}, output
 * {@code [B, T, outputs]}.
 */
public final class ConditionalDecoder extends AbstractBlock {
  private final Linear inputProjection;
  private final CResnetBlock[] blocks;
  private final ConditionalBatchNorm outNorm;
  private final Linear out;
  private final int hidden;

  public ConditionalDecoder(int hidden, int blockCount, int outputs, boolean projectInput) {
    this.hidden = hidden;
    inputProjection = projectInput ? addChildBlock("fc_p", Linear.builder().setUnits(hidden).build()) : null;
    blocks = new CResnetBlock[blockCount];
    for (int i = 0; i < blockCount; i++) {
      blocks[i] = addChildBlock("block" + i, new CResnetBlock(hidden));
    }
    outNorm = addChildBlock("bn", new ConditionalBatchNorm(hidden));
    out = addChildBlock("fc_out", Linear.builder().setUnits(outputs).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0), c = inputs.get(1);
    if (inputProjection != null) {
      x = inputProjection.forward(ps, new NDList(x), training).singletonOrThrow();
    }
    for (CResnetBlock block : blocks) {
      x = block.forward(ps, new NDList(x, c), training).singletonOrThrow();
    }
    x = Activation.relu(outNorm.forward(ps, new NDList(x, c), training).singletonOrThrow());
    return out.forward(ps, new NDList(x), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    Shape x = inputs[0];
    return out.getOutputShapes(new Shape[] {new Shape(x.get(0), x.get(1), hidden)});
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0], c = inputShapes[1];
    if (inputProjection != null) {
      inputProjection.initialize(manager, dataType, x);
    }
    Shape h = new Shape(x.get(0), x.get(1), hidden);
    for (CResnetBlock block : blocks) {
      block.initialize(manager, dataType, h, c);
    }
    outNorm.initialize(manager, dataType, h, c);
    out.initialize(manager, dataType, h);
  }
}
