package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.job.JobType;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.generation.CameraToObject;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.generation.Reconstructor;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Normalization;
import dev.rayform.recon.geometry.ProductFrame;
import dev.rayform.recon.geometry.simplify.QuadricSimplifier;
import dev.rayform.recon.geometry.io.MeshWriters;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.render.Renderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code reconstruct}: one product photo to a mesh. Options: {@code formats} (glb, usdz, obj, ply;
 * glb by default), {@code faces} (a target face count: quadric simplification), {@code dimensions}
 * ({@code {width, depth, height, unit}}, any of the three: the mesh in metres at that size),
 * {@code resolution} (rays per side and grid, 128), {@code threshold} (0.2), {@code scale}
 * (Ray-ONet's s, the model's mean by default), {@code model} (a model id; the default model
 * otherwise). The mesh is y up with the origin at the centre of its base ({@link ProductFrame}),
 * in normalised units without dimensions. Artifacts: {@code mesh.<format>}, {@code preview.png}
 * (the mesh rendered), {@code metrics.json} (faces, vertices, watertight, bounding box, units,
 * timings).
 */
public final class ReconstructHandler implements JobHandler {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ModelCache models;

  public ReconstructHandler(ModelCache models) {
    this.models = models;
  }

  @Override
  public JobType type() {
    return JobType.RECONSTRUCT;
  }

  @Override
  public ObjectNode run(JobContext ctx) throws Exception {
    String upload = Options.requiredText(ctx.input(), "upload", "input");
    OutputSpec output = OutputSpec.of(ctx.options()).withDimensions(OutputSpec.dimensions(ctx.options(), "dimensions"));
    int resolution = Options.integer(ctx.options(), "resolution", 128, 16, 256);
    double threshold = Options.number(ctx.options(), "threshold", 0.2, 0, 1);
    Double scale = ctx.options().hasNonNull("scale") ? Options.number(ctx.options(), "scale", 1, 0, 100) : null;
    ctx.progress(0.02, "loading", "reading the image");
    Path imageFile = ctx.upload(upload);
    var image = badInputOnReconError(() -> ImageLoader.load(imageFile));
    Path modelDir = ctx.model(Options.text(ctx.options(), "model", null));
    long t0 = System.nanoTime();
    Mesh camera = models.with(modelDir, model -> {
      float[] chw = ImagePreprocessor.prepare(image, model.config().imageSize()).chw();
      if (ctx.cancelRequested()) {
        throw new JobCanceled(ctx.jobId());
      }
      ctx.progress(0.1, "network", "predicting occupancy along " + resolution * resolution + " rays");
      ReconstructOptions options = ReconstructOptions.DEFAULT.withResolution(resolution).withThreshold((float) threshold);
      double s = scale != null ? scale : model.info().sMean();
      Reconstructor.Result r = new Reconstructor(model, options).reconstruct(List.of(chw), new double[] {s}).get(0);
      return r.cameraSpace() ? CameraToObject.toViewerFrame(r.mesh()) : r.mesh();
    });
    long t1 = System.nanoTime();
    if (camera.isEmpty()) {
      throw JobFailure.badInput("empty_reconstruction",
          "nothing in the image reached the occupancy threshold " + threshold + "; is there an object on a plain background?");
    }
    if (ctx.cancelRequested()) {
      throw new JobCanceled(ctx.jobId());
    }
    ctx.progress(0.8, "writing", "writing " + output.formats());
    ObjectNode facts = writeOutputs(camera, output, ctx.workDir(), (t1 - t0) / 1e6, ctx::artifact);
    ctx.progress(1, "done", facts.get("faces").asInt() + " faces");
    return facts;
  }

  /** Where a result file goes: the job's (or a catalogue item's) artifacts. */
  @FunctionalInterface
  interface ArtifactSink {
    void store(String name, Path file, String contentType);
  }

  /**
   * Simplifies a result mesh (when the spec asks), puts it in the product frame, writes it in the
   * spec's formats with its preview and facts into {@code dir}, and hands each file to {@code sink};
   * returns the facts.
   *
   * @throws JobFailure (bad input) when the mesh cannot take the given dimensions
   */
  static ObjectNode writeOutputs(Mesh result, OutputSpec spec, Path dir, double networkMs, ArtifactSink sink) throws java.io.IOException {
    Mesh simplified = spec.faces() == null ? result : QuadricSimplifier.simplify(result, spec.faces());
    ProductFrame.Placed placed = badInputOnReconErrorUnchecked(() -> ProductFrame.place(simplified, spec.dimensions()));
    Mesh mesh = placed.mesh().withVertexNormals();
    Files.createDirectories(dir);
    for (String f : spec.formats()) {
      Path file = dir.resolve("mesh." + f);
      MeshWriters.write(mesh, file);
      sink.store("mesh." + f, file, contentType(f));
      if ("obj".equals(f) && Files.exists(MeshWriters.mtlPathFor(file))) {
        sink.store("mesh.mtl", MeshWriters.mtlPathFor(file), "text/plain");
      }
    }
    Path preview = dir.resolve("preview.png");
    renderPreview(mesh, preview);
    sink.store("preview.png", preview, "image/png");
    ObjectNode facts = MeshFacts.of(mesh);
    facts.put("units", placed.units());
    if (spec.dimensions() != null) {
      facts.set("dimensions", OutputSpec.toJson(spec.dimensions()));
    }
    if (spec.faces() != null) {
      facts.put("faces_target", spec.faces());
      facts.put("faces_reconstructed", result.faceCount());
    }
    facts.put("network_and_meshing_ms", networkMs);
    Path metrics = dir.resolve("metrics.json");
    Files.write(metrics, JSON.writeValueAsBytes(facts));
    sink.store("metrics.json", metrics, "application/json");
    return facts;
  }

  /** A 512x512 picture of the mesh, normalised, from the front-left and above. */
  static void renderPreview(Mesh mesh, Path file) {
    Mesh normalized = Normalization.normalize(mesh);
    Camera camera = new Camera(Intrinsics.centered(512, 512, 1.2), Extrinsics.orbit(-30, 20, 1.9));
    new Renderer().render(normalized, camera).writePng(file, false);
  }

  static String contentType(String format) {
    return switch (format) {
      case "glb" -> "model/gltf-binary";
      case "obj" -> "model/obj";
      case "ply" -> "application/x-ply";
      case "usdz" -> "model/vnd.usdz+zip";
      default -> "application/octet-stream";
    };
  }

  /** As {@link #badInputOnReconError} for work that throws no checked exception. */
  static <T> T badInputOnReconErrorUnchecked(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (dev.rayform.recon.progress.OperationCanceled e) {
      throw e;
    } catch (ReconException e) {
      throw new JobFailure(e.code(), e.getMessage(), false, e);
    }
  }

  /** Recon's typed errors on the input (bad image, bad mesh) fail the job without a retry. */
  static <T> T badInputOnReconError(java.util.concurrent.Callable<T> work) throws Exception {
    try {
      return work.call();
    } catch (ReconException e) {
      throw new JobFailure(e.code(), e.getMessage(), false, e);
    }
  }
}
