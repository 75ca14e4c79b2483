package dev.rayform.recon.data;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Normalization;
import dev.rayform.recon.geometry.io.MeshArchive;
import dev.rayform.recon.geometry.io.MeshReaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Meshes from a folder or an archive laid out as {@code CATEGORY/NAME.ext} (any depth below the
 * category; files at the top level go to category {@code uncategorized}). Meshes are normalised and
 * their occupancy comes from the inside test, which tolerates open and overlapping parts, plus a
 * thin shell around single-sheet parts ({@link RealMeshOccupancy}).
 */
public final class MeshFileSource implements ShapeSource {
  static final String UNCATEGORIZED = "uncategorized";

  private final String name;
  private final Map<String, List<String>> filesByCategory = new TreeMap<>();
  private final Loader loader;

  private interface Loader {
    Mesh read(String relativePath);
  }

  private MeshFileSource(String name, List<String> relativePaths, Loader loader) {
    this.name = name;
    this.loader = loader;
    for (String p : relativePaths.stream().sorted().toList()) {
      int slash = p.indexOf('/');
      String category = slash > 0 ? p.substring(0, slash) : UNCATEGORIZED;
      filesByCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(p);
    }
    if (filesByCategory.isEmpty()) {
      throw new ReconException("source_empty", name + " holds no mesh files (obj, off, ply, stl, glb)");
    }
  }

  /** Every mesh file below {@code dir}. */
  public static MeshFileSource ofDirectory(Path dir) {
    List<String> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(MeshReaders::isMeshName)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return new MeshFileSource("dir", files, rel -> MeshReaders.read(dir.resolve(rel)));
  }

  /** Every mesh entry of a zip, tar or tar.gz archive (read into memory within the archive limits). */
  public static MeshFileSource ofArchive(Path file) {
    MeshArchive archive = MeshArchive.open(file);
    return new MeshFileSource("archive", archive.meshEntries(), rel -> {
      synchronized (archive) {
        return archive.readMesh(rel);
      }
    });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> categories() {
    return List.copyOf(filesByCategory.keySet());
  }

  @Override
  public List<ShapeRef> shapes(String category, int limit, long seed) {
    List<String> files = filesByCategory.get(category);
    if (files == null) {
      throw new ReconException("unknown_category", "no category '" + category + "' in this source; found: " + categories());
    }
    List<ShapeRef> refs = new ArrayList<>();
    for (String f : files.subList(0, Math.min(limit, files.size()))) {
      String base = f.substring(f.lastIndexOf('/') + 1).replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
      refs.add(new ShapeRef(category + "/" + base + "-" + Integer.toHexString(f.hashCode()), category, f));
    }
    return refs;
  }

  @Override
  public SourceShape load(ShapeRef ref) {
    Mesh mesh = Normalization.normalize(loader.read(ref.sourceId()));
    return new SourceShape(ref, mesh, RealMeshOccupancy.of(mesh, RealMeshOccupancy.DEFAULT_HALF_THICKNESS, 1), null);
  }
}
