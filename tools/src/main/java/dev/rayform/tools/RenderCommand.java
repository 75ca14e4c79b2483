package dev.rayform.tools;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Normalization;
import dev.rayform.recon.geometry.io.MeshReaders;
import dev.rayform.recon.render.Renderer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rayform render MESH --out PNG}: a shaded picture of a mesh with the dataset renderer. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Render a mesh (OBJ, OFF, PLY, STL, GLB) to a PNG, normalised and seen from an orbit camera.")
final class RenderCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Mesh file.")
  Path mesh;

  @Option(names = "--out", required = true, description = "PNG to write.")
  Path out;

  @Option(names = "--size", defaultValue = "512", description = "Image size in pixels. Default: ${DEFAULT-VALUE}.")
  int size;

  @Option(names = "--azimuth", defaultValue = "35", description = "Degrees. Default: ${DEFAULT-VALUE}.")
  double azimuth;

  @Option(names = "--elevation", defaultValue = "25", description = "Degrees. Default: ${DEFAULT-VALUE}.")
  double elevation;

  @Option(names = "--distance", defaultValue = "2.0", description = "Camera distance to the normalised mesh. Default: ${DEFAULT-VALUE}.")
  double distance;

  @Override
  public Integer call() {
    Mesh m = Normalization.normalize(MeshReaders.read(mesh));
    Camera camera = new Camera(Intrinsics.centered(size, size, 1.2), Extrinsics.orbit(azimuth, elevation, distance));
    new Renderer().render(m, camera).writePng(out, true);
    System.out.printf("%s: %d vertices, %d faces, %d parts -> %s%n", mesh, m.vertexCount(), m.faceCount(), m.parts().size(), out);
    return 0;
  }
}
