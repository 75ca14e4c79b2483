package dev.rayform.recon.render;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Texture;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A software renderer: z-buffered triangle rasterisation with perspective-correct depth, Gouraud
 * Lambert + ambient shading (two-sided, so open meshes with mixed winding shade right), per-part
 * colours (linear RGB, blended in linear light and written as sRGB) times the parts' material maps
 * (repeated, read at perspective-correct face-corner coordinates), or the mesh's texture sampled at
 * perspective-correct texture coordinates, supersampled anti-aliasing,
 * white background and an alpha mask. Rows are split in bands over every core.
 */
public final class Renderer {
  private static final double NEAR = 1e-3;
  private static final float[] WHITE = {1f, 1f, 1f};
  private static final float[] SRGB_TO_LINEAR = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      double c = i / 255.0;
      SRGB_TO_LINEAR[i] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    }
  }

  private final RenderOptions options;

  public Renderer(RenderOptions options) {
    this.options = options;
  }

  public Renderer() {
    this(RenderOptions.DEFAULT);
  }

  /** Renders {@code mesh} (world coordinates) as seen by {@code camera}. */
  public Rendering render(Mesh mesh, Camera camera) {
    int s = options.supersampling();
    Intrinsics k = camera.intrinsics().scaled(s);
    Projected p = project(mesh.hasNormals() ? mesh : mesh.withVertexNormals(), camera, k);
    int w = k.width(), h = k.height();
    float[] invDepth = new float[w * h];
    float[] r = new float[w * h], g = new float[w * h], b = new float[w * h];
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), h / 16));
    int band = (h + threads - 1) / threads;
    IntStream.range(0, threads).parallel().forEach(t -> rasterize(mesh, p, w, Math.min(h, t * band),
        Math.min(h, (t + 1) * band), invDepth, r, g, b));
    return resolve(camera.intrinsics(), s, invDepth, r, g, b);
  }

  /** Screen positions (supersampled pixels), inverse depths and shaded intensities per vertex. */
  private record Projected(float[] sx, float[] sy, float[] invZ, float[] shade) {}

  private Projected project(Mesh mesh, Camera camera, Intrinsics k) {
    int n = mesh.vertexCount();
    float[] sx = new float[n], sy = new float[n], invZ = new float[n], shade = new float[n];
    double[] c = new double[3];
    double[] rot = camera.extrinsics().r();
    double[] l = options.lightDirection();
    float[] normals = mesh.normals();
    for (int v = 0; v < n; v++) {
      camera.extrinsics().toCamera(mesh.x(v), mesh.y(v), mesh.z(v), c);
      double z = c[2];
      invZ[v] = z > NEAR ? (float) (1 / z) : -1f;
      sx[v] = (float) (k.fx() * c[0] / z + k.cx());
      sy[v] = (float) (k.fy() * c[1] / z + k.cy());
      double nx = normals[3 * v], ny = normals[3 * v + 1], nz = normals[3 * v + 2];
      double cnx = rot[0] * nx + rot[1] * ny + rot[2] * nz;
      double cny = rot[3] * nx + rot[4] * ny + rot[5] * nz;
      double cnz = rot[6] * nx + rot[7] * ny + rot[8] * nz;
      shade[v] = (float) (options.ambient() + options.diffuse() * Math.abs(cnx * l[0] + cny * l[1] + cnz * l[2]));
    }
    return new Projected(sx, sy, invZ, shade);
  }

  private void rasterize(Mesh mesh, Projected p, int w, int rowStart, int rowEnd, float[] invDepth,
      float[] r, float[] g, float[] b) {
    int[] tri = mesh.triangles();
    float[] uv = mesh.uvs();
    Texture texture = mesh.texture();
    float[] texel = new float[3];
    float[] corners = mesh.cornerUvs();
    float[][] partColors = new float[mesh.parts().size()][];
    Texture[] partMaps = new Texture[partColors.length];
    for (int i = 0; i < partColors.length; i++) {
      Mesh.Part part = mesh.parts().get(i);
      partMaps[i] = corners != null ? part.map() : null;
      partColors[i] = part.color() != null ? part.color() : partMaps[i] != null ? WHITE : options.defaultColor();
    }
    for (int f = 0; f < mesh.faceCount(); f++) {
      int a = tri[3 * f], bb = tri[3 * f + 1], c = tri[3 * f + 2];
      if (p.invZ[a] <= 0 || p.invZ[bb] <= 0 || p.invZ[c] <= 0) {
        continue;
      }
      float x0 = p.sx[a], y0 = p.sy[a], x1 = p.sx[bb], y1 = p.sy[bb], x2 = p.sx[c], y2 = p.sy[c];
      float area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
      if (area == 0 || Float.isNaN(area)) {
        continue;
      }
      int minX = Math.max(0, (int) Math.floor(Math.min(x0, Math.min(x1, x2)) - 0.5f));
      int maxX = Math.min(w - 1, (int) Math.ceil(Math.max(x0, Math.max(x1, x2)) - 0.5f));
      int minY = Math.max(rowStart, (int) Math.floor(Math.min(y0, Math.min(y1, y2)) - 0.5f));
      int maxY = Math.min(rowEnd - 1, (int) Math.ceil(Math.max(y0, Math.max(y1, y2)) - 0.5f));
      if (minX > maxX || minY > maxY) {
        continue;
      }
      float inv = 1f / area;
      float[] color = partColors[mesh.partOf(f)];
      Texture map = partMaps[mesh.partOf(f)];
      for (int y = minY; y <= maxY; y++) {
        float py = y + 0.5f;
        for (int x = minX; x <= maxX; x++) {
          float px = x + 0.5f;
          float w0 = ((x1 - px) * (y2 - py) - (x2 - px) * (y1 - py)) * inv;
          float w1 = ((x2 - px) * (y0 - py) - (x0 - px) * (y2 - py)) * inv;
          float w2 = 1f - w0 - w1;
          if (w0 < 0 || w1 < 0 || w2 < 0) {
            continue;
          }
          float iz = w0 * p.invZ[a] + w1 * p.invZ[bb] + w2 * p.invZ[c];
          int idx = y * w + x;
          if (iz <= invDepth[idx]) {
            continue;
          }
          invDepth[idx] = iz;
          // Perspective-correct attribute interpolation: weights divided by depth.
          float q0 = w0 * p.invZ[a] / iz, q1 = w1 * p.invZ[bb] / iz, q2 = w2 * p.invZ[c] / iz;
          float shade = Math.min(1f, q0 * p.shade[a] + q1 * p.shade[bb] + q2 * p.shade[c]);
          if (texture != null) {
            texture.sample(q0 * uv[2 * a] + q1 * uv[2 * bb] + q2 * uv[2 * c],
                q0 * uv[2 * a + 1] + q1 * uv[2 * bb + 1] + q2 * uv[2 * c + 1], texel);
            r[idx] = linear(texel[0]) * shade;
            g[idx] = linear(texel[1]) * shade;
            b[idx] = linear(texel[2]) * shade;
          } else if (map != null) {
            int o = 6 * f;
            float u = q0 * corners[o] + q1 * corners[o + 2] + q2 * corners[o + 4];
            float v = q0 * corners[o + 1] + q1 * corners[o + 3] + q2 * corners[o + 5];
            map.sampleRepeated(u, 1 - v, texel); // OBJ's v points up, the texture's rows down
            r[idx] = color[0] * linear(texel[0]) * shade;
            g[idx] = color[1] * linear(texel[1]) * shade;
            b[idx] = color[2] * linear(texel[2]) * shade;
          } else {
            r[idx] = color[0] * shade;
            g[idx] = color[1] * shade;
            b[idx] = color[2] * shade;
          }
        }
      }
    }
  }

  /**
   * Box-filters the supersampled buffers down to the output size, in linear light: composited on
   * white, and the straight colour of the covered samples alone.
   */
  private static Rendering resolve(Intrinsics out, int s, float[] invDepth, float[] r, float[] g, float[] b) {
    int w = out.width(), h = out.height(), sw = w * s;
    int[] rgb = new int[w * h], straight = new int[w * h];
    float[] alpha = new float[w * h];
    float[] depth = new float[w * h];
    Arrays.fill(depth, Float.NaN);
    float samples = s * s;
    IntStream.range(0, h).parallel().forEach(y -> {
      for (int x = 0; x < w; x++) {
        float cr = 0, cg = 0, cb = 0;
        int covered = 0;
        for (int dy = 0; dy < s; dy++) {
          int row = (y * s + dy) * sw + x * s;
          for (int dx = 0; dx < s; dx++) {
            int i = row + dx;
            if (invDepth[i] > 0) {
              covered++;
              cr += r[i];
              cg += g[i];
              cb += b[i];
            }
          }
        }
        int o = y * w + x;
        float white = samples - covered;
        alpha[o] = covered / samples;
        rgb[o] = to8((cr + white) / samples) << 16 | to8((cg + white) / samples) << 8 | to8((cb + white) / samples);
        straight[o] = covered == 0 ? 0xffffff
            : to8(cr / covered) << 16 | to8(cg / covered) << 8 | to8(cb / covered);
        int centre = (y * s + s / 2) * sw + x * s + s / 2;
        if (invDepth[centre] > 0) {
          depth[o] = 1f / invDepth[centre];
        }
      }
    });
    return new Rendering(w, h, rgb, straight, alpha, depth);
  }

  /** An sRGB channel value in [0, 255] (a blend of two texels) in linear light. */
  private static float linear(float srgb) {
    int i = (int) srgb;
    if (i >= 255) {
      return SRGB_TO_LINEAR[255];
    }
    float f = srgb - i;
    return SRGB_TO_LINEAR[i] * (1 - f) + SRGB_TO_LINEAR[i + 1] * f;
  }

  /** Linear light (part colours and shading are linear RGB) to an 8-bit sRGB value. */
  private static int to8(float linear) {
    double v = Math.max(0, Math.min(1, linear));
    double srgb = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    return (int) Math.round(srgb * 255);
  }
}
