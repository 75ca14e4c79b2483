package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes binary little-endian PLY: float x/y/z (and nx/ny/nz when the mesh has normals), faces
 * as {@code list uchar int vertex_indices} with an {@code int part} and, when any part is
 * coloured, {@code uchar red/green/blue}. Part names and exact colours travel in
 * {@code comment rayform-part} header lines. A textured mesh's vertices carry {@code uchar
 * red/green/blue}: the texture's sRGB colour at each vertex.
 */
public final class PlyWriter {
  private PlyWriter() {}

  public static void write(Mesh mesh, OutputStream out) throws IOException {
    boolean normals = mesh.hasNormals();
    int[] vertexColors = mesh.vertexColors();
    boolean colors = vertexColors == null && ObjWriter.needsMtl(mesh);
    StringBuilder h = new StringBuilder();
    h.append("ply\nformat binary_little_endian 1.0\ncomment written by rayform\n");
    for (int p = 0; p < mesh.parts().size(); p++) {
      Mesh.Part part = mesh.parts().get(p);
      float[] c = part.color();
      h.append("comment rayform-part ").append(p).append(' ')
          .append(c == null ? "- - -" : c[0] + " " + c[1] + " " + c[2]).append(' ')
          .append(part.name().replaceAll("[\\r\\n]", " ")).append('\n');
    }
    h.append("element vertex ").append(mesh.vertexCount()).append('\n');
    h.append("property float x\nproperty float y\nproperty float z\n");
    if (normals) {
      h.append("property float nx\nproperty float ny\nproperty float nz\n");
    }
    if (vertexColors != null) {
      h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
    }
    h.append("element face ").append(mesh.faceCount()).append('\n');
    h.append("property list uchar int vertex_indices\nproperty int part\n");
    if (colors) {
      h.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
    }
    h.append("end_header\n");
    out.write(h.toString().getBytes(StandardCharsets.UTF_8));

    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    float[] pos = mesh.positions();
    float[] nrm = mesh.normals();
    for (int v = 0; v < mesh.vertexCount(); v++) {
      ensure(buf, out, 27);
      buf.putFloat(pos[3 * v]).putFloat(pos[3 * v + 1]).putFloat(pos[3 * v + 2]);
      if (normals) {
        buf.putFloat(nrm[3 * v]).putFloat(nrm[3 * v + 1]).putFloat(nrm[3 * v + 2]);
      }
      if (vertexColors != null) {
        int c = vertexColors[v];
        buf.put((byte) (c >> 16)).put((byte) (c >> 8)).put((byte) c);
      }
    }
    int[] t = mesh.triangles();
    for (int f = 0; f < mesh.faceCount(); f++) {
      ensure(buf, out, 20);
      int part = mesh.partOf(f);
      buf.put((byte) 3).putInt(t[3 * f]).putInt(t[3 * f + 1]).putInt(t[3 * f + 2]).putInt(part);
      if (colors) {
        float[] c = mesh.parts().get(part).color();
        for (int k = 0; k < 3; k++) {
          buf.put((byte) (c == null ? 200 : Math.round(Math.max(0, Math.min(1, c[k])) * 255)));
        }
      }
    }
    flush(buf, out);
  }

  private static void ensure(ByteBuffer buf, OutputStream out, int bytes) throws IOException {
    if (buf.remaining() < bytes) {
      flush(buf, out);
    }
  }

  private static void flush(ByteBuffer buf, OutputStream out) throws IOException {
    out.write(buf.array(), 0, buf.position());
    buf.clear();
  }
}
