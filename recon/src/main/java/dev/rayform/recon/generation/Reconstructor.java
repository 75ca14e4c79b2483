package dev.rayform.recon.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshCleanup;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import dev.rayform.recon.image.InputSilhouette;
import dev.rayform.recon.model.CameraCondition;
import dev.rayform.recon.model.GradMode;
import dev.rayform.recon.rays.DepthSampling;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.Onet;
import dev.rayform.recon.model.RayOnet;
import dev.rayform.recon.model.TrainedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Images to meshes with a trained network. Ray-ONet: {@code resolution^2} rays x M depths of
 * probabilities, resampled from the camera frustum onto a regular camera-space grid, marching cubes
 * at the threshold: a mesh in camera space. ONet: MISE over the object box (or a dense grid), a mesh
 * in object space. Images are encoded together in one batch; the decoder runs in chunks.
 */
public final class Reconstructor {
  /** ONet's evaluation box: the unit cube padded by 0.1 on each side. */
  public static final Aabb OBJECT_BOX = Aabb.cube(0.55);

  private final TrainedModel model;
  private final ReconstructOptions options;

  public Reconstructor(TrainedModel model, ReconstructOptions options) {
    this.model = model;
    this.options = options;
  }

  /** One image's result: the mesh and the work it took. */
  public record Result(Mesh mesh, boolean cameraSpace, long networkQueries) {}

  /**
   * Whether {@code model} under {@code options} averages each ray with the mirrored photo's
   * prediction: Ray-ONet only, and only a network shown mirrored images in training (one trained
   * without flips has no reason to predict them well).
   */
  public static boolean averagesMirrored(TrainedModel model, ReconstructOptions options) {
    return model.config().isRayOnet() && options.mirrorAverage() && model.info().sawMirroredImages();
  }

  /**
   * Reconstructs normalised CHW images ({@code 3 x S x S} each, S the network's input size); for
   * Ray-ONet {@code scale} is s (one per image), ignored by ONet; the camera elevations are not known.
   */
  public List<Result> reconstruct(List<float[]> images, double[] scale) {
    return reconstruct(images, scale, null);
  }

  /**
   * As {@link #reconstruct(List, double[])}, with each image's camera elevation above the product in
   * degrees ({@code NaN}, or a null array, where not known), which a network conditioned on it reads
   * ({@link CameraCondition}) and any other ignores.
   */
  public List<Result> reconstruct(List<float[]> images, double[] scale, double[] elevation) {
    return GradMode.off(() -> reconstructWithoutGrad(images, scale, elevation));
  }

  private List<Result> reconstructWithoutGrad(List<float[]> images, double[] scale, double[] elevation) {
    ModelConfig c = model.config();
    int s = c.imageSize(), n = images.size();
    List<Result> out = new ArrayList<>(n);
    boolean mirror = averagesMirrored(model, options);
    int encodedImages = mirror ? 2 * n : n;
    try (NDManager m = model.manager().newSubManager()) {
      float[] batch = new float[encodedImages * 3 * s * s];
      for (int i = 0; i < n; i++) {
        System.arraycopy(images.get(i), 0, batch, i * 3 * s * s, 3 * s * s);
        if (mirror) {
          System.arraycopy(MirroredRays.image(images.get(i), s), 0, batch, (n + i) * 3 * s * s, 3 * s * s);
        }
      }
      NDList encoded = model.network().encode(model.store(), m.create(batch, new Shape(encodedImages, 3, s, s)), false);
      for (int i = 0; i < n; i++) {
        NDList one = item(encoded, i);
        double e = elevation == null ? Double.NaN : elevation[i];
        out.add(c.isRayOnet() ? rayOnet(m, one, mirror ? item(encoded, n + i) : null, scale[i], e, images.get(i)) : onetMise(m, one.get(0)));
      }
    }
    return out;
  }

  private static NDList item(NDList encoded, int i) {
    NDList one = new NDList();
    for (NDArray e : encoded) {
      one.add(e.get(i).expandDims(0));
    }
    return one;
  }

  /** Ray-ONet probabilities of a {@code resolution^2} ray grid, {@code (v * R + u) * M + j}, the elevation not known. */
  public float[] rayProbabilities(NDManager m, NDList encoded, double scale) {
    return rayProbabilities(m, encoded, scale, Double.NaN, null);
  }

