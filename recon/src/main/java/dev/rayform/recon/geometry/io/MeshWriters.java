package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes meshes as OBJ (with a sibling MTL when parts have colours, and a sibling JPEG when the mesh
 * has a texture), binary PLY, GLB or USDZ, chosen by
 * the extension of the target. Every file is written atomically (temporary file, then a move), so
 * a failed write never leaves a partial file under the target name.
 */
public final class MeshWriters {
  private MeshWriters() {}

  public static void write(Mesh mesh, Path target) {
    String name = target.getFileName().toString();
    MeshFormat format = MeshFormat.ofName(name);
    if (format == null || !format.writable()) {
      throw new MeshFormatException(MeshFormatException.UNSUPPORTED_FORMAT,
          name + ": cannot write this extension (expected .obj, .ply, .glb or .usdz)");
    }
    try {
      switch (format) {
        case OBJ -> writeObj(mesh, target, name);
        case PLY -> AtomicFiles.writeChecked(target, out -> PlyWriter.write(mesh, out));
        case GLB -> AtomicFiles.writeChecked(target, out -> GlbWriter.write(mesh, out));
        case USDZ -> AtomicFiles.writeChecked(target, out -> UsdzWriter.write(mesh, out));
        default -> throw new IllegalStateException(format.toString());
      }
    } catch (IOException e) {
      throw new MeshFormatException(MeshFormatException.IO_ERROR, target + ": " + e.getMessage(), e);
    }
  }

  /** The MTL written next to an OBJ: same base name, {@code .mtl}. */
  public static Path mtlPathFor(Path obj) {
    String name = obj.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return obj.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".mtl");
  }

  /** The texture written next to a textured mesh's OBJ: same base name, {@code .jpg}. */
  public static Path texturePathFor(Path obj) {
    String mtl = mtlPathFor(obj).getFileName().toString();
    return obj.resolveSibling(mtl.substring(0, mtl.length() - 4) + ".jpg");
  }

  private static void writeObj(Mesh mesh, Path target, String name) throws IOException {
    if (ObjWriter.needsMtl(mesh)) {
      Path mtl = mtlPathFor(target);
      String mtlName = mtl.getFileName().toString();
      String textureName = null;
      if (mesh.hasTexture()) {
        Path texture = texturePathFor(target);
        textureName = texture.getFileName().toString();
        AtomicFiles.writeChecked(texture, out -> out.write(mesh.texture().jpeg()));
      }
      String mapName = textureName;
      // The texture and the MTL go first: once the OBJ is in place, everything it references exists.
      AtomicFiles.writeChecked(mtl, mtlOut -> ObjWriter.writeMtl(mesh, mtlOut, mapName));
      AtomicFiles.writeChecked(target, out -> ObjWriter.write(mesh, out, mtlName));
    } else {
      AtomicFiles.writeChecked(target, out -> ObjWriter.write(mesh, out, null));
    }
  }
}
