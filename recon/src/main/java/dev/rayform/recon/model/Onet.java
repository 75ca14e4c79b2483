package dev.rayform.recon.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.rayform.recon.model.decoder.ConditionalDecoder;

/**
 * The ONet baseline (Mescheder et al. 2019) with the same encoder's global code z: a per-point
 * decoder, CBN conditioned on z, queried once per 3D point.
 *
 * <p>Block inputs {@code [image [B,3,S,S], points [B,T,3]]}, output {@code [B,T]} logits.
 */
public final class Onet extends ReconstructionNetwork {
  private final ConditionalDecoder decoder;

  public Onet(ModelConfig config) {
    super(config);
    if (config.isRayOnet()) {
      throw new IllegalArgumentException("Onet needs arch onet, got " + config.arch());
    }
    decoder = addChildBlock("decoder", new ConditionalDecoder(config.hidden(), config.decoderBlocks(), 1, true));
  }

  /** Logits {@code [B, T]} of points {@code [B, T, 3]} given the encoder's z. */
  public NDArray decodePoints(ParameterStore ps, NDArray z, NDArray points, boolean training) {
    NDArray logits = decoder.forward(ps, new NDList(points, z), training).singletonOrThrow();
    return logits.squeeze(2);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray z = encode(ps, inputs.get(0), training).get(0);
    return new NDList(decodePoints(ps, z, inputs.get(1), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {new Shape(inputs[1].get(0), inputs[1].get(1))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder().initialize(manager, dataType, inputShapes[0]);
    decoder.initialize(manager, dataType, inputShapes[1], new Shape(inputShapes[1].get(0), config().latentDim()));
  }

  @Override
  public Shape[] exampleInputShapes() {
    int s = config().imageSize();
    return new Shape[] {new Shape(1, 3, s, s), new Shape(1, 1, 3)};
  }
}
