package dev.rayform.recon.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.rayform.recon.model.decoder.ConditionalDecoder;
import dev.rayform.recon.model.mixer.LocalContextMixer;

/**
 * Ray-ONet (Bian et al. 2021): for each image position p, the occupancy logits of M points along
 * the camera ray through p in one pass. Encoder H gives z and the local map C; C_p is sampled
 * bilinearly under the ray's pixel and L2-normalised; the mixer J turns {@code [C_p, p]} into {@code y_p}; the decoder D,
 * conditioned on {@code [z, s]} (and the camera elevation where used) through CBN, maps {@code y_p} to M logits.
 *
 * <p>Block inputs {@code [image [B,3,S,S], p [B,K,2], camera [B,n]]} ({@link CameraCondition}), output
 * {@code [B,K,M]} logits.
 */
public final class RayOnet extends ReconstructionNetwork {
  private final LocalContextMixer mixer;
  private final ConditionalDecoder decoder;

  public RayOnet(ModelConfig config) {
    super(config);
    if (!config.isRayOnet()) {
      throw new IllegalArgumentException("RayOnet needs arch rayonet, got " + config.arch());
    }
    mixer = addChildBlock("mixer", new LocalContextMixer(config.hidden(), config.mixerBlocks()));
    decoder = addChildBlock("decoder", new ConditionalDecoder(config.hidden(), config.decoderBlocks(), config.m(), false));
  }

  /**
   * The condition of the decoder's CBN layers: {@code [z, camera]}, less what an ablation drops;
   * {@code camera} is {@link CameraCondition}'s {@code [B, n]}.
   */
  NDArray condition(NDArray z, NDArray camera) {
    ModelConfig c = config();
    boolean useCamera = c.cameraInputs() > 0;
    if (c.useGlobal() && useCamera) {
      return z.concat(camera, 1);
    }
    if (c.useGlobal()) {
      return z;
    }
    return useCamera ? camera : z.getManager().zeros(new Shape(z.getShape().get(0), 1));
  }

  /**
   * Decodes rays given the encoder's outputs: {@code positions} holds {@code B * K} (x, y) pairs in
   * [0,1]^2; {@code camera} is {@link CameraCondition#of}'s {@code [B, n]} (s, and the
   * elevation where the network uses it). Returns logits {@code [B, K, M]}.
   */
  public NDArray decodeRays(ParameterStore ps, NDList encoded, float[] positions, int k, NDArray camera, boolean training) {
    NDArray z = encoded.get(0);
    NDManager m = z.getManager();
    long b = z.getShape().get(0);
    NDArray p = m.create(positions, new Shape(b, k, 2));
    NDArray mixerInput = encoded.size() > 1 ? localFeatures(ps, encoded, positions, k, training).concat(p, 2) : p;
    NDArray y = mixer.forward(ps, new NDList(mixerInput), training).singletonOrThrow();
    return decoder.forward(ps, new NDList(y, condition(z, camera)), training).singletonOrThrow();
  }

  /**
   * The L2-normalised local features {@code C_p [B, K, localDim]} under {@code k} image positions per
   * image (packed (x, y) in [0,1]^2), as the mixer J reads them.
   */
  public NDArray localFeatures(ParameterStore ps, NDList encoded, float[] positions, int k, boolean training) {
    if (encoded.size() < 2) {
      throw new IllegalStateException("this network has no local features (ablation no-local)");
    }
    return BilinearSampler.l2Normalize(encoder().localFeatures(ps, encoded, positions, k, training));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList encoded = encode(ps, inputs.get(0), training);
    NDArray p = inputs.get(1);
    int k = (int) p.getShape().get(1);
    return new NDList(decodeRays(ps, encoded, p.toFloatArray(), k, inputs.get(2), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {new Shape(inputs[1].get(0), inputs[1].get(1), config().m())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder().initialize(manager, dataType, inputShapes[0]);
    long b = inputShapes[1].get(0), k = inputShapes[1].get(1);
    long mixerIn = 2 + (encoder().hasLocalMap() ? config().localDim() : 0);
    mixer.initialize(manager, dataType, new Shape(b, k, mixerIn));
    decoder.initialize(manager, dataType, new Shape(b, k, config().hidden()), new Shape(b, config().conditionDim()));
  }

  /** Shapes to initialise with: a batch of one image and one ray. */
  @Override
  public Shape[] exampleInputShapes() {
    int s = config().imageSize();
    return new Shape[] {new Shape(1, 3, s, s), new Shape(1, 1, 2), new Shape(1, Math.max(1, config().cameraInputs()))};
  }
}
