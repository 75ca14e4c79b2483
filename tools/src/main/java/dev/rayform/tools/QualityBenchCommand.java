package dev.rayform.tools;

import dev.rayform.recon.util.FileTrees;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ShapeSource;
import dev.rayform.recon.data.ShapeSources;
import dev.rayform.recon.data.ViewSampler;
import dev.rayform.recon.eval.EvaluationReport;
import dev.rayform.recon.eval.MetricsOptions;
import dev.rayform.recon.eval.ModelEvaluation;
import dev.rayform.recon.eval.RayCeiling;
import dev.rayform.recon.eval.RetrievalBaseline;
import dev.rayform.recon.eval.ViewPredictor;
import dev.rayform.recon.training.TrainingData;
import dev.rayform.recon.training.TrainingMix;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.generation.Reconstructor;
import dev.rayform.recon.model.DefaultModel;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.util.RayformHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rayform bench quality}: a model on the fixed quality benchmark, the one measure every model
 * and every training lever is judged by. Three sets, built once and cached under
 * {@code $RAYFORM_HOME/bench/quality}: fresh procedural shapes from a seed no training set uses (10 per
 * category, one view each, from 20-40 degrees above as the training views), the same from 0-60 degrees
 * (another seed), and the Sweet Home 3D test split (the split rule and seed of the shipped
 * model's data, so none of its shapes was trained on) when the catalogues are fetched. Reports per
 * category IoU with its standard error, Chamfer-L1, normal consistency, F-score, silhouette IoU from
 * the input camera and seconds per shape; writes its section of QUALITY.md.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {
      "Evaluate a model on the fixed quality benchmark: fresh procedural shapes (seed " + QualityBenchCommand.PROCEDURAL_SEED
          + ", never used in training), the same seen from 0-60 degrees (seed " + QualityBenchCommand.WIDE_ELEVATION_SEED
          + ") and the Sweet Home 3D test split (when scripts/fetch-sh3d has run).",
      "The sets are built once and cached under $RAYFORM_HOME/bench/quality. Writes the section 'quality:LABEL' of QUALITY.md."
    })
final class QualityBenchCommand implements Callable<Integer> {
  /** The procedural set's seed: no training set, test or documented run uses it. */
  static final long PROCEDURAL_SEED = 2027;
  /**
   * The seed of the procedural set seen from 0 to 60 degrees of camera elevation: shops photograph
   * products from near level too, where the other sets (and, until December 6, 2026, every training
   * view) stay within 20-40. No training set uses it.
   */
  static final long WIDE_ELEVATION_SEED = 2028;
  static final double WIDE_MIN_ELEVATION = 0, WIDE_MAX_ELEVATION = 60;
  /** The key of that set in the summary and the JSON. */
  static final String WIDE_ELEVATION_SET = "procedural-0-60";
  /** The Sweet Home 3D set's seed: the shipped model's data (sh3d-4v) was split with it. */
  static final long SH3D_SEED = 3;
  /**
   * The Sweet Home 3D set's renders, in its cache folder's name: since December 2026 the models are
   * drawn with their material maps (wood, fabric, screens), not their flat MTL colours, so a set
   * rendered before is not reused.
   */
  static final String SH3D_RENDERS = "textured";
  /** The categories whose thin parts the issue tracks separately. */
  static final Set<String> THIN = Set.of("airplane", "bench", "chair", "display", "lamp", "rifle", "table");

  @Option(names = "--model", description = "Model folder (default: the shipped default model).")
  Path model;

  @Option(names = "--label", description = "Name of the report's section (default: the model folder's name).")
  String label;

  /** Procedural shapes per category of the fixed benchmark. */
  static final int SHAPES_PER_CATEGORY = 10;

  @Option(names = "--shapes-per-category", defaultValue = "" + SHAPES_PER_CATEGORY,
      description = "Procedural shapes per category (a set of its own size is built and cached). Default: ${DEFAULT-VALUE}.")
  int shapesPerCategory;

  @Option(names = "--no-sh3d", description = "Leave out the Sweet Home 3D test split (included when the catalogues are there).")
  boolean noSh3d;

  @Mixin
  SurfaceOptions surface;

  @Option(names = "--no-carve", description = "Do not carve by the input silhouette (Ray-ONet), for the ablation.")
  boolean noCarve;

