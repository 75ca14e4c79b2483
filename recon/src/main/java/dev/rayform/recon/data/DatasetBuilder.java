package dev.rayform.recon.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.data.DatasetFiles.LabelledPoints;
import dev.rayform.recon.data.DatasetFiles.RayShard;
import dev.rayform.recon.eval.SurfaceSampler;
import dev.rayform.recon.generation.CameraToObject;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.io.MeshWriters;
import dev.rayform.recon.progress.OperationCanceled;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.RayLabels;
import dev.rayform.recon.rays.RaySampler;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
import dev.rayform.recon.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Builds a dataset: for every shape its normalised mesh, evaluation points with occupancy, surface
 * samples with normals and, per view, the rendered image, its camera and s, and Ray-ONet's ray
 * labels (bit-packed shards); then a manifest with train/val/test splits by shape.
 *
 * <p>Shapes are built in parallel; every random draw comes from a seed derived from the dataset seed
 * and the shape's id, so the output is byte-identical for a seed whatever the thread timing. A shape
 * that fails is recorded in the manifest and the others go on. Stretched copies of training shapes
 * ({@link DatasetSpec#stretchedCopies()}) are shapes of their own ({@code ID-stretchK}), in the
 * training split, built from their original as {@link Stretch} says.
 */
public final class DatasetBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetBuilder.class);
  private static final int MAX_FRAMING_RETRIES = 8;
  static final double EVAL_BOX_HALF = 0.55;
  /** What a stretched copy's id adds to its original's, before the copy's number. */
  public static final String STRETCHED = "-stretch";

  private final ShapeSource source;
  private final DatasetSpec spec;
  private final ViewSampler views;
  private final Renderer renderer = new Renderer();

  public DatasetBuilder(ShapeSource source, DatasetSpec spec) {
    this.source = source;
    this.spec = spec;
    this.views = ViewSampler.defaults(spec.imageSize()).withElevations(spec.minElevation(), spec.maxElevation());
  }

  /** One view's camera as stored in {@code cameras.json}. */
  public record ViewRecord(
      int view, String image, int width, int height, double fx, double fy, double cx, double cy,
      @JsonProperty("R") double[] r, double[] t, double azimuth, double elevation, double distance,
      @JsonProperty("object_scale") double objectScale, double s) {

    /** Brings a mesh reconstructed in this view's camera frame to the shape's normalised frame. */
    public Mesh cameraToObject(Mesh cameraMesh) {
      return CameraToObject.toObject(cameraMesh, new Extrinsics(r, t), objectScale);
    }
  }

  public DatasetManifest build(Path out, Progress progress) {
    List<String> categories = spec.categories().isEmpty() ? source.categories() : spec.categories();
    List<ShapeRef> refs = new ArrayList<>();
    Map<String, String> splitOf = new LinkedHashMap<>();
    Map<String, List<ShapeRef>> copiesOf = new LinkedHashMap<>();
    int copies = 0;
    for (String category : categories) {
      List<ShapeRef> shapes = source.shapes(category, spec.shapesPerCategory(), spec.seed());
      List<String> splits = Splits.assign(shapes.size(), spec.valFraction(), spec.testFraction(), Seeds.mix(spec.seed(), "split/" + category));
      for (int i = 0; i < shapes.size(); i++) {
        ShapeRef ref = shapes.get(i);
        refs.add(ref);
        splitOf.put(ref.id(), splits.get(i));
        if (Splits.TRAIN.equals(splits.get(i))) {
          for (int k = 1; k <= spec.stretchedCopies(); k++) {
            ShapeRef copy = new ShapeRef(ref.id() + STRETCHED + k, ref.category(), ref.sourceId());
            copiesOf.computeIfAbsent(ref.id(), id -> new ArrayList<>()).add(copy);
            splitOf.put(copy.id(), Splits.TRAIN);
            copies++;
          }
        }
      }
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out, e);
    }
    progress.start("dataset", (long) (refs.size() + copies) * spec.views());
    Map<String, DatasetManifest.Shape> built = Collections.synchronizedMap(new TreeMap<>());
    Map<String, DatasetManifest.Failure> failed = Collections.synchronizedMap(new TreeMap<>());
    Map<String, String> attributions = Collections.synchronizedMap(new TreeMap<>());
    // One shape built and recorded (or its failure); returns the loaded shape, null when loading failed.
    BiFunction<ShapeRef, Supplier<SourceShape>, SourceShape> buildRecorded = (ref, load) -> {
      MDC.put("shape", ref.id());
      SourceShape shape = null;
      try {
        shape = load.get();
        buildShape(out, shape, spec.trainPoints() || !Splits.TRAIN.equals(splitOf.get(ref.id())), progress);
        built.put(ref.id(), new DatasetManifest.Shape(ref.id(), ref.category(), splitOf.get(ref.id()), source.name(),
            ref.sourceId(), shapeDir(ref), spec.views()));
        if (shape.attribution() != null) {
          attributions.put(ref.id(), shape.attribution());
        }
      } catch (OperationCanceled e) {
        throw e;
      } catch (RuntimeException e) {
        String code = e instanceof ReconException re ? re.code() : "shape_build_failed";
        LOG.warn("shape {} failed: [{}] {}", ref.id(), code, e.getMessage());
        failed.put(ref.id(), new DatasetManifest.Failure(ref.id(), code, String.valueOf(e.getMessage())));
        progress.step(spec.views());
      } finally {
        MDC.remove("shape");
      }
      return shape;
    };
    // An original and its stretched copies are one task, so the original is loaded once.
    refs.parallelStream().forEach(ref -> {
      SourceShape original = buildRecorded.apply(ref, () -> source.load(ref));
      for (ShapeRef copy : copiesOf.getOrDefault(ref.id(), List.of())) {
        Stretch stretch = Stretch.draw(Seeds.mix(spec.seed(), copy.id() + "/stretch"));
        buildRecorded.apply(copy, () -> stretch.apply(original != null ? original : source.load(ref), copy));
      }
    });
    progress.finish();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String s : List.of(Splits.TRAIN, Splits.VAL, Splits.TEST)) {
      counts.put(s, (int) built.values().stream().filter(b -> b.split().equals(s)).count());
    }
    if (!attributions.isEmpty()) {
      StringBuilder md = new StringBuilder("# Attribution\n\nShapes in this dataset that come from third-party models:\n\n");
      attributions.forEach((id, text) -> md.append("- `").append(id).append("`: ").append(text).append('\n'));
      AtomicFiles.write(out.resolve("ATTRIBUTION.md"), md.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    DatasetManifest manifest = new DatasetManifest(DatasetManifest.FORMAT, 1, source.name(), spec.seed(), categories,
        spec.imageSize(), views.normalizedFocal(), spec.views(), spec.raysPerView(),
        new DatasetManifest.Depths(spec.depths().m(), spec.depths().dmin(), spec.depths().dmax()),
        spec.evalPoints(), spec.surfacePoints(), counts, List.copyOf(built.values()), List.copyOf(failed.values()),
        spec.variedLight(), !spec.trainPoints(), spec.stretchedCopies(),
        new DatasetManifest.Elevations(spec.minElevation(), spec.maxElevation()));
    manifest.write(out);
    return manifest;
  }

  static String shapeDir(ShapeRef ref) {
    return "shapes/" + ref.id();
  }

  private void buildShape(Path out, SourceShape shape, boolean withPoints, Progress progress) {
    Path dir = out.resolve(shapeDir(shape.ref()));
    String id = shape.ref().id();
    Mesh mesh = shape.mesh();
    if (mesh.isEmpty()) {
      throw new ReconException("shape_empty", "shape " + id + " has no faces");
    }
    MeshWriters.write(mesh, dir.resolve("mesh.ply"));
    if (withPoints && spec.evalPoints() > 0) {
      DatasetFiles.writePoints(dir.resolve("points.bin"), evalPoints(shape, Seeds.mix(spec.seed(), id + "/points")));
    }
    if (withPoints && spec.surfacePoints() > 0) {
      DatasetFiles.writeSurface(dir.resolve("surface.bin"),
          SurfaceSampler.sample(mesh, spec.surfacePoints(), Seeds.mix(spec.seed(), id + "/surface")));
    }
    RaySampler sampler = new RaySampler(spec.depths());
    List<RayLabels> labels = new ArrayList<>();
    List<ViewRecord> cameras = new ArrayList<>();
    for (int v = 0; v < spec.views(); v++) {
      SplittableRandom random = new SplittableRandom(Seeds.mix(spec.seed(), id + "/view", v));
      Renderer renderer = spec.variedLight()
          ? new Renderer(Lighting.draw(new SplittableRandom(Seeds.mix(spec.seed(), id + "/light", v))))
          : this.renderer;
      FramedView framed = renderFramed(renderer, mesh, views.draw(random));
      ViewSpec view = framed.view();
      Rendering image = framed.image();
      String name = String.format("view_%02d.png", v);
      image.writePng(dir.resolve(name), true);
      Camera camera = view.camera();
      labels.add(sampler.sample(camera, view.objectScale(), shape.occupancy(), spec.raysPerView(), random));
      var k = camera.intrinsics();
      cameras.add(new ViewRecord(v, name, k.width(), k.height(), k.fx(), k.fy(), k.cx(), k.cy(),
          camera.extrinsics().r(), camera.extrinsics().t(), view.azimuth(), view.elevation(), view.distance(),
          view.objectScale(), view.scaleFactor()));
      progress.step(1);
    }
    DatasetFiles.writeRays(dir.resolve("rays.bin"),
        new RayShard(spec.depths().m(), (float) spec.depths().dmin(), (float) spec.depths().dmax(), labels));
    try {
      AtomicFiles.write(dir.resolve("cameras.json"), DatasetManifest.JSON.writeValueAsBytes(cameras));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record FramedView(ViewSpec view, Rendering image) {}

  /** Renders the view, shrinking the object until it no longer touches the image border. */
  private static FramedView renderFramed(Renderer renderer, Mesh mesh, ViewSpec view) {
    for (int attempt = 0; ; attempt++) {
      Rendering image = renderer.render(mesh.translatedScaled(0, 0, 0, view.objectScale()), view.camera());
      if (!image.touchesBorder() || attempt == MAX_FRAMING_RETRIES) {
        return new FramedView(view, image);
      }
      view = ViewSampler.shrunk(view, 0.92);
    }
  }

  private LabelledPoints evalPoints(SourceShape shape, long seed) {
    float[] xyz = Aabb.cube(EVAL_BOX_HALF).uniformPoints(spec.evalPoints(), seed);
    return new LabelledPoints(xyz, shape.occupancy().inside(xyz));
  }

}
