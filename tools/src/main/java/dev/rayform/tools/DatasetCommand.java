package dev.rayform.tools;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ShapeSource;
import dev.rayform.recon.data.ShapeSources;
import dev.rayform.recon.data.Stretch;
import dev.rayform.recon.data.ViewSampler;
import dev.rayform.recon.rays.DepthSampling;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rayform dataset ...}: building training and evaluation data. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Build Ray-ONet training and evaluation datasets.",
    subcommands = {DatasetCommand.Build.class, ContactSheetCommand.class, SampleCatalogCommand.class})
final class DatasetCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = {
        "Render views, label rays and sample evaluation points for shapes from a source.",
        "Per shape: mesh.ply, points.bin, surface.bin, rays.bin, cameras.json, view_NN.png; manifest.json at the top."
      })
  static final class Build implements Callable<Integer> {
    @Option(names = "--source", defaultValue = "procedural",
        description = "procedural, procedural-lights (light fittings filed under lamp, training material), procedural-seating (stools, folding chairs, deckchairs, loungers, cantilever and club chairs filed under chair, training material), sh3d, sh3d-other (the catalogues' objects of no class, training material), a folder of meshes (CATEGORY/NAME.obj...), or an archive (zip, tar, tar.gz). Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(names = "--categories", split = ",", description = "Categories to include (default: all the source has).")
    List<String> categories;

    @Option(names = "--shapes-per-category", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    int shapesPerCategory;

    @Option(names = "--views", defaultValue = "4", description = "Views per shape. Default: ${DEFAULT-VALUE}.")
    int views;

    @Option(names = "--seed", defaultValue = "0", description = "Seed; the same seed builds the same bytes. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--image-size", defaultValue = "224", description = "Default: ${DEFAULT-VALUE}.")
    int imageSize;

    @Option(names = "--rays", defaultValue = "5000", description = "Labelled rays per view. Default: ${DEFAULT-VALUE}.")
    int rays;

    @Option(names = "--depths", defaultValue = "128", description = "Samples per ray (M). Default: ${DEFAULT-VALUE}.")
    int depths;

    @Option(names = "--dmin", defaultValue = "0.63", description = "Nearest depth. Default: ${DEFAULT-VALUE}.")
    double dmin;

    @Option(names = "--dmax", defaultValue = "2.16", description = "Farthest depth. Default: ${DEFAULT-VALUE}.")
    double dmax;

    @Option(names = "--eval-points", defaultValue = "100000", description = "Default: ${DEFAULT-VALUE}.")
    int evalPoints;

    @Option(names = "--surface-points", defaultValue = "100000", description = "Default: ${DEFAULT-VALUE}.")
    int surfacePoints;

    @Option(names = "--mesh-resolution", defaultValue = "128",
        description = "Marching-cubes grid for procedural meshes. Default: ${DEFAULT-VALUE}.")
    int meshResolution;

    @Option(names = "--varied-light", description = "Light each view from its own random direction and intensity (training pools).")
    boolean variedLight;

    @Option(names = "--no-train-points", description = "No evaluation or surface points for training shapes (Ray-ONet trains on rays; "
        + "validation and test shapes keep theirs).")
    boolean noTrainPoints;

    @Option(names = "--stretched-copies", defaultValue = "0", description = "Also build each training shape this many times "
        + "stretched along its own axes (factors log-uniform in 1/" + Stretch.MAX_FACTOR + ".." + Stretch.MAX_FACTOR
        + " per axis, then normalised again): more distinct geometry from a few real models. Held-out shapes never are. "
        + "Default: ${DEFAULT-VALUE}.")
    int stretchedCopies;

    @Option(names = "--elevations", split = ",", paramLabel = "MIN,MAX", description = "The range the views' camera elevations "
        + "are drawn from, degrees. Default: " + (int) ViewSampler.DEFAULT_MIN_ELEVATION + "," + (int) ViewSampler.DEFAULT_MAX_ELEVATION
        + " (what the shipped models learnt from).")
    List<Double> elevations;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Share of each category's shapes held out for validation. Default: ${DEFAULT-VALUE}.")
    double valFraction;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share held out for testing. Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Mixin
    ProgressOption progress;

    @Override
    public Integer call() {
      ShapeSource shapes = ShapeSources.open(source, meshResolution);
      DatasetSpec spec = DatasetSpec.defaults()
          .withCategories(categories == null ? List.of() : OptionLists.named("--categories", categories))
          .withShapes(shapesPerCategory, views)
          .withSeed(seed)
          .withSizes(imageSize, rays, evalPoints, surfacePoints)
          .withDepths(new DepthSampling(depths, dmin, dmax))
          .withSplits(valFraction, testFraction)
          .withVariedLight(variedLight)
          .withTrainPoints(!noTrainPoints)
          .withStretchedCopies(stretchedCopies);
      if (elevations != null) {
        if (elevations.size() != 2) {
          throw new IllegalArgumentException("--elevations takes two degrees, MIN,MAX; got " + elevations);
        }
        spec = spec.withElevations(elevations.get(0), elevations.get(1));
      }
      long start = System.nanoTime();
      DatasetManifest manifest = new DatasetBuilder(shapes, spec).build(out, progress.bar());
      double seconds = (System.nanoTime() - start) / 1e9;
      int viewCount = manifest.shapes().size() * views;
      System.out.printf("dataset %s: %d shapes (%s), %d views in %.1f s (%.2f views/s)%n", out,
          manifest.shapes().size(), manifest.splits(), viewCount, seconds, viewCount / seconds);
      for (DatasetManifest.Failure f : manifest.failures()) {
        System.out.printf("  failed %s: [%s] %s%n", f.id(), f.code(), f.message());
      }
      return manifest.shapes().isEmpty() ? 3 : 0;
    }
  }
}
