package dev.rayform.recon.model.mixer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Ray-ONet's local context mixer J: {@code [C_p, p]} projected to the hidden width, then residual
 * FC blocks. Input {@code [B, K, localDim + 2]} (or {@code [B, K, 2]} without local features),
 * output the local context descriptor {@code y_p}, {@code [B, K, hidden]}.
 */
public final class LocalContextMixer extends AbstractBlock {
  private final Linear input;
  private final ResnetBlockFc[] blocks;

  public LocalContextMixer(int hidden, int blockCount) {
    input = addChildBlock("fc_in", Linear.builder().setUnits(hidden).build());
    blocks = new ResnetBlockFc[blockCount];
    for (int i = 0; i < blockCount; i++) {
      blocks[i] = addChildBlock("block" + i, new ResnetBlockFc(hidden));
    }
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray y = input.forward(ps, inputs, training).singletonOrThrow();
    for (ResnetBlockFc block : blocks) {
      y = block.forward(ps, new NDList(y), training).singletonOrThrow();
    }
    return new NDList(y);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return input.getOutputShapes(inputs);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    input.initialize(manager, dataType, inputShapes[0]);
    Shape hidden = input.getOutputShapes(inputShapes)[0];
    for (ResnetBlockFc block : blocks) {
      block.initialize(manager, dataType, hidden);
    }
  }
}
