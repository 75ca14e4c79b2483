package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.job.JobType;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Normalization;
import dev.rayform.recon.geometry.io.MeshWriters;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.product.Product;
import dev.rayform.recon.product.ProductPipeline;
import dev.rayform.recon.render.ReconstructionSheet;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code reconstruct}: one product photo to a mesh through the image-to-product pipeline
 * ({@link ProductPipeline}). Options: core's {@code ProductJobOptions}, read by {@link OutputSpec}
 * ({@code dimensions}, any of width, depth, height with a unit: the mesh in metres at that size;
 * {@code model}: a model id, the default model otherwise). The mesh is y up with the origin at the
 * centre of its base, in normalised units without dimensions. Artifacts: {@code mesh.<format>},
 * {@code preview.png} (the mesh rendered; not with {@code "preview": false}), {@code input.png} (the photo as the network saw it, the background faded),
 * {@code metrics.json} (faces, vertices, watertight, bounding box, units, colour, timings).
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
    OutputSpec options = OutputSpec.of(ctx.options());
    OutputSpec output = options.withDimensions(OutputSpec.realDimensions(options.job().dimensions()));
    ctx.progress(0.02, "loading", "reading the image");
    Path imageFile = ctx.upload(upload);
    var image = badInputOnReconError(() -> ImageLoader.load(imageFile));
    Path modelDir = ctx.model(output.job().model());
    if (ctx.cancelRequested()) {
      throw new JobCanceled(ctx.jobId());
    }
    int rays = output.product().resolution() * output.product().resolution();
    ctx.progress(0.1, "network", "separating the product and predicting occupancy along " + rays + " rays");
    Product product = badInputOnReconError(() -> models.with(modelDir, model -> new ProductPipeline(model, output.product()).reconstruct(image)));
    if (ctx.cancelRequested()) {
      throw new JobCanceled(ctx.jobId());
    }
    ctx.progress(0.8, "writing", "writing " + output.formats());
    ObjectNode facts = writeOutputs(product, output, ctx.workDir(), ctx::artifact);
    ctx.progress(1, "done", facts.get("faces").asInt() + " faces");
    return facts;
  }

  /** Where a result file goes: the job's (or a catalogue item's) artifacts. */
  @FunctionalInterface
  interface ArtifactSink {
    void store(String name, Path file, String contentType);
  }

  /**
   * Writes a product in the spec's formats with its preview, the network's input beside it and its
   * facts into {@code dir}, and hands each file to {@code sink}; returns the facts.
   */
  static ObjectNode writeOutputs(Product product, OutputSpec spec, Path dir, ArtifactSink sink) throws java.io.IOException {
    Mesh mesh = product.mesh();
    Files.createDirectories(dir);
    for (String f : spec.formats()) {
      Path file = dir.resolve("mesh." + f);
      MeshWriters.write(mesh, file);
      sink.store("mesh." + f, file, contentType(f));
      if ("obj".equals(f) && Files.exists(MeshWriters.mtlPathFor(file))) {
        sink.store("mesh.mtl", MeshWriters.mtlPathFor(file), "text/plain");
        if (mesh.hasTexture()) {
          sink.store("mesh.jpg", MeshWriters.texturePathFor(file), "image/jpeg");
        }
      }
    }
    if (spec.job().preview()) {
      Path preview = dir.resolve("preview.png");
      renderPreview(mesh, preview);
      sink.store("preview.png", preview, "image/png");
    }
    Path input = dir.resolve("input.png");
    Rendering.writePng(ReconstructionSheet.withMask(product.input()), input);
    sink.store("input.png", input, "image/png");
    ObjectNode facts = MeshFacts.of(mesh);
    facts.put("units", product.units());
    if (spec.dimensions() != null) {
      facts.set("dimensions", OutputSpec.toJson(spec.dimensions()));
    }
    if (spec.product().cameraElevation() != null) {
      facts.put("camera_elevation", spec.product().cameraElevation());
    }
    facts.put("faces_target", spec.product().faces());
    facts.put("faces_reconstructed", product.facesReconstructed());
    facts.put("coloured", mesh.hasTexture());
    if (mesh.hasTexture()) {
      facts.put("texture_size", mesh.texture().width());
    }
    facts.put("background", product.input().photo().source());
    facts.put("network_and_meshing_ms", product.networkMs());
    ObjectNode stages = facts.putObject("stage_ms");
    product.stageMs().forEach(stages::put);
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
