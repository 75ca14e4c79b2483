package dev.rayform.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.io.MeshWriters;
import dev.rayform.recon.geometry.simplify.QuadricSimplifier;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.render.ReconstructionSheet;
import dev.rayform.recon.render.Rendering;
import dev.rayform.recon.model.DefaultModel;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.product.Product;
import dev.rayform.recon.product.ProductOptions;
import dev.rayform.recon.product.ProductPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rayform reconstruct IMAGE... --out DIR}: photos to meshes with a trained model. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
    description = {
      "Reconstruct a 3D mesh from each image (PNG or JPEG): the product is separated from its background (alpha, a plain",
      "light background, or GrabCut), reconstructed, cleaned, simplified to the face budget and coloured from the photo.",
      "Meshes are in the product frame (y up, origin at the centre of the base, longest side 1); with --camera",
      "(a dataset's cameras.json) Ray-ONet meshes are also written in the dataset's object frame."
    })
final class ReconstructCommand implements Callable<Integer> {
  private static final Pattern VIEW = Pattern.compile("view_(\\d+)");

  @Parameters(arity = "1..*", description = "Images.")
  List<Path> images;

  @Option(names = "--model", description = "Model folder (default: the shipped default model).")
  Path model;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--resolution", defaultValue = "" + ReconstructOptions.DEFAULT_RESOLUTION, description = "Rays per side and grid size. Default: ${DEFAULT-VALUE}.")
  int resolution;

  @Option(names = "--threshold", defaultValue = "" + ReconstructOptions.DEFAULT_THRESHOLD, description = "Occupancy iso-level. Default: ${DEFAULT-VALUE}.")
  float threshold;

  @Option(names = "--scale", description = "Ray-ONet's s (default: the mean of the model's training data).")
  Double scale;

  @Option(names = "--camera-elevation", description = "The photos' camera elevation in degrees above the product, when it "
      + "is known; the product is stood upright by it, and a network that reads the elevation is given it. Default: read from "
      + "the shape (or --camera's view).")
  Double cameraElevation;

  @Option(names = "--formats", split = ",", defaultValue = "glb", description = "glb, usdz, obj, ply. Default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Option(names = "--faces", defaultValue = "30000",
      description = "Face budget of each mesh (quadric simplification); 0 keeps the full surface. Default: ${DEFAULT-VALUE}.")
  int faces;

  @Option(names = "--no-colour", description = "A plain mesh: no colours from the photo.")
  boolean noColour;

  @Option(names = "--no-mirror-average", description = "One network pass, without averaging with the mirrored photo: "
      + "faster, slightly rougher surfaces.")
  boolean noMirrorAverage;

  @Option(names = "--texture-size", defaultValue = "1024", description = "Side of the colour texture in pixels. Default: ${DEFAULT-VALUE}.")
  int textureSize;

  @Option(names = "--sheet", description = "Also write a PNG: each input as the network sees it (with the product's mask), and its mesh "
      + "from the input camera, from the side and from behind.")
  Path sheet;

  @Option(names = "--camera", description = "cameras.json of a dataset shape: the view (from view_NN in the image name) gives s, the camera elevation and the object frame.")
  Path camera;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    OptionLists.named("--formats", formats);
    ProductOptions options = ProductOptions.builder().optResolution(resolution).optThreshold(threshold).optScale(scale)
        .optMirrorAverage(!noMirrorAverage).optFaces(faces).optColour(!noColour).optTextureSize(textureSize)
        .optCameraElevation(cameraElevation).optFramedInput(camera != null).build();
    Path modelDir = model != null ? model : DefaultModel.path();
    DatasetBuilder.ViewRecord[] cameras = camera == null ? null
        : new ObjectMapper().readValue(camera.toFile(), DatasetBuilder.ViewRecord[].class);
    int failed = 0;
    try (TrainedModel m = TrainedModel.load(modelDir)) {
      ProductPipeline pipeline = new ProductPipeline(m, options);
      ReconstructionSheet contact = sheet == null ? null : new ReconstructionSheet(256, m.info().normalizedFocal());
      for (Path image : images) {
        String base = image.getFileName().toString().replaceAll("\\.[^.]*$", "");
        // Dataset renders are framed as in training already; photos are cropped and padded to that framing.
        DatasetBuilder.ViewRecord view = cameras == null ? null : cameras[viewIndex(image, cameras.length)];
        Product product;
        try {
          var photo = ImageLoader.load(image);
          product = view != null ? pipeline.reconstruct(photo, view.s(), cameraElevation != null ? cameraElevation : view.elevation())
              : pipeline.reconstruct(photo);
        } catch (ReconException e) {
          // One photo: its error is the command's. Several: each bad photo is reported and the rest go on.
          if (images.size() == 1 || e.code().equals(QuadricSimplifier.INVALID_TARGET)) {
            throw e;
          }
          spec.commandLine().getErr().printf("error[%s]: %s: %s%n", e.code(), image, e.getMessage());
          spec.commandLine().getErr().flush();
          failed++;
          continue;
        }
        if (contact != null) {
          contact.add(image.getFileName().toString(), product.input(), product.cameraMesh(), product.cameraSpace(), product.mesh());
        }
        write(product.mesh(), base, "");
        if (view != null && product.cameraSpace()) {
          write(view.cameraToObject(product.cameraMesh()).withVertexNormals(), base, "_object");
        }
        System.out.printf("%s: %d vertices, %d faces (%d before the budget)%s -> %s%n", image, product.mesh().vertexCount(),
            product.mesh().faceCount(), product.facesReconstructed(), product.mesh().hasTexture() ? ", coloured" : "",
            out.resolve(base + "." + formats.get(0)));
      }
      if (contact != null) {
        Rendering.writePng(contact.render(), sheet);
        System.out.printf("contact sheet -> %s%n", sheet);
      }
    }
    // As for one photo: a bad input is exit code 2 when no photo gave a mesh.
    return failed == images.size() ? 2 : 0;
  }

  private void write(Mesh mesh, String base, String suffix) {
    for (String f : formats) {
      MeshWriters.write(mesh, out.resolve(base + suffix + "." + f.trim().toLowerCase()));
    }
  }

  private static int viewIndex(Path image, int views) {
    Matcher m = VIEW.matcher(image.getFileName().toString());
    if (!m.find()) {
      throw new ReconException("camera_view_unknown", image + ": --camera needs images named view_NN.png to pick the view");
    }
    int v = Integer.parseInt(m.group(1));
    if (v >= views) {
      throw new ReconException("camera_view_unknown", image + ": view " + v + " is not in the camera file (" + views + " views)");
    }
    return v;
  }
}
