package dev.rayform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.generation.CameraToObject;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.generation.Reconstructor;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.io.MeshWriters;
import dev.rayform.recon.geometry.simplify.QuadricSimplifier;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.image.ImagePreprocessor;
import dev.rayform.recon.image.PreparedImage;
import dev.rayform.recon.render.ReconstructionSheet;
import dev.rayform.recon.render.Rendering;
import dev.rayform.recon.model.DefaultModel;
import dev.rayform.recon.model.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rayform reconstruct IMAGE... --out DIR}: photos to meshes with a trained model. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
    description = {
      "Reconstruct a 3D mesh from each image (PNG or JPEG; the object on a plain light background or with alpha).",
      "Ray-ONet meshes are in the camera frame (OpenGL axes: x right, y up, z towards the viewer); with",
      "--camera (a dataset's cameras.json) they are also written in the object frame. ONet meshes are in its object frame."
    })
final class ReconstructCommand implements Callable<Integer> {
  private static final Pattern VIEW = Pattern.compile("view_(\\d+)");

  @Parameters(arity = "1..*", description = "Images.")
  List<Path> images;

  @Option(names = "--model", description = "Model folder (default: the shipped default model).")
  Path model;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--resolution", defaultValue = "128", description = "Rays per side and grid size. Default: ${DEFAULT-VALUE}.")
  int resolution;

  @Option(names = "--threshold", defaultValue = "0.2", description = "Occupancy iso-level. Default: ${DEFAULT-VALUE}.")
  float threshold;

  @Option(names = "--scale", description = "Ray-ONet's s (default: the mean of the model's training data).")
  Double scale;

  @Option(names = "--formats", split = ",", defaultValue = "glb", description = "glb, usdz, obj, ply. Default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Option(names = "--faces", description = "Simplify each mesh to at most N faces (quadric error metric).")
  Integer faces;

  @Option(names = "--sheet", description = "Also write a PNG: each input as the network sees it, and its mesh from the input camera and two orbit views.")
  Path sheet;

  @Option(names = "--camera", description = "cameras.json of a dataset shape: the view (from view_NN in the image name) gives s and the object frame.")
  Path camera;

  @Override
  public Integer call() throws IOException {
    OptionLists.named("--formats", formats);
    if (faces != null) {
      QuadricSimplifier.requireValidTarget(faces);
    }
    Path modelDir = model != null ? model : DefaultModel.path();
    DatasetBuilder.ViewRecord[] cameras = camera == null ? null
        : new ObjectMapper().readValue(camera.toFile(), DatasetBuilder.ViewRecord[].class);
    try (TrainedModel m = TrainedModel.load(modelDir)) {
      int size = m.config().imageSize();
      List<float[]> inputs = new ArrayList<>();
      List<java.awt.image.BufferedImage> seen = new ArrayList<>();
      double[] s = new double[images.size()];
      DatasetBuilder.ViewRecord[] views = new DatasetBuilder.ViewRecord[images.size()];
      for (int i = 0; i < images.size(); i++) {
        Path image = images.get(i);
        views[i] = cameras == null ? null : cameras[viewIndex(image, cameras.length)];
        // Dataset renders are framed as in training already; photos are cropped and padded to that framing.
        PreparedImage prepared = views[i] != null
            ? ImagePreprocessor.prepareFramed(ImageLoader.load(image), size)
            : ImagePreprocessor.prepare(ImageLoader.load(image), size);
        inputs.add(prepared.chw());
        seen.add(prepared.rgb());
        s[i] = views[i] != null ? views[i].s() : scale != null ? scale : m.info().sMean();
      }
      ReconstructOptions options = ReconstructOptions.DEFAULT.withResolution(resolution).withThreshold(threshold);
      List<Reconstructor.Result> results = new Reconstructor(m, options).reconstruct(inputs, s);
      ReconstructionSheet contact = sheet == null ? null : new ReconstructionSheet(256, m.info().normalizedFocal());
      for (int i = 0; i < images.size(); i++) {
        String base = images.get(i).getFileName().toString().replaceAll("\\.[^.]*$", "");
        Mesh mesh = results.get(i).mesh();
        if (faces != null && !mesh.isEmpty()) {
          mesh = QuadricSimplifier.simplify(mesh, faces);
        }
        if (contact != null) {
          contact.add(images.get(i).getFileName().toString(), seen.get(i), mesh, results.get(i).cameraSpace());
        }
        if (mesh.isEmpty()) {
          System.out.printf("%s: empty reconstruction (nothing above the threshold %.2f)%n", images.get(i), threshold);
          continue;
        }
        if (results.get(i).cameraSpace()) {
          write(CameraToObject.toViewerFrame(mesh), base, "");
          if (views[i] != null) {
            write(views[i].cameraToObject(mesh), base, "_object");
          }
        } else {
          write(mesh, base, "");
        }
        System.out.printf("%s: %d vertices, %d faces -> %s%n", images.get(i), mesh.vertexCount(), mesh.faceCount(), out.resolve(base + "." + formats.get(0)));
      }
      if (contact != null) {
        Rendering.writePng(contact.render(), sheet);
        System.out.printf("contact sheet -> %s%n", sheet);
      }
    }
    return 0;
  }

  private void write(Mesh mesh, String base, String suffix) {
    for (String f : formats) {
      MeshWriters.write(mesh.withVertexNormals(), out.resolve(base + suffix + "." + f.trim().toLowerCase()));
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