  /**
   * As {@link #rayProbabilities(NDManager, NDList, double)}, with the camera elevation ({@code NaN}:
   * not known), decoding only the rays where {@code decode} is true (all when null); the others stay
   * 0, empty.
   */
  public float[] rayProbabilities(NDManager m, NDList encoded, double scale, double elevation, boolean[] decode) {
    return GradMode.off(() -> rayProbabilitiesWithoutGrad(m, encoded, scale, elevation, decode));
  }

  private float[] rayProbabilitiesWithoutGrad(NDManager m, NDList encoded, double scale, double elevation, boolean[] decode) {
    RayOnet net = (RayOnet) model.network();
    int r = options.resolution(), mDepths = model.config().m();
    int[] rays = java.util.stream.IntStream.range(0, r * r).filter(i -> decode == null || decode[i]).toArray();
    float[] probs = new float[r * r * mDepths];
    NDArray camera = CameraCondition.of(m, model.config(), scale, elevation);
    ParameterStore ps = model.store();
    for (int start = 0; start < rays.length; start += options.rayChunk()) {
      int k = Math.min(options.rayChunk(), rays.length - start);
      float[] p = new float[2 * k];
      for (int i = 0; i < k; i++) {
        int ray = rays[start + i];
        p[2 * i] = ((ray % r) + 0.5f) / r;
        p[2 * i + 1] = ((ray / r) + 0.5f) / r;
      }
      try (NDManager chunk = m.newSubManager()) {
        NDArray logits = net.decodeRays(ps, encoded, p, k, camera, false);
        logits.attach(chunk);
        NDArray prob = Activation.sigmoid(logits);
        prob.attach(chunk);
        float[] values = prob.toFloatArray();
        for (int i = 0; i < k; i++) {
          System.arraycopy(values, i * mDepths, probs, rays[start + i] * mDepths, mDepths);
        }
      }
    }
    return probs;
  }

  /** One image's mesh; {@code mirrored}, when not null, is the encoding of the mirrored image, averaged in. */
  private Result rayOnet(NDManager m, NDList encoded, NDList mirrored, double scale, double elevation, float[] image) {
    int r = options.resolution();
    int size = model.config().imageSize();
    boolean[] foreground = options.carve() ? InputSilhouette.atRays(InputSilhouette.of(image, size), size, r) : null;
    float[] probs = rayProbabilities(m, encoded, scale, elevation, foreground);
    if (mirrored != null) {
      boolean[] mirroredForeground = foreground != null ? MirroredRays.flags(foreground, r) : null;
      MirroredRays.average(probs, rayProbabilities(m, mirrored, scale, elevation, mirroredForeground), r, model.config().m());
    }
    long decoded = (long) r * r;
    if (foreground != null) {
      liftWeakRays(probs, foreground, model.config().m(), options.threshold(), options.weakRayFloor());
      decoded = java.util.stream.IntStream.range(0, foreground.length).filter(i -> foreground[i]).count();
    }
    if (mirrored != null) {
      decoded *= 2;
    }
    Intrinsics k = Intrinsics.centered(model.config().imageSize(), model.config().imageSize(), model.info().normalizedFocal());
    return new Result(meshOfRays(probs, r, model.config().depthSampling(), k, options), true, decoded);
  }

  /**
   * Ray-ONet's occupancy probabilities of an {@code r x r} grid of rays ({@code (v * r + u) * M + j})
   * as a camera-space mesh: resampled from the frustum to a grid, surface at the threshold.
   */
  public static Mesh meshOfRays(float[] probs, int r, DepthSampling depths, Intrinsics k, ReconstructOptions options) {
    ScalarGrid grid = FrustumGrid.resampleAround(probs, r, r, depths, k, options.resolution(), options.threshold());
    if (options.gridBlur()) {
      grid = grid.blurred();
    }
    return cleaned(FrustumGrid.extractMesh(grid, options.threshold()), options);
  }

  /** The clean-up every extracted surface gets: loose fragments dropped, then smoothed. */
  static Mesh cleaned(Mesh surface, ReconstructOptions options) {
    if (options.smoothing() == 0) {
      return surface;
    }
    return MeshCleanup.smooth(MeshCleanup.dropFragments(surface, MeshCleanup.FRAGMENT_SHARE), options.smoothing());
  }

