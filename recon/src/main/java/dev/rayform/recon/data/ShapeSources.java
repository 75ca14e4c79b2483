package dev.rayform.recon.data;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.sh3d.Sh3dSource;
import dev.rayform.recon.geometry.io.MeshArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens a source by the name the CLI and job options use. */
public final class ShapeSources {
  /** The sources known by name (anything else is a folder or an archive). */
  public static final List<String> NAMED = List.of("procedural", "sh3d", "sh3d-other");

  private ShapeSources() {}

  /** {@code procedural}, {@code sh3d}, {@code sh3d-other} (its items of no class), a folder, or an archive file. */
  public static ShapeSource open(String spec, int proceduralMeshResolution) {
    if ("procedural".equals(spec)) {
      return new ProceduralSource(proceduralMeshResolution);
    }
    if ("sh3d".equals(spec)) {
      return Sh3dSource.openDefault();
    }
    if ("sh3d-other".equals(spec)) {
      return Sh3dSource.openUnclassed();
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
        "source '" + spec + "' is none of " + NAMED + ", nor a folder or an archive file");
  }
}
