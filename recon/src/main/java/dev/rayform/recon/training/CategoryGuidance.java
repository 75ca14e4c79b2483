package dev.rayform.recon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import dev.rayform.recon.data.ShapeSource;
import dev.rayform.recon.model.ModelConfig;
import java.util.List;

/**
 * Category guidance (Planes vs. Chairs, Sec. 3.2), for training only: a learnable centre {@code c_k}
 * per category in the space of the global code z, and the normalised-softmax loss
 * {@code -log softmax_k(cos(z, c_k) / tau)[y]} that pulls each image's z towards its category's
 * centre and away from the others', so that shapes of one category share what the decoder learns
 * from z instead of each image's z memorising its own shape. The paper's temperature
 * ({@link #TEMPERATURE}); centres drawn uniformly and learnt by gradient descent. Inference never
 * reads the centres; checkpoints keep them ({@link #FILE}).
 *
 * <p>The categories are the training pool's, in the order given, less {@link ShapeSource#UNCLASSED}
 * (shapes of no class have no centre to be pulled to); an image of a category not among them adds
 * nothing to the loss.
 */
public final class CategoryGuidance extends AbstractBlock implements TrainingHead {
  /** The centres in a checkpoint folder. */
  static final String FILE = "category_centres.bin";
  /** The paper's temperature of the cosine similarities. */
  public static final double TEMPERATURE = 0.3;

  private final List<String> categories;
  private final int latentDim;
  private final double weight;
  private final Parameter centres;
  private volatile double lastLoss = Double.NaN;

  /** Centres for {@code categories} in {@code config}'s z space, their loss weighing {@code weight} (positive). */
  public CategoryGuidance(ModelConfig config, List<String> categories, double weight) {
    if (!config.useGlobal()) {
      throw new IllegalArgumentException("category guidance shapes the global code z, which this network does not use "
          + "(train without --ablation no-global)");
    }
    if (!(weight > 0 && weight < 1e3)) {
      throw new IllegalArgumentException("the category guidance weight must be in (0, 1000), got " + weight);
    }
    List<String> classes = categories.stream().filter(c -> !ShapeSource.UNCLASSED.equals(c)).toList();
    if (classes.size() < 2 || classes.stream().distinct().count() != classes.size()) {
      throw new IllegalArgumentException("category guidance needs at least two distinct categories, got " + categories);
    }
    this.categories = classes;
    this.latentDim = config.latentDim();
    this.weight = weight;
    centres = addParameter(Parameter.builder().setName("centres").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(classes.size(), latentDim)).optInitializer(new UniformInitializer(1f)).build());
  }

  public List<String> categories() {
    return categories;
  }

  public double weight() {
    return weight;
  }

  /** Creates the centres in {@code manager} (uniform in [-1, 1], from the engine's seed). */
  public void initializeParameters(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1, latentDim));
  }

  @Override
  public String file() {
    return FILE;
  }

  @Override
  public String prefix() {
    return "category_guidance/";
  }

  /** The cosine similarities {@code [B, K]} of each code in {@code z [B, D]} to each centre. */
  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray z = inputs.singletonOrThrow();
    NDArray c = ps.getValue(centres, z.getDevice(), training);
    return new NDList(unit(z).matMul(unit(c).transpose()));
  }

  private static NDArray unit(NDArray rows) {
    return rows.div(rows.norm(new int[] {1}, true).add(1e-8f));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputs) {
    return new Shape[] {new Shape(inputs[0].get(0), categories.size())};
  }

  /**
   * The weighted loss of a batch: {@code z [B, D]} the images' global codes, {@code labels} their
   * categories (null or unknown ones are left out); zero when none is known.
   */
  public NDArray loss(ParameterStore ps, NDArray z, String[] labels, boolean training) {
    NDManager m = z.getManager();
    int b = (int) z.getShape().get(0), k = categories.size();
    float[] oneHot = new float[b * k];
    int known = 0;
    for (int i = 0; i < b; i++) {
      int y = labels[i] == null ? -1 : categories.indexOf(labels[i]);
      if (y >= 0) {
        oneHot[i * k + y] = 1;
        known++;
      }
    }
    NDArray logits = forward(ps, new NDList(z), training).singletonOrThrow().div((float) TEMPERATURE);
    NDArray picked = logits.logSoftmax(1).mul(m.create(oneHot, new Shape(b, k))).sum();
    NDArray loss = picked.neg().div(Math.max(1, known));
    lastLoss = loss.getFloat();
    return loss.mul((float) weight);
  }

  /** The unweighted loss of the last batch {@link #loss} weighed (NaN before the first), for the training log. */
  public double lastLoss() {
    return lastLoss;
  }
}
