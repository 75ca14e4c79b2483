package dev.rayform.recon.data;

import dev.rayform.recon.rays.DepthSampling;
import java.util.List;

/**
 * What to build: categories (empty = every category of the source), shapes per category, views per
 * shape, the seed, and the sizes of everything written. Defaults follow Ray-ONet and ONet.
 * {@code variedLight}: each view lit from its own random direction and intensity (a training pool's
 * photometric variety) instead of the fixed studio light. {@code trainPoints}: whether training
 * shapes get evaluation and surface points too (Ray-ONet trains on ray labels alone; ONet and
 * validation need points, and held-out shapes always get them). {@code stretchedCopies}: each
 * training shape is also built that many times stretched along its axes ({@link Stretch}); held-out
 * shapes never are, so the splits and everything evaluated on them stay as they were.
 */
public record DatasetSpec(
    List<String> categories,
    int shapesPerCategory,
    int views,
    long seed,
    int imageSize,
    int raysPerView,
    DepthSampling depths,
    int evalPoints,
    int surfacePoints,
    double valFraction,
    double testFraction,
    boolean variedLight,
    boolean trainPoints,
    int stretchedCopies,
    double minElevation,
    double maxElevation) {

  /** The most stretched copies a training shape may get. */
  public static final int MAX_STRETCHED_COPIES = 64;
  /** Camera elevations lie within plus and minus this many degrees. */
  public static final double MAX_ELEVATION = 89;

  public static DatasetSpec defaults() {
    return new DatasetSpec(List.of(), 10, 4, 0, 224, 5000, DepthSampling.PAPER, 100_000, 100_000, 0.1, 0.2, false, true, 0,
        ViewSampler.DEFAULT_MIN_ELEVATION, ViewSampler.DEFAULT_MAX_ELEVATION);
  }

  public DatasetSpec {
    categories = List.copyOf(categories);
    if (shapesPerCategory < 1) {
      throw new IllegalArgumentException("shapes per category must be at least 1, got " + shapesPerCategory);
    }
    if (views < 1) {
      throw new IllegalArgumentException("views per shape must be at least 1, got " + views);
    }
    if (imageSize < 16 || imageSize > 4096) {
      throw new IllegalArgumentException("image size must be in 16..4096, got " + imageSize);
    }
    if (raysPerView < 1 || evalPoints < 0 || surfacePoints < 0) {
      throw new IllegalArgumentException("rays per view must be positive and point counts non-negative");
    }
    if (valFraction < 0 || testFraction < 0 || valFraction + testFraction >= 1) {
      throw new IllegalArgumentException("val and test fractions must be non-negative and leave room for training");
    }
    if (stretchedCopies < 0 || stretchedCopies > MAX_STRETCHED_COPIES) {
      throw new IllegalArgumentException("stretched copies per training shape must be in 0.." + MAX_STRETCHED_COPIES + ", got " + stretchedCopies);
    }
    if (!(minElevation >= -MAX_ELEVATION && minElevation <= maxElevation && maxElevation <= MAX_ELEVATION)) {
      throw new IllegalArgumentException("camera elevations must run from a minimum to a maximum within -" + (int) MAX_ELEVATION + ".."
          + (int) MAX_ELEVATION + " degrees, got " + minElevation + ".." + maxElevation);
    }
  }

  public DatasetSpec withCategories(List<String> c) {
    return new DatasetSpec(c, shapesPerCategory, views, seed, imageSize, raysPerView, depths, evalPoints, surfacePoints, valFraction, testFraction, variedLight, trainPoints, stretchedCopies, minElevation, maxElevation);
  }

  public DatasetSpec withShapes(int shapes, int viewsPerShape) {
    return new DatasetSpec(categories, shapes, viewsPerShape, seed, imageSize, raysPerView, depths, evalPoints, surfacePoints, valFraction, testFraction, variedLight, trainPoints, stretchedCopies, minElevation, maxElevation);
  }

  public DatasetSpec withSeed(long s) {
    return new DatasetSpec(categories, shapesPerCategory, views, s, imageSize, raysPerView, depths, evalPoints, surfacePoints, valFraction, testFraction, variedLight, trainPoints, stretchedCopies, minElevation, maxElevation);
  }

  public DatasetSpec withSizes(int image, int rays, int eval, int surface) {
    return new DatasetSpec(categories, shapesPerCategory, views, seed, image, rays, depths, eval, surface, valFraction, testFraction, variedLight, trainPoints, stretchedCopies, minElevation, maxElevation);
  }

  public DatasetSpec withDepths(DepthSampling d) {
    return new DatasetSpec(categories, shapesPerCategory, views, seed, imageSize, raysPerView, d, evalPoints, surfacePoints, valFraction, testFraction, variedLight, trainPoints, stretchedCopies, minElevation, maxElevation);
  }

  public DatasetSpec withSplits(double val, double test) {
    return new DatasetSpec(categories, shapesPerCategory, views, seed, imageSize, raysPerView, depths, evalPoints, surfacePoints, val, test, variedLight, trainPoints, stretchedCopies, minElevation, maxElevation);
  }

  public DatasetSpec withVariedLight(boolean varied) {
    return new DatasetSpec(categories, shapesPerCategory, views, seed, imageSize, raysPerView, depths, evalPoints, surfacePoints, valFraction, testFraction, varied, trainPoints, stretchedCopies, minElevation, maxElevation);
  }

  public DatasetSpec withTrainPoints(boolean points) {
    return new DatasetSpec(categories, shapesPerCategory, views, seed, imageSize, raysPerView, depths, evalPoints, surfacePoints, valFraction, testFraction, variedLight, points, stretchedCopies, minElevation, maxElevation);
  }

  public DatasetSpec withStretchedCopies(int copies) {
    return new DatasetSpec(categories, shapesPerCategory, views, seed, imageSize, raysPerView, depths, evalPoints, surfacePoints, valFraction, testFraction, variedLight, trainPoints, copies, minElevation, maxElevation);
  }

  /** Views drawn at elevations from {@code min} to {@code max} degrees (default 20-40). */
  public DatasetSpec withElevations(double min, double max) {
    return new DatasetSpec(categories, shapesPerCategory, views, seed, imageSize, raysPerView, depths, evalPoints, surfacePoints, valFraction, testFraction, variedLight, trainPoints, stretchedCopies, min, max);
  }
}
