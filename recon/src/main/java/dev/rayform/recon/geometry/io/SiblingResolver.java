package dev.rayform.recon.geometry.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens files that a mesh file refers to (an OBJ's {@code mtllib}), by a name relative to the
 * mesh file. Answers null when the file does not exist or would lie outside the mesh's folder.
 */
@FunctionalInterface
public interface SiblingResolver {

  /** Resolves nothing: referenced files are treated as absent. */
  SiblingResolver NONE = name -> null;

  /** The stream of the named sibling, or null when there is none. */
  InputStream open(String relativeName) throws IOException;

  /** Siblings in {@code dir}, confined to that folder and its subfolders. */
  static SiblingResolver directory(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    return name -> {
      String clean = ArchivePaths.normalizeRelative(name);
      if (clean == null) {
        return null;
      }
      Path p = root.resolve(clean).normalize();
      if (!p.startsWith(root) || !Files.isRegularFile(p)) {
        return null;
      }
      return Files.newInputStream(p);
    };
  }
}
