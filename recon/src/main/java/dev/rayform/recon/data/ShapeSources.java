package dev.rayform.recon.data;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.sh3d.Sh3dSource;
import dev.rayform.recon.geometry.io.MeshArchive;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a source by the name the CLI and job options use. */
public final class ShapeSources {
  private ShapeSources() {}

  /** {@code procedural}, {@code sh3d}, a folder, or an archive file. */
  public static ShapeSource open(String spec, int proceduralMeshResolution) {
    if ("procedural".equals(spec)) {
      return new ProceduralSource(proceduralMeshResolution);
    }
    if ("sh3d".equals(spec)) {
      return Sh3dSource.openDefault();
    }
    Path path = Path.of(spec);
    if (Files.isDirectory(path)) {
      return MeshFileSource.ofDirectory(path);
    }
    if (Files.isRegularFile(path)) {
      MeshArchive.kindOf(path.getFileName().toString());
      return MeshFileSource.ofArchive(path);
    }
    throw new ReconException("source_not_found",
        "source '" + spec + "' is neither procedural, sh3d, a folder nor an archive file");
  }
}