  /**
   * A ray through the product still crosses it, however unsure the network is. With {@code floor} 0,
   * a ray whose occupancies all fall below the threshold gets its most likely depth as surface
   * (halfway between the threshold and 1); with a floor, a ray whose largest occupancy {@code p} is
   * below it is scaled by {@code floor / p} ({@link ReconstructOptions#withWeakRayFloor}). A ray with
   * no positive occupancy gets the surface (at the floor, or halfway) at its first most likely depth.
   * Values that are not numbers are passed over in the search (the rule before this one stopped at a
   * NaN in the first depth and left that ray alone).
   */
  static void liftWeakRays(float[] probs, boolean[] foreground, int depths, float threshold, float floor) {
    float surface = floor == 0 ? 0.5f * (threshold + 1) : floor;
    for (int ray = 0; ray < foreground.length; ray++) {
      if (!foreground[ray]) {
        continue;
      }
      int from = ray * depths, best = -1;
      for (int j = from; j < from + depths; j++) {
        if (!Float.isNaN(probs[j]) && (best < 0 || probs[j] > probs[best])) {
          best = j;
        }
      }
      best = Math.max(best, from);
      float p = probs[best];
      if (floor != 0 && p > 0 && p < floor) {
        // In double: floor / p overflows a float for the denormal p of a confidently empty ray.
        double scale = (double) floor / p;
        for (int j = from; j < from + depths; j++) {
          probs[j] = (float) (probs[j] * scale);
        }
      } else if (!(p > threshold)) {
        probs[best] = surface;
      }
    }
  }

  /** ONet's probabilities of packed object-space points, in chunks. */
  public float[] pointProbabilities(NDManager m, NDArray z, float[] xyz) {
    return GradMode.off(() -> pointProbabilitiesWithoutGrad(m, z, xyz));
  }

  private float[] pointProbabilitiesWithoutGrad(NDManager m, NDArray z, float[] xyz) {
    Onet net = (Onet) model.network();
    int n = xyz.length / 3;
    float[] out = new float[n];
    for (int start = 0; start < n; start += options.pointChunk()) {
      int t = Math.min(options.pointChunk(), n - start);
      float[] chunkPts = new float[3 * t];
      System.arraycopy(xyz, 3 * start, chunkPts, 0, 3 * t);
      try (NDManager chunk = m.newSubManager()) {
        NDArray logits = net.decodePoints(model.store(), z, chunk.create(chunkPts, new Shape(1, t, 3)), false);
        logits.attach(chunk);
        NDArray prob = Activation.sigmoid(logits);
        prob.attach(chunk);
        System.arraycopy(prob.toFloatArray(), 0, out, start, t);
      }
    }
    return out;
  }

  private Result onetMise(NDManager m, NDArray z) {
    MiseResult mise = Mise.extract(OBJECT_BOX, options.miseBase(), options.miseSteps(), options.threshold(),
        xyz -> pointProbabilities(m, z, xyz));
    return new Result(cleaned(mise.mesh(options.threshold()), options), false, mise.pointsEvaluated());
  }

  /** ONet on a dense {@code (resolution+1)^3} grid: the baseline MISE is compared with. */
  public Result onetDense(float[] image) {
    return GradMode.off(() -> onetDenseWithoutGrad(image));
  }

  private Result onetDenseWithoutGrad(float[] image) {
    int s = model.config().imageSize();
    try (NDManager m = model.manager().newSubManager()) {
      NDArray z = model.network().encode(model.store(), m.create(image, new Shape(1, 3, s, s)), false).get(0);
      int n = options.resolution() + 1;
      double lo = OBJECT_BOX.minX(), step = OBJECT_BOX.sizeX() / options.resolution();
      float[] xyz = new float[3 * n * n * n];
      int i = 0;
      for (int zi = 0; zi < n; zi++) {
        for (int yi = 0; yi < n; yi++) {
          for (int xi = 0; xi < n; xi++) {
            xyz[i++] = (float) (lo + xi * step);
            xyz[i++] = (float) (lo + yi * step);
            xyz[i++] = (float) (lo + zi * step);
          }
        }
      }
      float[] probs = pointProbabilities(m, z, xyz);
      ScalarGrid grid = new ScalarGrid(n, n, n, probs, lo, lo, lo, step);
      return new Result(PredictedSurface.extract(grid, options.threshold()), false, (long) n * n * n);
    }
  }
}
