package dev.rayform.recon.data;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.data.procedural.ProceduralFamily;
import dev.rayform.recon.data.sh3d.Sh3dSource;
import dev.rayform.recon.geometry.io.MeshArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** Opens a source by the name the CLI and job options use. */
public final class ShapeSources {
  /** The sources known by name, each with how it opens given the procedural mesh resolution. */
  private static final Map<String, IntFunction<ShapeSource>> BY_NAME = new LinkedHashMap<>();

  static {
    for (ProceduralFamily family : ProceduralFamily.values()) {
      BY_NAME.put(family.sourceName(), resolution -> new ProceduralSource(family, resolution));
    }
    BY_NAME.put("sh3d", resolution -> Sh3dSource.openDefault());
    BY_NAME.put("sh3d-other", resolution -> Sh3dSource.openUnclassed());
  }

  /** The names {@link #open} knows (anything else is a folder or an archive). */
  public static final List<String> NAMED = List.copyOf(BY_NAME.keySet());

  private ShapeSources() {}

  /**
   * {@code procedural}, {@code procedural-lights} (light fittings filed under lamp),
   * {@code procedural-seating} (catalogue seating filed under chair), {@code sh3d},
   * {@code sh3d-other} (its items of no class), a folder, or an archive file.
   */
  public static ShapeSource open(String spec, int proceduralMeshResolution) {
    IntFunction<ShapeSource> named = BY_NAME.get(spec);
    if (named != null) {
      return named.apply(proceduralMeshResolution);
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
