package dev.rayform.recon.geometry.io;

import java.util.Locale;

/** Mesh file formats known to the readers and writers, chosen by file extension. */
public enum MeshFormat {
  OBJ("obj", true, true),
  OFF("off", true, false),
  PLY("ply", true, true),
  STL("stl", true, false),
  GLB("glb", true, true),
  USDZ("usdz", false, true);

  private final String extension;
  private final boolean readable;
  private final boolean writable;

  MeshFormat(String extension, boolean readable, boolean writable) {
    this.extension = extension;
    this.readable = readable;
    this.writable = writable;
  }

  public String extension() {
    return extension;
  }

  public boolean readable() {
    return readable;
  }

  public boolean writable() {
    return writable;
  }

  /** The format of a file name by its extension (case-insensitive), or null when unknown. */
  public static MeshFormat ofName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    String ext = lower.substring(dot + 1);
    for (MeshFormat f : values()) {
      if (f.extension.equals(ext)) {
        return f;
      }
    }
    return null;
  }
}
