package dev.rayform.recon.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.rayform.recon.model.encoder.ImageEncoder;

/** What Ray-ONet and ONet share: the configuration and encoder H. */
public abstract class ReconstructionNetwork extends AbstractBlock {
  private final ModelConfig config;
  private final ImageEncoder encoder;

  protected ReconstructionNetwork(ModelConfig config) {
    this.config = config;
    encoder = addChildBlock("encoder", new ImageEncoder(config));
  }

  /** Builds the network of {@code config.arch()}. */
  public static ReconstructionNetwork create(ModelConfig config) {
    return config.isRayOnet() ? new RayOnet(config) : new Onet(config);
  }

  public ModelConfig config() {
    return config;
  }

  protected ImageEncoder encoder() {
    return encoder;
  }

  /** Encoder H on normalised images {@code [B, 3, S, S]}: {@code [z]} or {@code [z, C]}. */
  public NDList encode(ParameterStore ps, NDArray images, boolean training) {
    return encoder.forward(ps, new NDList(images), training);
  }

  /** Input shapes that initialise every parameter (a batch of one). */
  public abstract Shape[] exampleInputShapes();

  /** Creates every parameter: random weights, with the zero/one initialisations of CBN and residual blocks. */
  public void initializeParameters(NDManager manager) {
    initialize(manager, DataType.FLOAT32, exampleInputShapes());
  }

  /** Trainable parameter count (batch-norm running statistics excluded). */
  public long trainableParameterCount() {
    long n = 0;
    for (Pair<String, Parameter> p : getParameters()) {
      if (p.getValue().requiresGradient()) {
        n += p.getValue().getArray().size();
      }
    }
    return n;
  }
}