  @Option(names = "--smoothing", description = "Rounds of surface smoothing after dropping loose fragments (0: the raw "
      + "marching-cubes surface). Default: the reconstruction default.")
  Integer smoothing;

  @Option(names = "--grid-blur", description = "Blur the occupancy grid before marching cubes (the measured alternative to "
      + "surface smoothing; use with --smoothing 0).")
  boolean gridBlur;

  @Option(names = "--no-mirror-average", description = "Ray-ONet: do not average each ray with the network's prediction "
      + "for the mirrored image, for the ablation.")
  boolean noMirrorAverage;

  @Option(names = "--hide-elevation", description = "Do not give a network conditioned on the camera elevation the views' "
      + "elevations (as for a shop that does not know them); it is given them by default, as it is given s.")
  boolean hideElevation;

  @Option(names = "--resolution", defaultValue = "" + ReconstructOptions.DEFAULT_RESOLUTION, description = "Rays per side and grid size. Default: ${DEFAULT-VALUE}.")
  int resolution;

  @Option(names = "--points", defaultValue = "100000", description = "Surface samples per mesh. Default: ${DEFAULT-VALUE}.")
  int points;

  @Option(names = "--baseline", description = "Evaluate a reference instead of the model: 'ceiling' (the model's output pipeline "
      + "fed the ground-truth ray occupancies) or 'retrieval' (the --pool training view whose silhouette matches best, its mesh).")
  String baseline;

  @Option(names = "--pool", arity = "1..*", description = "Training datasets whose train splits the retrieval baseline searches.")
  List<Path> pool;

  @Option(names = "--json", description = "Print one JSON object instead of the tables.")
  boolean json;

  @Option(names = "--no-report", description = "Do not update QUALITY.md.")
  boolean noReport;

  @Mixin
  ProgressOption progress;

  /** One benchmark set: its dataset folder and the split evaluated. */
  record BenchSet(String title, Path dataset, String split, String source) {}

  @Override
  public Integer call() throws IOException {
    if (shapesPerCategory < 1) {
      throw new IllegalArgumentException("--shapes-per-category must be at least 1, got " + shapesPerCategory);
    }
    if (baseline != null && !Set.of("ceiling", "retrieval").contains(baseline)) {
      throw new IllegalArgumentException("--baseline must be ceiling or retrieval, got '" + baseline + "'");
    }
    if ("retrieval".equals(baseline) == (pool == null)) {
      throw new IllegalArgumentException("--pool goes with --baseline retrieval, and it needs one");
    }
    Path modelDir = model != null ? model : DefaultModel.path();
    String name = label != null ? label : baseline != null ? baseline : modelDir.toAbsolutePath().normalize().getFileName().toString();
    Path cache = RayformHome.path().resolve("bench").resolve("quality");
    Map<String, BenchSet> sets = new LinkedHashMap<>();
    sets.put("procedural", new BenchSet(String.format("Fresh procedural shapes (seed %d, %d per category, one view each)",
        PROCEDURAL_SEED, shapesPerCategory), procedural(cache), "all", "procedural"));
    sets.put(WIDE_ELEVATION_SET, new BenchSet(String.format(Locale.ROOT, "Fresh procedural shapes seen from %.0f-%.0f degrees above "
        + "(seed %d, %d per category, one view each)", WIDE_MIN_ELEVATION, WIDE_MAX_ELEVATION, WIDE_ELEVATION_SEED, shapesPerCategory),
        proceduralWideElevations(cache), "all", "procedural"));
    String sh3dNote = null;
    if (!noSh3d) {
      try {
        sets.put("sh3d", new BenchSet(String.format("Sweet Home 3D test split (seed %d, one view each, %s)", SH3D_SEED, SH3D_RENDERS), sweetHome(cache), "test", "sh3d"));
      } catch (ReconException e) {
        if (!"sh3d_missing".equals(e.code())) {
          throw e; // only missing catalogues skip the set; a failed build is an error
        }
        sh3dNote = "Sweet Home 3D set not run: " + e.getMessage();
        System.err.println(sh3dNote);
      }
    }
    Map<String, EvaluationReport> reports = new LinkedHashMap<>();
    boolean mirrored;
    boolean elevationRead;
    try (TrainedModel m = TrainedModel.load(modelDir)) {
      ReconstructOptions options = surface.applyTo(ReconstructOptions.DEFAULT.withResolution(resolution)).withCarving(!noCarve)
          .withSmoothing(smoothing != null ? smoothing : ReconstructOptions.DEFAULT_SMOOTHING).withGridBlur(gridBlur)
          .withMirrorAverage(!noMirrorAverage);
      MetricsOptions metrics = MetricsOptions.defaults().withSurfacePoints(points);
      ModelEvaluation given = new ModelEvaluation(m, options, metrics);
      ModelEvaluation evaluation = hideElevation ? given.hidingElevation() : given;
      elevationRead = m.config().useElevation();
      mirrored = Reconstructor.averagesMirrored(m, options);
      RetrievalBaseline retrieval = "retrieval".equals(baseline)
          ? RetrievalBaseline.index(TrainingMix.open(pool, m.config(), "train"), progress.bar(json)) : null;
      for (Map.Entry<String, BenchSet> e : sets.entrySet()) {
        BenchSet set = e.getValue();
        if (baseline == null) {
          reports.put(e.getKey(), evaluation.run(set.dataset(), set.split(), 1, progress.bar(json)));
          continue;
        }
        ViewPredictor reference = retrieval != null ? retrieval
            : new RayCeiling(ShapeSources.open(set.source(), 128), m.config().depthSampling(), m.info().normalizedFocal(), m.config().imageSize(), options);
        reports.put(e.getKey(), ModelEvaluation.score(new TrainingData(set.dataset(), m.config(), set.split()), 1, metrics,
            progress.bar(json), null, reference));
      }
    }
    String md = markdown(name, modelDir, sets, reports, sh3dNote, mirrored, elevationRead);
    System.out.println(json ? json(name, reports) : md);
    if (!noReport) {
      BenchmarkReport.update(BenchmarkReport.qualityPath(), sectionName(name), md);
    }
    return 0;
  }

