package dev.rayform.recon.eval;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Occupancy;
import dev.rayform.recon.geometry.inside.MeshInsideTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * IoU, Chamfer-L1, normal consistency and F-score of a predicted mesh against ground truth, by
 * ONet's evaluation protocol (see {@link MetricsOptions} and {@link MeshMetricsResult}). Both
 * meshes are expected in the normalised frame ([-0.5, 0.5]^3). Deterministic for fixed options:
 * IoU points and the two meshes' surface samples come from separate streams of one seed.
 */
public final class MeshMetrics {
  private static final long GT_STREAM = 0x9E3779B97F4A7C15L;
  private static final long PRED_STREAM = 0xC2B2AE3D27D4EB4FL;

  private MeshMetrics() {}

  /** Metrics with the default options. */
  public static MeshMetricsResult compute(Mesh pred, Mesh gt) {
    return compute(pred, gt, MetricsOptions.defaults());
  }

  /**
   * Metrics with GT occupancy from its mesh inside test.
   *
   * @throws EmptyGroundTruthException when {@code gt} has no faces or no area
   */
  public static MeshMetricsResult compute(Mesh pred, Mesh gt, MetricsOptions options) {
    return compute(pred, gt, null, options);
  }

  /**
   * Metrics with exact GT occupancy for IoU (procedural shapes); {@code gt} is still sampled for the
   * surface metrics. A null {@code gtOccupancy} means the inside test of {@code gt}.
   *
   * @throws EmptyGroundTruthException when {@code gt} has no faces or no area
   */
  public static MeshMetricsResult compute(Mesh pred, Mesh gt, Occupancy gtOccupancy, MetricsOptions options) {
    return compute(pred, gt, gtOccupancy, options, (predOcc, gtOcc) -> iou(predOcc, gtOcc, options));
  }

  /**
   * Metrics with IoU on given labelled points (a dataset's evaluation points, whose occupancy came
   * from the shape's source); {@code gt} is sampled for the surface metrics.
   */
  public static MeshMetricsResult compute(Mesh pred, Mesh gt, float[] iouPoints, boolean[] gtInside, MetricsOptions options) {
    return compute(pred, gt, null, options, (predOcc, gtOcc) -> iou(predOcc.inside(iouPoints), gtInside));
  }

  private static MeshMetricsResult compute(Mesh pred, Mesh gt, Occupancy gtOccupancy, MetricsOptions options,
      java.util.function.ToDoubleBiFunction<Occupancy, Occupancy> iouOf) {
    requireGroundTruth(gt);
    if (pred.isEmpty() || !(pred.area() > 0)) {
      return MeshMetricsResult.emptyPrediction(options);
    }
    // The two meshes' structures are independent: build the GT side on another core meanwhile.
    CompletableFuture<Side> gtSide = CompletableFuture.supplyAsync(
        () -> Side.of(gt, gtOccupancy, options.surfacePoints(), options.seed() ^ GT_STREAM));
    Side predSide = Side.of(pred, null, options.surfacePoints(), options.seed() ^ PRED_STREAM);
    Side gtBuilt = joinUnwrapped(gtSide);
    double iou = iouOf.applyAsDouble(predSide.occupancy, gtBuilt.occupancy);
    OneWay predToGt = OneWay.of(predSide.samples, gtBuilt.tree, gtBuilt.samples.normals(), options.fscoreTau());
    OneWay gtToPred = OneWay.of(gtBuilt.samples, predSide.tree, predSide.samples.normals(), options.fscoreTau());
    double precision = predToGt.withinTau, recall = gtToPred.withinTau;
    double fscore = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    return new MeshMetricsResult(
        iou,
        0.5 * (predToGt.meanDistance + gtToPred.meanDistance),
        0.5 * (predToGt.meanNormalDot + gtToPred.meanNormalDot),
        fscore,
        predToGt.meanDistance,
        gtToPred.meanDistance,
        precision,
        recall);
  }

  /**
   * Volumetric IoU on {@code options.iouPoints()} points uniform in {@code options.iouBox()}; 0 when
   * no point is inside either solid (an undefined ratio counts as a miss).
   */
  public static double iou(Occupancy pred, Occupancy gt, MetricsOptions options) {
    float[] points = options.iouBox().uniformPoints(options.iouPoints(), options.seed());
    return iou(pred.inside(points), gt.inside(points));
  }

  /** IoU of two labellings of the same points; 0 when neither has a point inside. */
  public static double iou(boolean[] p, boolean[] g) {
    long intersection = 0, union = 0;
    for (int i = 0; i < p.length; i++) {
      intersection += p[i] && g[i] ? 1 : 0;
      union += p[i] || g[i] ? 1 : 0;
    }
    return union == 0 ? 0 : intersection / (double) union;
  }

  private static <T> T joinUnwrapped(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static void requireGroundTruth(Mesh gt) {
    if (gt == null || gt.isEmpty() || !(gt.area() > 0)) {
      throw new EmptyGroundTruthException("ground-truth mesh is empty (no faces or zero area): " + gt);
    }
  }

  /** What the metrics need of one mesh: occupancy, surface samples and a k-d tree over them. */
  private record Side(Occupancy occupancy, SurfaceSamples samples, KdTree tree) {
    static Side of(Mesh mesh, Occupancy exact, int samples, long seed) {
      SurfaceSamples s = SurfaceSampler.sample(mesh, samples, seed);
      return new Side(exact != null ? exact : MeshInsideTest.of(mesh), s, KdTree.of(s.points()));
    }
  }

  /** Distances, normal agreement and the within-tau fraction from one sample set to the other. */
  private record OneWay(double meanDistance, double meanNormalDot, double withinTau) {
    static OneWay of(SurfaceSamples from, KdTree to, float[] toNormals, double tau) {
      KdTree.Neighbours nn = to.nearest(from.points());
      float[] n = from.normals();
      double distance = 0, dot = 0;
      long within = 0;
      int count = from.size();
      for (int i = 0; i < count; i++) {
        distance += nn.distance()[i];
        within += nn.distance()[i] <= tau ? 1 : 0;
        int j = nn.index()[i];
        dot += Math.abs(n[3 * i] * toNormals[3 * j] + n[3 * i + 1] * toNormals[3 * j + 1] + n[3 * i + 2] * toNormals[3 * j + 2]);
      }
      return new OneWay(distance / count, dot / count, within / (double) count);
    }
  }
}
