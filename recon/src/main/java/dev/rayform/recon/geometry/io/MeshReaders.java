package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads OBJ, OFF, PLY, STL and GLB files into {@link Mesh}es, choosing the reader by extension.
 * Every failure is a {@link MeshFormatException} with a stable code; inputs are bounded by
 * {@link #DEFAULT_MAX_BYTES} so no file makes the reader hang or run out of memory.
 */
public final class MeshReaders {
  /** The largest mesh file (and the largest MTL sibling) read: 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  private MeshReaders() {}

  /** Reads a mesh file; an OBJ's MTL is looked up next to it. */
  public static Mesh read(Path path) {
    String name = path.getFileName().toString();
    requireFormat(name);
    try {
      long size = Files.size(path);
      if (size > DEFAULT_MAX_BYTES) {
        throw new MeshFormatException(MeshFormatException.TOO_LARGE,
            path + ": " + size + " bytes, more than the limit of " + DEFAULT_MAX_BYTES);
      }
      byte[] data = Files.readAllBytes(path);
      Path dir = path.toAbsolutePath().getParent();
      return read(path.toString(), data, SiblingResolver.directory(dir));
    } catch (NoSuchFileException e) {
      throw new MeshFormatException(MeshFormatException.IO_ERROR, path + ": no such file", e);
    } catch (IOException e) {
      throw new MeshFormatException(MeshFormatException.IO_ERROR, path + ": " + e.getMessage(), e);
    }
  }

  /** Reads a mesh from a stream; {@code name} picks the format and names the source in errors. */
  public static Mesh read(String name, InputStream in, SiblingResolver siblings) {
    requireFormat(name);
    try {
      return read(name, Streams.readBounded(in, DEFAULT_MAX_BYTES, name), siblings);
    } catch (IOException e) {
      throw new MeshFormatException(MeshFormatException.IO_ERROR, name + ": " + e.getMessage(), e);
    }
  }

  /** Reads a mesh from bytes; {@code name} picks the format and names the source in errors. */
  public static Mesh read(String name, byte[] data, SiblingResolver siblings) {
    MeshFormat format = requireFormat(name);
    SiblingResolver s = siblings == null ? SiblingResolver.NONE : siblings;
    return switch (format) {
      case OBJ -> ObjReader.read(name, data, s, DEFAULT_MAX_BYTES);
      case OFF -> OffReader.read(name, data);
      case PLY -> PlyReader.read(name, data);
      case STL -> StlReader.read(name, data);
      case GLB -> GlbReader.read(name, data);
      case USDZ -> throw new IllegalStateException("not readable: " + format);
    };
  }

  /** Whether a file name has an extension these readers handle. */
  public static boolean isMeshName(String name) {
    MeshFormat f = MeshFormat.ofName(name);
    return f != null && f.readable();
  }

  private static MeshFormat requireFormat(String name) {
    MeshFormat f = MeshFormat.ofName(name);
    if (f == null || !f.readable()) {
      throw new MeshFormatException(MeshFormatException.UNSUPPORTED_FORMAT,
          name + ": unknown mesh extension (expected .obj, .off, .ply, .stl or .glb)");
    }
    return f;
  }
}
