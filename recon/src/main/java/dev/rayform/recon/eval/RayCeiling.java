package dev.rayform.recon.eval;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetManifest;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.generation.Reconstructor;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.data.ShapeRef;
import dev.rayform.recon.data.ShapeSource;
import dev.rayform.recon.geometry.Occupancy;
import dev.rayform.recon.rays.BitPacking;
import dev.rayform.recon.rays.DepthSampling;
import dev.rayform.recon.rays.RayLabels;
import dev.rayform.recon.rays.RaySampler;
import dev.rayform.recon.training.TrainingData;

/**
 * The ceiling of Ray-ONet's output pipeline: a perfect network. Each view's {@code r x r} rays get the
 * ground-truth occupancy at the network's M depths, and go through the same frustum resampling and
 * marching cubes at the threshold as a prediction; what this loses against the shape (thin parts
 * between rays or depths, the far side no ray's depths reach) no training can win back.
 */
public final class RayCeiling implements ViewPredictor {
  private final ShapeSource source;
  private final DepthSampling depths;
  private final double normalizedFocal;
  private final int networkImageSize;
  private final ReconstructOptions options;

  /** {@code source}: where the dataset's shapes come from; their occupancy is the one the labels were made with. */
  public RayCeiling(ShapeSource source, DepthSampling depths, double normalizedFocal, int networkImageSize, ReconstructOptions options) {
    this.source = source;
    this.depths = depths;
    this.normalizedFocal = normalizedFocal;
    this.networkImageSize = networkImageSize;
    this.options = options;
  }

  @Override
  public Mesh predict(TrainingData data, DatasetManifest.Shape shape, int view) {
    DatasetBuilder.ViewRecord v = data.camera(shape, view);
    Camera camera = new Camera(new Intrinsics(v.width(), v.height(), v.fx(), v.fy(), v.cx(), v.cy()), new Extrinsics(v.r(), v.t()));
    Occupancy occupancy = source.load(new ShapeRef(shape.id(), shape.category(), shape.sourceId())).occupancy();
    int r = options.resolution();
    float[] pixels = new float[2 * r * r];
    for (int ray = 0; ray < r * r; ray++) {
      pixels[2 * ray] = ((ray % r) + 0.5f) / r;
      pixels[2 * ray + 1] = ((ray / r) + 0.5f) / r;
    }
    RayLabels labels = new RaySampler(depths).label(camera, v.objectScale(), occupancy, pixels);
    float[] probs = new float[r * r * depths.m()];
    for (int i = 0; i < probs.length; i++) {
      probs[i] = BitPacking.get(labels.occupancy(), i) ? 1f : 0f;
    }
    Intrinsics k = Intrinsics.centered(networkImageSize, networkImageSize, normalizedFocal);
    return v.cameraToObject(Reconstructor.meshOfRays(probs, r, depths, k, options));
  }
}
