package dev.rayform.recon.training;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.data.Seeds;
import dev.rayform.recon.model.ModelConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The same split of one or several datasets as one pool of (shape, view) items, so procedural and
 * real shapes train together. The batch of step t draws its items, rays and points from a generator
 * seeded by (seed, t), so a run resumed at step t sees exactly the batches an uninterrupted run would.
 */
public final class TrainingMix {
  private final List<TrainingData> parts;
  private final double[] cumulativeWeight;
  private final float[] positiveWeights;
  private final long items;

  private TrainingMix(List<TrainingData> parts, List<Double> weights, List<Double> positiveWeights) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no datasets");
    }
    requireWeights(weights, parts.size());
    requirePositiveWeights(positiveWeights, parts.size());
    double focal = parts.get(0).manifest().normalizedFocal();
    for (TrainingData part : parts) {
      if (Math.abs(part.manifest().normalizedFocal() - focal) > 1e-9) {
        throw new ReconException("dataset_mismatch", "datasets rendered with different focal lengths ("
            + focal + " and " + part.manifest().normalizedFocal() + ") cannot train one model");
      }
    }
    this.parts = List.copyOf(parts);
    this.cumulativeWeight = new double[parts.size()];
    this.positiveWeights = new float[parts.size()];
    long n = 0;
    double w = 0;
    for (int i = 0; i < parts.size(); i++) {
      n += parts.get(i).itemCount();
      w += weights.get(i) * Math.sqrt(parts.get(i).itemCount());
      cumulativeWeight[i] = w;
      this.positiveWeights[i] = positiveWeights.get(i).floatValue();
    }
    this.items = n;
  }

  public static TrainingMix of(List<TrainingData> parts) {
    return new TrainingMix(parts, ones(parts.size()), ones(parts.size()));
  }

  private static List<Double> ones(int n) {
    return Collections.nCopies(n, 1.0);
  }

  /** The split {@code split} of every dataset that has one; {@code dataset_empty} if none has. */
  public static TrainingMix open(List<java.nio.file.Path> datasets, ModelConfig config, String split) {
    return open(datasets, ones(datasets.size()), config, split);
  }

  /**
   * As {@link #open(List, ModelConfig, String)}, with each dataset's draw weight (the square root of
   * its item count) multiplied by its entry in {@code weights}: a lever on the share of, say, real
   * shapes in the batches, without copying them.
   */
  public static TrainingMix open(List<java.nio.file.Path> datasets, List<Double> weights, ModelConfig config, String split) {
    return open(datasets, weights, ones(datasets.size()), config, split);
  }

  /**
   * As {@link #open(List, List, ModelConfig, String)}, with the loss weight of the occupied labels of
   * each dataset's items in {@code positiveWeights} (their empty labels weigh 1): a lever on how sure
   * the network must be of one kind of shape's matter, say real furniture it under-fills, without
   * touching the others'.
   */
  public static TrainingMix open(List<java.nio.file.Path> datasets, List<Double> weights, List<Double> positiveWeights,
      ModelConfig config, String split) {
    requireWeights(weights, datasets.size());
    requirePositiveWeights(positiveWeights, datasets.size());
    List<TrainingData> parts = new ArrayList<>();
    List<Double> kept = new ArrayList<>(), keptPositive = new ArrayList<>();
    for (int i = 0; i < datasets.size(); i++) {
      java.nio.file.Path root = datasets.get(i);
      if (!DatasetManifest.read(root).shapes(split).isEmpty()) {
        parts.add(new TrainingData(root, config, split));
        kept.add(weights.get(i));
        keptPositive.add(positiveWeights.get(i));
      }
    }
    if (parts.isEmpty()) {
      throw new ReconException("dataset_empty", "no shapes in split '" + split + "' of " + datasets);
    }
    return new TrainingMix(parts, kept, keptPositive);
  }

  /** Refuses anything but one positive, finite weight for each of {@code datasets} datasets. */
  static void requireWeights(List<Double> weights, int datasets) {
    if (weights.size() != datasets) {
      throw new IllegalArgumentException(weights.size() + " dataset weights for " + datasets + " datasets");
    }
    for (double weight : weights) {
      if (!(weight > 0 && weight < 1e6)) {
        throw new IllegalArgumentException("a dataset weight must be positive and finite, got " + weight);
      }
    }
  }

  /** The largest positive weight accepted; beyond it a dataset's matter would swamp the batch's loss. */
  public static final double MAX_POSITIVE_WEIGHT = 16;

  /** Refuses anything but one positive weight in [1/{@link #MAX_POSITIVE_WEIGHT}, {@link #MAX_POSITIVE_WEIGHT}] for each of {@code datasets} datasets. */
  static void requirePositiveWeights(List<Double> weights, int datasets) {
    if (weights.size() != datasets) {
      throw new IllegalArgumentException(weights.size() + " positive weights for " + datasets + " datasets");
    }
    for (double weight : weights) {
      if (!(weight >= 1 / MAX_POSITIVE_WEIGHT && weight <= MAX_POSITIVE_WEIGHT)) {
        throw new IllegalArgumentException("a positive weight must be in [" + 1 / MAX_POSITIVE_WEIGHT + ", "
            + MAX_POSITIVE_WEIGHT + "], got " + weight);
      }
    }
  }

  /** The loss weight of the occupied labels of dataset {@code part}'s items. */
  public double positiveWeight(int part) {
    return positiveWeights[part];
  }

  /** The probability that a batch item is drawn from dataset {@code part}. */
  public double share(int part) {
    double total = cumulativeWeight[parts.size() - 1];
    return (cumulativeWeight[part] - (part == 0 ? 0 : cumulativeWeight[part - 1])) / total;
  }

  public List<TrainingData> parts() {
    return parts;
  }

  public long itemCount() {
    return items;
  }

  public double normalizedFocal() {
    return parts.get(0).manifest().normalizedFocal();
  }

  /**
   * The batch of step {@code step}: {@code batch} items drawn from the pool, {@code perItem} rays (or
   * points) each, a fraction {@code objectRays} of the rays among those crossing the object; with
   * {@code augment}, each item flipped and colour-jittered ({@link Augmentation}). A dataset is drawn
   * with a probability in proportion to the square root of its item count, so a small set of real
   * shapes still appears in a good share of the batches next to a pool of thousands of procedural
   * ones without being repeated as often as the pool's items (times the dataset's weight, 1 unless
   * {@link #open(List, List, ModelConfig, String)} was given others); within a dataset, items are uniform.
   */
  public TrainingData.Batch batch(long seed, long step, int batch, int perItem, double objectRays, boolean augment) {
    return batch(seed, step, batch, perItem, objectRays, augment, 0);
  }

  /**
   * As {@link #batch(long, long, int, int, double, boolean)}, with {@code denseRays} rays per image
   * (Ray-ONet; 0: none) for the encoder's dense supervision, drawn uniformly from each view's labelled
   * rays by a generator of their own: the rest of the batch is the same with or without them.
   */
  public TrainingData.Batch batch(long seed, long step, int batch, int perItem, double objectRays, boolean augment, int denseRays) {
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, "batch", step));
    SplittableRandom denseRandom = new SplittableRandom(Seeds.mix(seed, "dense", step));
    ModelConfig config = parts.get(0).config();
    int s = config.imageSize();
    boolean rayOnet = config.isRayOnet();
    if (denseRays < 0 || (denseRays > 0 && !rayOnet)) {
      throw new IllegalArgumentException("dense rays are Ray-ONet's and not negative, got " + denseRays + " for " + config.arch());
    }
    TrainingData.Batch out = new TrainingData.Batch(batch, new float[batch * 3 * s * s],
        rayOnet ? new float[batch * perItem * 2] : null, new float[batch], new float[batch],
        rayOnet ? null : new float[batch * perItem * 3], new float[batch * perItem * (rayOnet ? config.m() : 1)], perItem,
        denseRays > 0 ? TrainingData.Dense.of(batch, denseRays) : null, new String[batch], new float[batch]);
    for (int b = 0; b < batch; b++) {
      double u = random.nextDouble() * cumulativeWeight[parts.size() - 1];
      int part = 0;
      while (part < parts.size() - 1 && cumulativeWeight[part] <= u) {
        part++;
      }
      TrainingData data = parts.get(part);
      out.positiveWeights()[b] = positiveWeights[part];
      int item = random.nextInt(data.itemCount());
      data.fill(item, random, out, b, objectRays, augment ? Augmentation.draw(random) : Augmentation.NONE, denseRandom);
    }
    return out;
  }

  /** The categories of the pool's shapes, sorted. */
  public List<String> categories() {
    return parts.stream().flatMap(p -> p.shapes().stream()).map(DatasetManifest.Shape::category).distinct().sorted().toList();
  }

  /** Every scale factor of the pool: {@code [min, mean, max]}. */
  public double[] scaleRange() {
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, weighted = 0;
    for (TrainingData part : parts) {
      double[] r = part.scaleRange();
      min = Math.min(min, r[0]);
      max = Math.max(max, r[2]);
      weighted += r[1] * part.itemCount();
    }
    return new double[] {min, weighted / items, max};
  }

  /**
   * Up to {@code n} shapes for validation, shared out evenly over the datasets and, within each,
   * spread evenly over its list (which is sorted by category), so every category has a say.
   */
  public List<Pick> spread(int n) {
    List<Pick> out = new ArrayList<>();
    int left = n;
    for (int p = 0; p < parts.size(); p++) {
      TrainingData part = parts.get(p);
      List<DatasetManifest.Shape> shapes = part.shapes();
      int take = Math.min(shapes.size(), left / (parts.size() - p));
      for (int i = 0; i < take; i++) {
        out.add(new Pick(part, shapes.get((int) ((long) i * shapes.size() / take))));
      }
      left -= take;
    }
    return out;
  }

  /** The datasets' folder names joined with '+', for the model card. */
  public String name() {
    return parts.stream().map(p -> p.root().getFileName().toString()).collect(Collectors.joining("+"));
  }

  /** One shape of one of the datasets. */
  public record Pick(TrainingData data, DatasetManifest.Shape shape) {}
}
