package dev.rayform.tools;

import dev.rayform.recon.eval.MeshMetrics;
import dev.rayform.recon.eval.MetricsOptions;
import dev.rayform.recon.geometry.io.MeshReaders;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rayform mesh-metrics --pred A --gt B}: ONet's metrics between two meshes, as JSON. */
@Command(name = "mesh-metrics", mixinStandardHelpOptions = true,
    description = {
      "IoU, Chamfer-L1 (raw units, not x10), normal consistency and F-score (tau = 1%%) by the ONet protocol,",
      "in the meshes' own coordinates: IoU on points uniform in [-0.55, 0.55]^3. Prints one JSON object."
    })
final class MeshMetricsCommand implements Callable<Integer> {
  @Option(names = "--pred", required = true, description = "Predicted mesh (OBJ, OFF, PLY, STL, GLB).")
  Path pred;

  @Option(names = "--gt", required = true, description = "Ground-truth mesh.")
  Path gt;

  @Option(names = "--points", defaultValue = "100000", description = "IoU points and surface samples per mesh. Default: ${DEFAULT-VALUE}.")
  int points;

  @Option(names = "--seed", defaultValue = "0", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    MetricsOptions options = MetricsOptions.defaults().withIouPoints(points).withSurfacePoints(points).withSeed(seed);
    System.out.println(MeshMetrics.compute(MeshReaders.read(pred), MeshReaders.read(gt), options).toJson());
    return 0;
  }
}
