package dev.rayform.recon.eval;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetFiles;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.generation.Reconstructor;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.io.MeshReaders;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.training.TrainingData;
import java.nio.file.Path;
import java.util.List;

/**
 * A model on a dataset split by the ONet protocol: each shape's view(s) reconstructed, moved to the
 * normalised object frame, and scored against the shape's ground truth: IoU on its labelled
 * evaluation points, Chamfer-L1, normal consistency and F-score on surface samples; also the
 * silhouette IoU from the input camera ({@link SilhouetteIou}), how far from upright the delivered product
 * would stand ({@link UprightError}) and the seconds a reconstruction took. The network is given each
 * view's camera as the protocol gives it: s, and the camera elevation to a network that reads it
 * (unless {@link #hidingElevation()}).
 */
public final class ModelEvaluation {
  /** Pixels per side of the silhouettes compared (the dataset renders' usual size). */
  static final int SILHOUETTE_SIZE = 224;

  private final TrainedModel model;
  private final ReconstructOptions options;
  private final MetricsOptions metrics;
  private final boolean elevationGiven;

  public ModelEvaluation(TrainedModel model, ReconstructOptions options, MetricsOptions metrics) {
    this(model, options, metrics, true);
  }

  private ModelEvaluation(TrainedModel model, ReconstructOptions options, MetricsOptions metrics, boolean elevationGiven) {
    this.model = model;
    this.options = options;
    this.metrics = metrics;
    this.elevationGiven = elevationGiven;
  }

  /** The same evaluation with the camera elevations not given to the network (a shop that does not know them). */
  public ModelEvaluation hidingElevation() {
    return new ModelEvaluation(model, options, metrics, false);
  }

  /** Evaluates the first {@code viewsPerShape} views of every shape of {@code split} ({@code all} for every split). */
  public EvaluationReport run(Path dataset, String split, int viewsPerShape, Progress progress) {
    return run(dataset, split, viewsPerShape, progress, null);
  }

  /** As {@link #run(Path, String, int, Progress)}, also putting the first view of shapes on {@code sheet}. */
  public EvaluationReport run(Path dataset, String split, int viewsPerShape, Progress progress, ComparisonSheet sheet) {
    Reconstructor reconstructor = new Reconstructor(model, options);
    ViewPredictor network = (data, shape, view) -> {
      double elevation = elevationGiven ? data.elevation(shape, view) : Double.NaN;
      Reconstructor.Result r = reconstructor.reconstruct(List.of(data.image(shape, view)), new double[] {data.scale(shape, view)},
          new double[] {elevation}).get(0);
      return r.cameraSpace() ? data.camera(shape, view).cameraToObject(r.mesh()) : r.mesh();
    };
    return score(new TrainingData(dataset, model.config(), split), viewsPerShape, metrics, progress, sheet, network);
  }

  /**
   * Scores {@code predictor} on the first {@code viewsPerShape} views of every shape of {@code data}'s
   * split, timing each prediction; the first view of shapes goes on {@code sheet} when not null.
   */
  public static EvaluationReport score(TrainingData data, int viewsPerShape, MetricsOptions metrics, Progress progress,
      ComparisonSheet sheet, ViewPredictor predictor) {
    int views = Math.min(viewsPerShape, data.manifest().viewsPerShape());
    EvaluationReport report = new EvaluationReport();
    progress.start("evaluate", (long) data.shapes().size() * views);
    for (DatasetManifest.Shape shape : data.shapes()) {
      Mesh gt = MeshReaders.read(data.shapeDir(shape).resolve("mesh.ply"));
      DatasetFiles.LabelledPoints points = data.points(shape);
      for (int v = 0; v < views; v++) {
        long t0 = System.nanoTime();
        Mesh pred = predictor.predict(data, shape, v);
        double seconds = (System.nanoTime() - t0) / 1e9;
        DatasetBuilder.ViewRecord camera = data.camera(shape, v);
        MeshMetricsResult scores = MeshMetrics.compute(pred, gt, points.xyz(), points.occupied(), metrics);
        report.add(shape.category(), scores, SilhouetteIou.of(pred, gt, camera, SILHOUETTE_SIZE), UprightError.of(pred, camera),
            seconds);
        if (sheet != null && v == 0 && sheet.wants(shape.category())) {
          sheet.add(shape.category(), ImageLoader.load(data.viewImage(shape, v)), pred, gt, scores.iou());
        }
        progress.step(1);
      }
    }
    progress.finish();
    return report;
  }
}
