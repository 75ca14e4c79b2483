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
import java.util.ArrayList;
import java.util.List;

/**
 * A model on a dataset split by the ONet protocol: each shape's view(s) reconstructed, moved to the
 * normalised object frame, and scored against the shape's ground truth: IoU on its labelled
 * evaluation points, Chamfer-L1, normal consistency and F-score on surface samples; also the
 * silhouette IoU from the input camera ({@link SilhouetteIou}) and the seconds a reconstruction took.
 */
public final class ModelEvaluation {
  /** Pixels per side of the silhouettes compared (the dataset renders' usual size). */
  static final int SILHOUETTE_SIZE = 224;

  private final TrainedModel model;
  private final ReconstructOptions options;
  private final MetricsOptions metrics;

  public ModelEvaluation(TrainedModel model, ReconstructOptions options, MetricsOptions metrics) {
    this.model = model;
    this.options = options;
    this.metrics = metrics;
  }

  /** Evaluates the first {@code viewsPerShape} views of every shape of {@code split} ({@code all} for every split). */
  public EvaluationReport run(Path dataset, String split, int viewsPerShape, Progress progress) {
    return run(dataset, split, viewsPerShape, progress, null);
  }

  /** As {@link #run(Path, String, int, Progress)}, also putting the first view of shapes on {@code sheet}. */
  public EvaluationReport run(Path dataset, String split, int viewsPerShape, Progress progress, ComparisonSheet sheet) {
    TrainingData data = new TrainingData(dataset, model.config(), split);
    int views = Math.min(viewsPerShape, data.manifest().viewsPerShape());
    Reconstructor reconstructor = new Reconstructor(model, options);
    EvaluationReport report = new EvaluationReport();
    progress.start("evaluate", (long) data.shapes().size() * views);
    for (DatasetManifest.Shape shape : data.shapes()) {
      Mesh gt = MeshReaders.read(data.shapeDir(shape).resolve("mesh.ply"));
      DatasetFiles.LabelledPoints points = data.points(shape);
      List<float[]> images = new ArrayList<>();
      double[] s = new double[views];
      for (int v = 0; v < views; v++) {
        images.add(data.image(shape, v));
        s[v] = data.scale(shape, v);
      }
      long t0 = System.nanoTime();
      List<Reconstructor.Result> results = reconstructor.reconstruct(images, s);
      double seconds = (System.nanoTime() - t0) / 1e9 / views;
      for (int v = 0; v < views; v++) {
        Reconstructor.Result r = results.get(v);
        DatasetBuilder.ViewRecord camera = data.camera(shape, v);
        Mesh pred = r.cameraSpace()
            ? camera.cameraToObject(r.mesh())
            : r.mesh();
        MeshMetricsResult scores = MeshMetrics.compute(pred, gt, points.xyz(), points.occupied(), metrics);
        report.add(shape.category(), scores, SilhouetteIou.of(pred, gt, camera, SILHOUETTE_SIZE), seconds);
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
