package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes Wavefront OBJ: {@code g} per part, {@code vn} when the mesh has normals, and a material
 * per coloured part in a sibling MTL; a textured mesh adds {@code vt} (t = 1 - v) and a {@code map_Kd}
 * naming its texture, an image written beside the MTL. Floats are written in their shortest exact form, so reading
 * the file back gives the same values.
 */
public final class ObjWriter {
  private ObjWriter() {}

  /** Whether writing this mesh needs an MTL file (some part has a colour, or it has a texture). */
  public static boolean needsMtl(Mesh mesh) {
    return mesh.hasTexture() || mesh.parts().stream().anyMatch(p -> p.color() != null);
  }

  /** Writes the materials (one per part, with {@code Kd} when coloured) that {@link #write} references. */
  public static void writeMtl(Mesh mesh, OutputStream mtl) throws IOException {
    writeMtl(mesh, mtl, null);
  }

  /**
   * As {@link #writeMtl(Mesh, OutputStream)}; a textured mesh's materials take {@code textureName}
   * (the texture's file, relative to the MTL) as their diffuse map.
   */
  public static void writeMtl(Mesh mesh, OutputStream mtl, String textureName) throws IOException {
    List<Mesh.Part> parts = mesh.parts();
    String[] groups = uniqueNames(parts);
    Writer w = new OutputStreamWriter(mtl, StandardCharsets.UTF_8);
    w.write("# written by rayform\n");
    for (int p = 0; p < parts.size(); p++) {
      float[] c = parts.get(p).color();
      // Uncoloured parts get a material too, or they would inherit the previous usemtl.
      w.write("newmtl " + groups[p] + "\n");
      if (mesh.hasTexture() && textureName != null) {
        w.write("Kd 1 1 1\nmap_Kd " + textureName + "\n");
      } else if (c != null) {
        w.write("Kd " + c[0] + " " + c[1] + " " + c[2] + "\n");
      }
      w.write("\n");
    }
    w.flush();
  }

  /**
   * Writes the OBJ; when {@code mtlName} is not null and {@link #needsMtl}, it references that
   * library (written by {@link #writeMtl}) and uses one material per part.
   */
  public static void write(Mesh mesh, OutputStream obj, String mtlName) throws IOException {
    List<Mesh.Part> parts = mesh.parts();
    String[] groups = uniqueNames(parts);
    boolean materials = needsMtl(mesh) && mtlName != null;
    Writer w = new OutputStreamWriter(obj, StandardCharsets.UTF_8);
    w.write("# written by rayform: " + mesh.vertexCount() + " vertices, " + mesh.faceCount() + " faces\n");
    if (materials) {
      w.write("mtllib " + mtlName + "\n");
    }
    float[] pos = mesh.positions();
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < pos.length; i += 3) {
      sb.setLength(0);
      sb.append("v ").append(pos[i]).append(' ').append(pos[i + 1]).append(' ').append(pos[i + 2]).append('\n');
      w.append(sb);
    }
    float[] n = mesh.normals();
    if (n != null) {
      for (int i = 0; i < n.length; i += 3) {
        sb.setLength(0);
        sb.append("vn ").append(n[i]).append(' ').append(n[i + 1]).append(' ').append(n[i + 2]).append('\n');
        w.append(sb);
      }
    }
    float[] uv = mesh.uvs();
    if (uv != null) {
      for (int i = 0; i < uv.length; i += 2) {
        sb.setLength(0);
        sb.append("vt ").append(uv[i]).append(' ').append(1 - uv[i + 1]).append('\n');
        w.append(sb);
      }
    }
    int[][] faces = PartFaces.of(mesh);
    for (int p = 0; p < parts.size(); p++) {
      if (faces[p].length == 0) {
        continue;
      }
      w.write("g " + groups[p] + "\n");
      if (materials) {
        w.write("usemtl " + groups[p] + "\n");
      }
      int[] t = faces[p];
      for (int i = 0; i < t.length; i += 3) {
        sb.setLength(0);
        sb.append('f');
        for (int k = 0; k < 3; k++) {
          int v = t[i + k] + 1;
          sb.append(' ').append(v);
          if (uv != null) {
            sb.append('/').append(v);
            if (n != null) {
              sb.append('/').append(v);
            }
          } else if (n != null) {
            sb.append("//").append(v);
          }
        }
        w.append(sb.append('\n'));
      }
    }
    w.flush();
  }

  /** Part names made safe for OBJ (no whitespace) and unique. */
  static String[] uniqueNames(List<Mesh.Part> parts) {
    String[] out = new String[parts.size()];
    Set<String> seen = new HashSet<>();
    for (int p = 0; p < parts.size(); p++) {
      String base = parts.get(p).name().trim().replaceAll("\\s+", "_");
      if (base.isEmpty()) {
        base = "part";
      }
      String name = base;
      for (int k = 2; !seen.add(name); k++) {
        name = base + "_" + k;
      }
      out[p] = name;
    }
    return out;
  }
}