  /** The name of a run's section in QUALITY.md ({@link BenchmarkReport}), by its label. */
  static String sectionName(String label) {
    return "quality:" + label;
  }

  private Path procedural(Path cache) {
    return procedural(cache.resolve("procedural-seed" + PROCEDURAL_SEED + "-" + shapesPerCategory), PROCEDURAL_SEED,
        ViewSampler.DEFAULT_MIN_ELEVATION, ViewSampler.DEFAULT_MAX_ELEVATION);
  }

  private Path proceduralWideElevations(Path cache) {
    return procedural(cache.resolve(String.format(Locale.ROOT, "procedural-seed%d-%d-elev%.0f-%.0f", WIDE_ELEVATION_SEED, shapesPerCategory,
        WIDE_MIN_ELEVATION, WIDE_MAX_ELEVATION)), WIDE_ELEVATION_SEED, WIDE_MIN_ELEVATION, WIDE_MAX_ELEVATION);
  }

  /** Fresh procedural shapes of {@code seed}, one view each, seen from the given elevations, cached in {@code dir}. */
  private Path procedural(Path dir, long seed, double minElevation, double maxElevation) {
    DatasetSpec spec = labelsNotNeeded(DatasetSpec.defaults().withShapes(shapesPerCategory, 1).withSeed(seed))
        .withElevations(minElevation, maxElevation);
    return cached(dir, ShapeSources.open("procedural", 128), spec);
  }

  private Path sweetHome(Path cache) {
    ShapeSource source = ShapeSources.open("sh3d", 128);
    DatasetSpec spec = labelsNotNeeded(DatasetSpec.defaults().withShapes(10_000, 1).withSeed(SH3D_SEED));
    return cached(cache.resolve("sh3d-seed" + SH3D_SEED + "-" + SH3D_RENDERS), source, spec);
  }

  /** Evaluation reads the renders, cameras and points: few ray labels are written. */
  private static DatasetSpec labelsNotNeeded(DatasetSpec spec) {
    DatasetSpec d = DatasetSpec.defaults();
    return spec.withSizes(d.imageSize(), 100, d.evalPoints(), d.surfacePoints());
  }

  /** The dataset in {@code dir}, built first when missing; a build cut short never passes for a set. */
  private Path cached(Path dir, ShapeSource source, DatasetSpec spec) {
    if (Files.isRegularFile(dir.resolve("manifest.json"))) {
      return dir;
    }
    Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
    try {
      FileTrees.delete(partial);
      System.err.println("building the benchmark set " + dir + " (once)");
      new DatasetBuilder(source, spec).build(partial, progress.bar(json));
      Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the benchmark set " + dir, e);
    }
    return dir;
  }

