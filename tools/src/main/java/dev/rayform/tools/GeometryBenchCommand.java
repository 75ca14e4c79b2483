package dev.rayform.tools;

import dev.rayform.recon.util.FileTrees;
import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ProceduralSource;
import dev.rayform.recon.data.ViewSampler;
import dev.rayform.recon.data.ViewSpec;
import dev.rayform.recon.data.procedural.ProceduralGenerator;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.MeshPrimitives;
import dev.rayform.recon.geometry.inside.MeshInsideTest;
import dev.rayform.recon.geometry.mc.MarchingCubes;
import dev.rayform.recon.geometry.mc.ScalarGrid;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.render.Renderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rayform bench geometry}: the speed of the geometry and data core. */
@Command(name = "geometry", mixinStandardHelpOptions = true,
    description = "Inside-test queries/s (10k-triangle mesh), 224x224 render, marching cubes of 256x256x128, dataset views/s.")
final class GeometryBenchCommand implements Callable<Integer> {
  @Option(names = "--runs", defaultValue = "15", description = "Measured runs per item. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--report", description = "Markdown file to update (default: BENCHMARKS.md in the repository).")
  Path report;

  @Option(names = "--no-report", description = "Print only.")
  boolean noReport;

  @Override
  public Integer call() throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("## Geometry and data core\n\n");
    md.append("Machine: ").append(BenchmarkReport.machine()).append("  \n");
    md.append("Command: `scripts/rayform bench geometry --runs ").append(runs).append("`\n\n");
    md.append("| item | min | median | max | figure | target |\n|---|---|---|---|---|---|\n");

    Mesh torus = MeshPrimitives.torus(100, 50, 0.3, 0.12);
    MeshInsideTest inside = MeshInsideTest.of(torus);
    float[] queries = new float[3 * 1_000_000];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < queries.length; i++) {
      queries[i] = (float) (random.nextDouble() - 0.5);
    }
    Timings insideT = Timings.measure(2, runs, () -> inside.inside(queries));
    double qps = 1_000_000 / (insideT.medianMs() / 1000);
    row(md, "inside test, 1M queries, " + torus.faceCount() + "-triangle torus (ms)", insideT,
        String.format("%.2fM queries/s", qps / 1e6), ">= 1M/s");

    Mesh chair = ProceduralGenerator.generate("chair", 7).mesh(128);
    ViewSpec view = ViewSampler.defaults(224).draw(new SplittableRandom(3));
    Camera camera = view.camera();
    Mesh placed = chair.translatedScaled(0, 0, 0, view.objectScale());
    Renderer renderer = new Renderer();
    Timings renderT = Timings.measure(3, runs, () -> renderer.render(placed, camera));
    row(md, "render 224x224, 3x3 supersampled, " + chair.faceCount() + "-triangle chair (ms)", renderT, "", "<= 50 ms");

    ScalarGrid grid = ScalarGrid.sample(256, 256, 128, -0.5, -0.5, -0.25, 1.0 / 255, (x, y, z) -> {
      double r = Math.sqrt(x * x + y * y + 4 * z * z);
      return r - 0.4 + 0.03 * Math.sin(20 * x) * Math.sin(20 * y);
    });
    int[] faces = new int[1];
    Timings mcT = Timings.measure(2, runs, () -> faces[0] = MarchingCubes.extract(grid, 0f, false).faceCount());
    row(md, "marching cubes 256x256x128 (ms)", mcT, faces[0] + " faces", "<= 150 ms");

    int datasetRuns = Math.max(1, Math.min(3, runs));
    DatasetSpec spec = DatasetSpec.defaults().withCategories(List.of("chair", "table")).withShapes(2, 4);
    Timings dataT = Timings.measure(0, datasetRuns, () -> {
      Path dir = Files.createTempDirectory("rayform-bench");
      try {
        new DatasetBuilder(new ProceduralSource(128), spec).build(dir, Progress.NONE);
      } finally {
        FileTrees.delete(dir);
      }
    });
    int viewCount = 2 * 2 * 4;
    row(md, "dataset build, 2 categories x 2 shapes x 4 views, 5000 rays x 128, 100k points (ms)", dataT,
        String.format("%.2f views/s", viewCount / (dataT.medianMs() / 1000)), "");

    System.out.println(md);
    if (!noReport) {
      Path file = report != null ? report : BenchmarkReport.defaultPath();
      BenchmarkReport.update(file, "geometry", md.toString());
      System.out.println("updated " + file);
    }
    return 0;
  }

  private static void row(StringBuilder md, String item, Timings t, String figure, String target) {
    md.append("| ").append(item).append(" | ").append(t.cells().replace(" | ", " | ")).append(" | ")
        .append(figure).append(" | ").append(target).append(" |\n");
  }
}
