package dev.rayform.recon.training;

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
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.rays.RayLabels;

/**
 * Dense supervision of encoder H, for training only: a silhouette head and a front-depth head, one
 * linear map from the local features {@code C_p} the mixer reads to two outputs (the logit that the
 * ray through p crosses the object, and the depth at which it enters it, as a fraction of the depth
 * range). Every labelled ray of a view carries both labels, so each image gives the encoder a
 * thousand labels more than the few hundred rays the decoder learns from. The heads are not part of
 * the shipped network; checkpoints keep their weights ({@link #FILE}) so a resumed run continues them.
 *
 * <p>Loss per image: the mean BCE of the silhouette over its dense rays, plus the mean absolute depth
 * error over those that cross the object, in eighths of the depth range (an error of 16 of 128
 * samples costs 1); times {@link #weight()} it adds to the ray loss.
 */
public final class EncoderHeads extends AbstractBlock implements TrainingHead {
  /** The heads' weights in a checkpoint folder. */
  static final String FILE = "heads.bin";
  private static final float DEPTH_UNITS = 8f;

  private final int localDim;
  private final double weight;
  private final Linear heads;

  /** Heads on {@code config}'s local features, their loss weighing {@code weight} (positive). */
  public EncoderHeads(ModelConfig config, double weight) {
    if (!config.isRayOnet() || !config.useLocal()) {
      throw new IllegalArgumentException("encoder heads read Ray-ONet's local features; " + config.arch()
          + (config.useLocal() ? "" : " without local features") + " has none");
    }
    if (!(weight > 0 && weight < 1e3)) {
      throw new IllegalArgumentException("the dense supervision weight must be in (0, 1000), got " + weight);
    }
    this.localDim = config.localDim();
    this.weight = weight;
    heads = addChildBlock("heads", Linear.builder().setUnits(2).build());
  }

  public double weight() {
    return weight;
  }

  /** Creates the heads' weights in {@code manager} (random, from the engine's seed). */
  public void initializeParameters(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1, localDim));
  }

  @Override
  public String file() {
    return FILE;
  }

  @Override
  public String prefix() {
    return "encoder_heads/";
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return heads.forward(ps, inputs, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return heads.getOutputShapes(inputs);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    heads.initialize(manager, dataType, inputShapes);
  }

  /**
   * The weighted dense loss of a batch: {@code local} holds the features {@code [B, K, localDim]}
   * under the dense rays, {@code silhouette} and {@code depth} their labels ({@link #label}).
   */
  public NDArray loss(ParameterStore ps, NDArray local, float[] silhouette, float[] depth, boolean training) {
    NDManager m = local.getManager();
    Shape s = local.getShape();
    Shape rays = new Shape(s.get(0), s.get(1));
    NDArray out = forward(ps, new NDList(local), training).singletonOrThrow();
    NDArray logit = out.get(":, :, 0");
    NDArray predictedDepth = out.get(":, :, 1");
    NDArray inside = m.create(silhouette, rays);
    NDArray bce = Activation.softPlus(logit).sub(logit.mul(inside)).mean();
    float crossing = 0;
    for (float v : silhouette) {
      crossing += v;
    }
    NDArray depthError = predictedDepth.sub(m.create(depth, rays)).abs().mul(inside).sum().mul(DEPTH_UNITS / Math.max(1f, crossing));
    return bce.add(depthError).mul((float) weight);
  }

  /**
   * The labels of ray {@code ray} of a view into slot {@code o}: 1 if any of its depth samples is
   * occupied, and the first occupied one as a fraction of the range (0 when it crosses nothing).
   */
  static void label(RayLabels labels, int ray, float[] silhouette, float[] depth, int o) {
    int first = labels.firstOccupied(ray);
    silhouette[o] = first < 0 ? 0 : 1;
    depth[o] = first < 0 ? 0 : first / (float) (labels.m() - 1);
  }
}