  private String markdown(String name, Path modelDir, Map<String, BenchSet> sets, Map<String, EvaluationReport> reports,
      String sh3dNote, boolean mirrored, boolean elevationRead) {
    StringBuilder md = new StringBuilder("## Benchmark: ").append(name).append("\n\n");
    md.append("Machine: ").append(BenchmarkReport.machine()).append("  \n");
    md.append("Command: `scripts/rayform bench quality").append(model != null ? " --model " + model : "")
        .append(label != null ? " --label " + label : "")
        .append(shapesPerCategory != SHAPES_PER_CATEGORY ? " --shapes-per-category " + shapesPerCategory : "")
        .append(surface.changedArguments())
        .append(resolution != ReconstructOptions.DEFAULT_RESOLUTION ? " --resolution " + resolution : "").append(noCarve ? " --no-carve" : "")
        .append(smoothing != null ? " --smoothing " + smoothing : "").append(gridBlur ? " --grid-blur" : "")
        .append(noMirrorAverage ? " --no-mirror-average" : "").append(hideElevation ? " --hide-elevation" : "")
        .append(baseline != null ? " --baseline " + baseline : "")
        .append(pool != null ? " --pool " + String.join(" ", pool.stream().map(Path::toString).toList()) : "").append("`  \n");
    if ("ceiling".equals(baseline)) {
      md.append("Reference: the ground-truth occupancies of ").append(resolution).append(" x ").append(resolution)
          .append(" rays at the depths of `").append(modelDir).append("`, through its output pipeline (").append(resolution)
          .append("^3, threshold ").append(surface.threshold).append("): what a perfect network would score\n\n");
    } else if ("retrieval".equals(baseline)) {
      md.append("Reference: for each view, the training view of the pool whose silhouette matches best (64 x 64), its mesh ")
          .append("placed in the test camera's frame\n\n");
    } else {
      md.append("Model: `").append(modelDir).append("`; ").append(resolution).append("^3, threshold ").append(surface.threshold)
          .append(noCarve ? ", not carved by the input silhouette" : ", carved by the input silhouette")
          .append(!noCarve && surface.weakRayFloor != 0 ? " (weak rays lifted to " + surface.weakRayFloor + ")" : "")
          .append(mirrored ? ", averaged with the mirrored image" : "")
          .append(elevationRead ? (hideElevation ? ", the camera elevation not given" : ", given each view's camera elevation") : "")
          .append(cleanUp()).append("\n\n");
    }
    StringBuilder summary = new StringBuilder();
    for (Map.Entry<String, EvaluationReport> e : reports.entrySet()) {
      EvaluationReport r = e.getValue();
      EvaluationReport.Summary mean = r.mean();
      md.append("### ").append(sets.get(e.getKey()).title()).append("\n\n").append(r.toMarkdown());
      md.append("\n");
      double thinMin = r.categories().entrySet().stream().filter(c -> THIN.contains(c.getKey()))
          .mapToDouble(c -> c.getValue().iou()).min().orElse(Double.NaN);
      summary.append(String.format(Locale.ROOT, "| %s | %d | %.3f +-%.3f | %.3f | %.3f | %.1f | %.2f |%n", e.getKey(), mean.shapes(),
          mean.iou(), mean.iouStandardError(), thinMin, mean.silhouetteIou(), mean.uprightErrorDegrees(), mean.secondsPerShape()));
    }
    if (sh3dNote != null) {
      md.append(sh3dNote).append("\n\n");
    }
    md.append("| set | shapes | mean IoU | lowest thin-category IoU | silhouette IoU | upright error (deg) | s/shape |\n"
        + "|---|---:|---:|---:|---:|---:|---:|\n")
        .append(summary);
    return md.toString();
  }

  private static String json(String name, Map<String, EvaluationReport> reports) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode().put("model", name);
    for (Map.Entry<String, EvaluationReport> e : reports.entrySet()) {
      root.set(e.getKey(), mapper.readTree(e.getValue().toJson()));
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private String cleanUp() {
    int rounds = smoothing != null ? smoothing : ReconstructOptions.DEFAULT_SMOOTHING;
    return (gridBlur ? ", occupancy grid blurred" : "")
        + (rounds > 0 ? ", loose fragments dropped and " + rounds + " rounds of Taubin smoothing" : ", raw surface");
  }
}
