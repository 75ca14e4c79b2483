package dev.rayform.recon.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetFiles;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.data.Seeds;
import dev.rayform.recon.eval.MeshMetrics;
import dev.rayform.recon.generation.FrustumGrid;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.generation.Reconstructor;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.inside.MeshInsideTest;
import dev.rayform.recon.model.CameraCondition;
import dev.rayform.recon.model.ComputeDevice;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.ParameterFile;
import dev.rayform.recon.model.RayOnet;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.model.Widening;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.RayLabels;
import dev.rayform.recon.util.ProcessMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains Ray-ONet or ONet on a dataset: Adam on BCE with logits (summed over a ray's M depths, or a
 * shape's points, averaged over rays or shapes), validation IoU on held-out shapes, checkpoints of
 * weights, optimiser state and step, and exact resume. Every step runs in its own NDManager, so
 * native memory stays flat. A model folder holds {@code model.json}, {@code params.bin} (latest),
 * {@code checkpoints/step-N/}, and {@code metrics.jsonl} (one JSON object per logged step).
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KEEP_CHECKPOINTS = 3;

  private final ModelConfig config;
  private final List<Path> datasets;
  private final Path out;
  private final TrainOptions options;
  private final Progress progress;
  private volatile Consumer<Map<String, Object>> steps = record -> {};
  private BooleanSupplier stopRequested = () -> false;
  private ComputeDevice device = ComputeDevice.AUTO;
  private Path init;
  private List<Double> datasetWeights;
  private List<Double> positiveWeights;

  public Trainer(ModelConfig config, Path dataset, Path out, TrainOptions options, Progress progress) {
    this(config, List.of(dataset), out, options, progress);
  }

  /** Trains on the train splits of several datasets pooled together (validation on their val splits). */
  public Trainer(ModelConfig config, List<Path> datasets, Path out, TrainOptions options, Progress progress) {
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("no datasets");
    }
    this.config = config;
    this.datasets = List.copyOf(datasets);
    this.out = out;
    this.options = options;
    this.progress = progress;
    this.datasetWeights = java.util.Collections.nCopies(this.datasets.size(), 1.0);
    this.positiveWeights = this.datasetWeights;
  }

  /**
   * Also hands every step's record (the {@code metrics.jsonl} line: step, loss, lr, rays_per_s, and
   * val_iou on validation steps) to {@code listener}, on the training thread; returns this.
   */
  public Trainer onStep(Consumer<Map<String, Object>> listener) {
    this.steps = listener;
    return this;
  }

  /**
   * Asks {@code stop} after every step whether to end the run early: once it answers true the run saves
   * a checkpoint at that step and returns, as {@link #runUntil} does at its last step, so a
   * {@code --resume} continues the same schedule (a signal to the CLI ends a run this way). Returns this.
   */
  public Trainer stopWhen(BooleanSupplier stop) {
    this.stopRequested = java.util.Objects.requireNonNull(stop, "stop");
    return this;
  }

  /** Trains on {@code device} (default {@code auto}: a GPU when libtorch sees one); returns this. */
  public Trainer on(ComputeDevice device) {
    this.device = java.util.Objects.requireNonNull(device, "device");
    return this;
  }

  /**
   * Starts a new run from the weights of the model in {@code modelDir} (a warm start: this network,
   * or a narrower one of the same design, {@link Widening widened}) instead of random ones; a resumed
   * run ignores its weights. Either way the trained model's {@code dataset} names that model's data
   * before this run's, as the weights saw both. Returns this.
   */
  public Trainer from(Path modelDir) {
    this.init = modelDir;
    return this;
  }

  /**
   * Multiplies each dataset's draw weight in the training batches (the square root of its item count,
   * {@link TrainingMix}) by its entry here, one per dataset in order; validation is unaffected. Returns this.
   */
  public Trainer weighting(List<Double> weights) {
    TrainingMix.requireWeights(weights, datasets.size());
    this.datasetWeights = List.copyOf(weights);
    return this;
  }

  /**
   * Weighs the loss of the occupied labels of each dataset's training items by its entry here, one
   * per dataset in order (their empty labels weigh 1; default 1 each): above 1 the network learns to
   * call matter of that kind of shape at lower odds, below 1 at higher. Validation is unaffected. Returns this.
   */
  public Trainer positiveWeighting(List<Double> weights) {
    TrainingMix.requirePositiveWeights(weights, datasets.size());
    this.positiveWeights = List.copyOf(weights);
    return this;
  }

  /**
   * What a run did: final step, last loss, last validation IoU (NaN if none), seconds spent, and whether
   * it ended before its last step because {@link #stopWhen} asked it to.
   */
  public record Summary(long step, double loss, double valIou, double seconds, List<Double> losses, boolean stopped) {}

  public Summary run() {
    return runUntil(options.steps());
  }

  /**
   * Trains up to step {@code until} (at most the planned {@code steps}) and stops there, with a
   * checkpoint: a long run in resumable chunks, each continuing the same schedule.
   */
  public Summary runUntil(long until) {
    long last = Math.min(until, options.steps());
    TrainingMix train = TrainingMix.open(datasets, datasetWeights, positiveWeights, config, "train");
    for (int i = 0; i < train.parts().size(); i++) {
      LOG.info("training draws {} of its items from {}, its occupied labels weighing {}", String.format("%.1f%%", 100 * train.share(i)),
          train.parts().get(i).root(), train.positiveWeight(i));
    }
    TrainingMix val = datasets.stream().anyMatch(d -> hasSplit(DatasetManifest.read(d), "val"))
        ? TrainingMix.open(datasets, config, "val") : null;
    ModelInfo info = ModelInfo.untrained(config);
    String trainedOn = init == null ? train.name() : ModelInfo.datasetUnion(Arrays.asList(ModelInfo.read(init).dataset(), train.name()));
    try (TrainedModel model = TrainedModel.create(info, options.seed(), device)) {
      Adam adam = new Adam(model.manager(), options.lr());
      EncoderHeads heads = options.denseWeight() > 0 ? new EncoderHeads(config, options.denseWeight()) : null;
      if (heads != null) {
        heads.initializeParameters(model.manager());
      }
      CategoryGuidance guidance = options.categoryWeight() > 0 ? new CategoryGuidance(config, train.categories(), options.categoryWeight()) : null;
      if (guidance != null) {
        guidance.initializeParameters(model.manager());
        LOG.info("category guidance over {} categories, weight {}", guidance.categories().size(), guidance.weight());
      }
      List<TrainingHead> trainedHeads = new ArrayList<>();
      if (heads != null) {
        trainedHeads.add(heads);
      }
      if (guidance != null) {
        trainedHeads.add(guidance);
      }
      long start = 0;
      double previousSeconds = 0;
      Path latest = options.resume() ? Checkpoints.latest(out) : null;
      if (latest != null) {
        Checkpoints.State state = Checkpoints.restore(latest, model, adam, trainedHeads);
        start = state.step();
        previousSeconds = state.wallSeconds();
        Checkpoints.truncateMetrics(out, start);
        LOG.info("resumed {} at step {}", out, start);
      } else if (Files.exists(out.resolve(ModelInfo.FILE)) && !options.resume()) {
        throw new ReconException("model_exists", out + " already holds a model; pass --resume to continue it or choose another --out");
      } else if (init != null) {
        boolean widened = Widening.loadInto(model.network(), init);
        LOG.info(widened ? "{} starts from the weights of {}, widened" : "{} starts from the weights of {}", out, init);
      }
      long t0 = System.nanoTime();
      double loss = Double.NaN, valIou = Double.NaN;
      List<Double> losses = new ArrayList<>();
      progress.start("train", options.steps());
      progress.step(start);
      long reached = Math.max(start, last);
      boolean stopped = false;
      for (long step = start + 1; step <= last; step++) {
        long s0 = System.nanoTime();
        TrainingData.Batch batch = train.batch(options.seed(), step, options.batch(), options.rays(), options.objectRays(), options.augment(),
            heads == null ? 0 : options.denseRays());
        hideElevations(batch, options.seed(), step, model.config().useElevation() ? options.hiddenElevations() : 1);
        adam.setLearningRate(options.lrAt(step));
        loss = trainStep(model, adam, batch, step, options.thinRayWeight(), heads, guidance);
        losses.add(loss);
        double stepSeconds = (System.nanoTime() - s0) / 1e9;
        double raysPerSecond = batch.size() * (double) batch.perItem() / stepSeconds;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.put("loss", loss);
        record.put("lr", options.lrAt(step));
        record.put("rays_per_s", Math.round(raysPerSecond));
        if (guidance != null) {
          record.put("category_loss", guidance.lastLoss());
        }
        record.put("rss_mib", Math.round(ProcessMemory.rssMiB()));
        if (options.validateEvery() > 0 && step % options.validateEvery() == 0) {
          if (val != null) {
            valIou = validate(model, val);
            record.put("val_iou", valIou);
          }
          if (config.isRayOnet()) {
            record.put("train_ray_iou", rayIou(model, train, options.valShapes()));
            if (val != null) {
              record.put("val_ray_iou", rayIou(model, val, options.valShapes()));
            }
          }
        }
        record.put("seconds", previousSeconds + (System.nanoTime() - t0) / 1e9);
        appendMetrics(record);
        steps.accept(record);
        progress.message(String.format("loss %.3f, %.0f rays/s%s", loss, raysPerSecond,
            Double.isNaN(valIou) ? "" : String.format(", val IoU %.3f", valIou)));
        progress.step(1);
        boolean stopping = step < last && stopRequested.getAsBoolean();
        if (step % options.checkpointEvery() == 0 || step == last || stopping) {
          double seconds = previousSeconds + (System.nanoTime() - t0) / 1e9;
          Checkpoints.save(out, model, adam, trainedHeads, step, options.seed(), seconds, KEEP_CHECKPOINTS);
          Map<String, Object> metrics = new LinkedHashMap<>();
          metrics.put("train_loss", loss);
          if (!Double.isNaN(valIou)) {
            metrics.put("val_iou", valIou);
          }
          ModelInfo trained = info.withTraining(trainedOn, train.normalizedFocal(),
              train.scaleRange(), step, seconds, metrics, options.augment());
          ParameterFile.save(model.network(), out.resolve(ModelInfo.PARAMS), false);
          trained.write(out);
        }
        if (stopping) {
          LOG.info("stopped {} at step {} of {} on request, with a checkpoint; --resume continues it", out, step, options.steps());
          reached = step;
          stopped = true;
          break;
        }
      }
      progress.finish();
      return new Summary(reached, loss, valIou, previousSeconds + (System.nanoTime() - t0) / 1e9, losses, stopped);
    }
  }

  private static boolean hasSplit(DatasetManifest m, String split) {
    return !m.shapes(split).isEmpty();
  }

  /**
   * One optimiser step; returns the loss.
   *
   * @throws ReconException {@code training_diverged} naming the step and the tensor when the loss or a
   *     gradient is not finite (the weights are left as they were)
   */
  /**
   * Hides each item's camera elevation with probability {@code share} (NaN: not known), drawn by a
   * generator of its own, so the rest of the batch is the same whatever the share.
   */
  static void hideElevations(TrainingData.Batch batch, long seed, long step, double share) {
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, "elevation", step));
    float[] elevations = batch.elevations();
    for (int i = 0; i < elevations.length; i++) {
      if (random.nextDouble() < share) {
        elevations[i] = Float.NaN;
      }
    }
  }

  public static double trainStep(TrainedModel model, Adam adam, TrainingData.Batch batch, long step) {
    return trainStep(model, adam, batch, step, 1);
  }

  /** As {@link #trainStep(TrainedModel, Adam, TrainingData.Batch, long)}, Ray-ONet's rays weighted by {@link ThinRays}. */
  public static double trainStep(TrainedModel model, Adam adam, TrainingData.Batch batch, long step, double thinRayWeight) {
    return trainStep(model, adam, batch, step, thinRayWeight, null);
  }

  /**
   * As {@link #trainStep(TrainedModel, Adam, TrainingData.Batch, long, double)}, plus the encoder's
   * dense supervision by {@code heads} on the batch's dense rays when both are there (the returned
   * loss includes it).
   */
  public static double trainStep(TrainedModel model, Adam adam, TrainingData.Batch batch, long step, double thinRayWeight,
      EncoderHeads heads) {
    return trainStep(model, adam, batch, step, thinRayWeight, heads, null);
  }

  /**
   * As {@link #trainStep(TrainedModel, Adam, TrainingData.Batch, long, double, EncoderHeads)}, plus
   * {@code guidance}'s loss on the images' global codes when it is not null (the returned loss
   * includes it).
   */
  public static double trainStep(TrainedModel model, Adam adam, TrainingData.Batch batch, long step, double thinRayWeight,
      EncoderHeads heads, CategoryGuidance guidance) {
    ModelConfig c = model.config();
    boolean dense = heads != null && batch.dense() != null;
    int b = batch.size(), k = batch.perItem();
    try (NDManager m = model.manager().newSubManager()) {
      NDArray loss;
      NDArray headLoss = null;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        BatchForward forward = BatchForward.of(model, m, batch, true);
        NDArray logits = forward.logits();
        NDArray code = forward.code();
        NDArray labels = m.create(batch.labels(), c.isRayOnet() ? new Shape(b, k, c.m()) : new Shape(b, k));
        if (dense && c.isRayOnet()) {
          TrainingData.Dense d = batch.dense();
          NDArray local = ((RayOnet) model.network()).localFeatures(model.store(), forward.encoded(), d.positions(), d.perItem(), true);
          headLoss = heads.loss(model.store(), local, d.silhouette(), d.depth(), true);
        }
        if (guidance != null) {
          NDArray metric = guidance.loss(model.store(), code, batch.categories(), true);
          headLoss = headLoss == null ? metric : headLoss.add(metric);
        }
        // BCE with logits, stable: softplus(x) - x y; summed over a ray's depths (a shape's points).
        NDArray bce = Activation.softPlus(logits).sub(logits.mul(labels));
        if (batch.weighsPositives()) {
          // an occupied label's term weighs w: 1 + (w - 1) y, w the item's
          float[] extra = new float[b];
          for (int i = 0; i < b; i++) {
            extra[i] = batch.positiveWeights()[i] - 1;
          }
          bce = bce.mul(labels.mul(m.create(extra, c.isRayOnet() ? new Shape(b, 1, 1) : new Shape(b, 1))).add(1));
        }
        NDArray perItem = bce.sum(new int[] {c.isRayOnet() ? 2 : 1});
        float[] weights = c.isRayOnet() ? ThinRays.weights(batch.labels(), c.m(), thinRayWeight) : null;
        loss = (weights == null ? perItem : perItem.mul(m.create(weights, new Shape(b, k)))).mean();
        if (headLoss != null) {
          loss = loss.add(headLoss);
        }
        gc.backward(loss);
      }
      float value = loss.getFloat();
      FiniteGuard.require(step, value, model.network().getParameters());
      ai.djl.util.PairList<String, ai.djl.nn.Parameter> parameters = model.network().getParameters();
      if (dense || guidance != null) {
        parameters = new ai.djl.util.PairList<>(parameters.keys(), parameters.values());
        if (dense) {
          parameters.addAll(heads.optimised());
        }
        if (guidance != null) {
          parameters.addAll(guidance.optimised());
        }
      }
      adam.update(parameters); // one update: Adam's step (its bias correction) counts training steps
      return value;
    }
  }

  /**
   * Mean IoU of the first view of up to {@code valShapes} held-out shapes spread over the datasets
   * and categories, by the ONet protocol's points.
   */
  double validate(TrainedModel model, TrainingMix val) {
    // A fixed protocol (the paper's threshold, no mirrored pass, no weak-ray floor): half the cost, and
    // curves comparable across runs whatever the product's defaults.
    Reconstructor reconstructor = new Reconstructor(model, ReconstructOptions.DEFAULT.withResolution(options.valResolution())
        .withThreshold(FrustumGrid.PAPER_THRESHOLD, 0).withMirrorAverage(false));
    List<TrainingMix.Pick> picks = val.spread(options.valShapes());
    double sum = 0;
    for (TrainingMix.Pick pick : picks) {
      sum += iou(model, reconstructor, pick.data(), pick.shape(), 0);
    }
    return picks.isEmpty() ? Double.NaN : sum / picks.size();
  }

  /**
   * IoU of the occupied ray samples (probability above the reconstruction threshold) against the
   * labels, pooled over the first view of up to {@code n} shapes spread over the pool: the same
   * measure on training and held-out views, so the gap between the two curves shows over-fitting.
   * Needs no evaluation points, which training shapes of a large pool do not have.
   */
  static double rayIou(TrainedModel model, TrainingMix mix, int n) {
    double threshold = ReconstructOptions.DEFAULT.threshold();
    double logit = Math.log(threshold / (1 - threshold));
    RayOnet net = (RayOnet) model.network();
    int s = model.config().imageSize();
    long intersection = 0, union = 0;
    for (TrainingMix.Pick pick : mix.spread(n)) {
      RayLabels labels = pick.data().rayLabels(pick.shape(), 0);
      float[] image = pick.data().image(pick.shape(), 0);
      double scale = pick.data().scale(pick.shape(), 0), elevation = pick.data().elevation(pick.shape(), 0);
      float[] logits = dev.rayform.recon.model.GradMode.off(() -> {
        try (NDManager m = model.manager().newSubManager()) {
          NDList encoded = net.encode(model.store(), m.create(image, new Shape(1, 3, s, s)), false);
          return net.decodeRays(model.store(), encoded, labels.pixels(), labels.k(),
                  CameraCondition.of(m, model.config(), scale, elevation), false)
              .toFloatArray();
        }
      });
      for (int r = 0; r < labels.k(); r++) {
        for (int j = 0; j < labels.m(); j++) {
          boolean predicted = logits[r * labels.m() + j] > logit, occupied = labels.occupied(r, j);
          intersection += predicted && occupied ? 1 : 0;
          union += predicted || occupied ? 1 : 0;
        }
      }
    }
    return union == 0 ? Double.NaN : intersection / (double) union;
  }

  /** IoU of the reconstruction of one view against the shape's labelled evaluation points. */
  public static double iou(TrainedModel model, Reconstructor reconstructor, TrainingData data, DatasetManifest.Shape shape, int view) {
    DatasetBuilder.ViewRecord camera = data.camera(shape, view);
    Reconstructor.Result r = reconstructor.reconstruct(List.of(data.image(shape, view)), new double[] {camera.s()},
        new double[] {camera.elevation()}).get(0);
    Mesh mesh = r.cameraSpace() ? camera.cameraToObject(r.mesh()) : r.mesh();
    DatasetFiles.LabelledPoints points = data.points(shape);
    if (mesh.isEmpty()) {
      return 0;
    }
    return MeshMetrics.iou(MeshInsideTest.of(mesh).inside(points.xyz()), points.occupied());
  }

  private void appendMetrics(Map<String, Object> record) {
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("metrics.jsonl"), JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + out.resolve("metrics.jsonl"), e);
    }
  }
}
