package dev.rayform.recon.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetFiles;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.data.Seeds;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.rays.BitPacking;
import dev.rayform.recon.rays.RayLabels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One split of a dataset: every (shape, view) of the split is an item. Images (preprocessed to the
 * network's input and kept as 8-bit RGB, a quarter of floats), ray shards and points are read on
 * first use and kept in the process's {@link TrainingCache} (bounded by the heap; what it drops is read
 * again), cameras (small) here. {@link TrainingMix}
 * draws batches from one or several of them.
 */
public final class TrainingData {
  private final Path root;
  private final DatasetManifest manifest;
  private final ModelConfig config;
  private final List<DatasetManifest.Shape> shapes;
  private final int views;
  private final TrainingCache cache;
  private final ConcurrentHashMap<String, List<DatasetBuilder.ViewRecord>> cameras = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One step's inputs and labels, flat and ready to become NDArrays; {@code dense} holds the rays
   * and labels of the encoder's dense supervision ({@link EncoderHeads}), or is null; {@code
   * categories} the category of each item (null where unknown), for {@link CategoryGuidance}; {@code
   * elevations} each item's camera elevation in degrees (NaN where unknown); {@code positiveWeights}
   * the loss weight of each item's occupied labels (its empty ones weigh 1), its dataset's in
   * {@link TrainingMix}.
   */
  public record Batch(int size, float[] images, float[] positions, float[] scales, float[] elevations, float[] points,
      float[] labels, int perItem, Dense dense, String[] categories, float[] positiveWeights) {
    public Batch(int size, float[] images, float[] positions, float[] scales, float[] points, float[] labels, int perItem) {
      this(size, images, positions, scales, filled(size, Float.NaN), points, labels, perItem, null, new String[size], filled(size, 1f));
    }

    static float[] filled(int size, float value) {
      float[] e = new float[size];
      java.util.Arrays.fill(e, value);
      return e;
    }

    /** Whether any item's occupied labels weigh other than 1. */
    public boolean weighsPositives() {
      for (float w : positiveWeights) {
        if (w != 1f) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code perItem} rays per image of the encoder's dense supervision: positions, silhouette and front-depth labels. */
  public record Dense(int perItem, float[] positions, float[] silhouette, float[] depth) {
    static Dense of(int batch, int perItem) {
      return new Dense(perItem, new float[batch * perItem * 2], new float[batch * perItem], new float[batch * perItem]);
    }
  }

  public TrainingData(Path root, ModelConfig config, String split) {
    this(root, config, split, TrainingCache.shared());
  }

  TrainingData(Path root, ModelConfig config, String split, TrainingCache cache) {
    this.cache = cache;
    this.root = root;
    this.manifest = DatasetManifest.read(root);
    this.config = config;
    this.shapes = manifest.shapes(split);
    this.views = manifest.viewsPerShape();
    if (shapes.isEmpty()) {
      throw new ReconException("dataset_empty", root + " has no shapes in split '" + split + "'");
    }
    if (config.isRayOnet() && manifest.depths().m() != config.m()) {
      throw new ReconException("dataset_mismatch", root + " labels M = " + manifest.depths().m()
          + " depths per ray, the network predicts M = " + config.m() + "; build the dataset with --depths " + config.m());
    }
    if (config.isRayOnet() && (Math.abs(manifest.depths().dmin() - config.dmin()) > 1e-6 || Math.abs(manifest.depths().dmax() - config.dmax()) > 1e-6)) {
      throw new ReconException("dataset_mismatch", "dataset depths [" + manifest.depths().dmin() + ", " + manifest.depths().dmax()
          + "] differ from the network's [" + config.dmin() + ", " + config.dmax() + "]");
    }
  }

  public Path root() {
    return root;
  }

  public DatasetManifest manifest() {
    return manifest;
  }

  public List<DatasetManifest.Shape> shapes() {
    return shapes;
  }

  public int itemCount() {
    return shapes.size() * views;
  }

  /** The batch of step {@code step} of this split alone: {@code batch} items, {@code perItem} rays (or points) each. */
  public Batch batch(long seed, long step, int batch, int perItem) {
    return TrainingMix.of(List.of(this)).batch(seed, step, batch, perItem, 0, false);
  }

  /**
   * Writes item {@code item} (a shape and view of this split), augmented by {@code augmentation}, into
   * slot {@code b} of {@code target}; each ray is, with probability {@code objectRays}, one of the
   * view's rays that cross the object.
   */
  void fill(int item, SplittableRandom random, Batch target, int b, double objectRays, Augmentation augmentation,
      SplittableRandom denseRandom) {
    DatasetManifest.Shape shape = shapes.get(item / views);
    int view = item % views;
    int pixels = 3 * config.imageSize() * config.imageSize(), m = config.m(), perItem = target.perItem();
    augmentation.apply(imageBytes(shape, view), config.imageSize(), target.images(), b * pixels);
    target.categories()[b] = shape.category();
    target.scales()[b] = (float) scale(shape, view);
    target.elevations()[b] = (float) elevation(shape, view);
    if (config.isRayOnet()) {
      RayLabels labelled = rays(shape).views().get(view);
      Dense dense = target.dense();
      if (dense != null) {
        for (int r = 0; r < dense.perItem(); r++) {
          int ray = denseRandom.nextInt(labelled.k()), o = b * dense.perItem() + r;
          dense.positions()[2 * o] = augmentation.x(labelled.pixels()[2 * ray]);
          dense.positions()[2 * o + 1] = labelled.pixels()[2 * ray + 1];
          EncoderHeads.label(labelled, ray, dense.silhouette(), dense.depth(), o);
        }
      }
      int[] crossing = objectRays > 0 ? crossingRays(shape, view, labelled) : null;
      for (int r = 0; r < perItem; r++) {
        int ray = crossing != null && crossing.length > 0 && random.nextDouble() < objectRays
            ? crossing[random.nextInt(crossing.length)] : random.nextInt(labelled.k());
        int o = b * perItem + r;
        target.positions()[2 * o] = augmentation.x(labelled.pixels()[2 * ray]);
        target.positions()[2 * o + 1] = labelled.pixels()[2 * ray + 1];
        for (int j = 0; j < m; j++) {
          target.labels()[o * m + j] = BitPacking.get(labelled.occupancy(), ray * m + j) ? 1f : 0f;
        }
      }
    } else {
      DatasetFiles.LabelledPoints p = points(shape);
      int n = p.occupied().length;
      for (int t = 0; t < perItem; t++) {
        int i = random.nextInt(n);
        int o = b * perItem + t;
        System.arraycopy(p.xyz(), 3 * i, target.points(), 3 * o, 3);
        target.labels()[o] = p.occupied()[i] ? 1f : 0f;
      }
    }
  }

  /** The rays of a view with at least one occupied depth. */
  private int[] crossingRays(DatasetManifest.Shape shape, int view, RayLabels labelled) {
    return cache.get(this, "crossing", shape.id() + "#" + view,
        () -> java.util.stream.IntStream.range(0, labelled.k()).filter(ray -> labelled.firstOccupied(ray) >= 0).toArray());
  }

  /** The side of the network input images this split is prepared for. */
  public int imageSize() {
    return config.imageSize();
  }

  ModelConfig config() {
    return config;
  }

  /** The network input of one view: the render composited on white, resized, normalised (CHW). */
  public float[] image(DatasetManifest.Shape shape, int view) {
    int size = config.imageSize();
    float[] chw = new float[3 * size * size];
    Augmentation.NONE.apply(imageBytes(shape, view), size, chw, 0);
    return chw;
  }

  private byte[] imageBytes(DatasetManifest.Shape shape, int view) {
    return cache.get(this, "image", shape.id() + "#" + view, () -> {
      java.awt.image.BufferedImage rgb = ImagePreprocessor.prepareFramed(ImageLoader.load(viewImage(shape, view)), config.imageSize()).rgb();
      int size = config.imageSize();
      int[] argb = rgb.getRGB(0, 0, size, size, null, 0, size);
      byte[] bytes = new byte[3 * argb.length];
      for (int i = 0; i < argb.length; i++) {
        bytes[3 * i] = (byte) (argb[i] >> 16);
        bytes[3 * i + 1] = (byte) (argb[i] >> 8);
        bytes[3 * i + 2] = (byte) argb[i];
      }
      return bytes;
    });
  }

  public Path viewImage(DatasetManifest.Shape shape, int view) {
    return root.resolve(shape.path()).resolve(String.format("view_%02d.png", view));
  }

  public Path shapeDir(DatasetManifest.Shape shape) {
    return root.resolve(shape.path());
  }

  /** Ray-ONet's scale calibration factor s of a view. */
  public double scale(DatasetManifest.Shape shape, int view) {
    return camera(shape, view).s();
  }

  /** The camera's elevation above the view's product, degrees. */
  public double elevation(DatasetManifest.Shape shape, int view) {
    return camera(shape, view).elevation();
  }

  /** The view's camera as the dataset stored it. */
  public DatasetBuilder.ViewRecord camera(DatasetManifest.Shape shape, int view) {
    return cameras.computeIfAbsent(shape.id(), k -> {
      try {
        return List.of(JSON.readValue(root.resolve(shape.path()).resolve("cameras.json").toFile(), DatasetBuilder.ViewRecord[].class));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the cameras of " + shape.id(), e);
      }
    }).get(view);
  }

  /** The labelled rays of one view. */
  public RayLabels rayLabels(DatasetManifest.Shape shape, int view) {
    return rays(shape).views().get(view);
  }

  private DatasetFiles.RayShard rays(DatasetManifest.Shape shape) {
    return cache.get(this, "rays", shape.id(), () -> DatasetFiles.readRays(root.resolve(shape.path()).resolve("rays.bin")));
  }

  public DatasetFiles.LabelledPoints points(DatasetManifest.Shape shape) {
    return cache.get(this, "points", shape.id(), () -> {
      Path file = root.resolve(shape.path()).resolve("points.bin");
      if (!java.nio.file.Files.exists(file)) {
        throw new ReconException("points_missing", "shape " + shape.id() + " of " + root + " (split " + shape.split()
            + ") has no evaluation points: the dataset was built with --no-train-points, which suits Ray-ONet's training only");
      }
      return DatasetFiles.readPoints(file);
    });
  }

  /** Every scale factor of the split: {@code [min, mean, max]}. */
  public double[] scaleRange() {
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
    int n = 0;
    for (DatasetManifest.Shape shape : shapes) {
      for (int v = 0; v < views; v++) {
        double s = scale(shape, v);
        min = Math.min(min, s);
        max = Math.max(max, s);
        sum += s;
        n++;
      }
    }
    return new double[] {min, sum / n, max};
  }

  /** Shapes listed, for the record. */
  public List<String> shapeIds() {
    List<String> ids = new ArrayList<>();
    shapes.forEach(s -> ids.add(s.id()));
    return ids;
  }
}
