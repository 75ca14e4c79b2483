package dev.rayform.recon.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An indexed triangle mesh: packed float positions (x,y,z per vertex), int triangles (three vertex
 * indices per face, counter-clockwise seen from outside), optional per-vertex normals, and optional
 * parts (named groups of faces with an optional diffuse colour and material map), texture coordinates
 * per face corner for those material maps (as read from OBJ), and an optional colour texture with
 * per-vertex texture coordinates (u, v; glTF's convention, v down) for the meshes Rayform writes.
 *
 * <p>Meshes are immutable values: every transform returns a new mesh. Arrays passed in are owned by
 * the mesh afterwards and must not be changed by the caller; arrays handed out must not be changed.
 */
public final class Mesh {
  private final float[] positions;
  private final int[] triangles;
  private final float[] normals;
  private final int[] faceParts;
  private final List<Part> parts;
  private final float[] uvs;
  private final Texture texture;
  private final float[] cornerUvs;

  /**
   * A named group of faces; {@code color} is linear RGB in [0,1], or null when unknown;
   * {@code map}, when not null, is the part's material map (OBJ's {@code map_Kd}), multiplied by the
   * colour and read at the mesh's {@link #cornerUvs()}.
   */
  public record Part(String name, float[] color, Texture map) {
    public Part {
      Objects.requireNonNull(name, "name");
      if (color != null && color.length != 3) {
        throw new IllegalArgumentException("part colour needs 3 components, got " + color.length);
      }
    }

    public Part(String name, float[] color) {
      this(name, color, null);
    }
  }

  private Mesh(float[] positions, int[] triangles, float[] normals, int[] faceParts, List<Part> parts) {
    this(positions, triangles, normals, faceParts, parts, null, null, null);
  }

  private Mesh(float[] positions, int[] triangles, float[] normals, int[] faceParts, List<Part> parts, float[] uvs,
      Texture texture, float[] cornerUvs) {
    this.positions = positions;
    this.triangles = triangles;
    this.normals = normals;
    this.faceParts = faceParts;
    this.parts = parts;
    this.uvs = uvs;
    this.texture = texture;
    this.cornerUvs = cornerUvs;
  }

  /** A mesh with one unnamed part and no normals; validates indices and finite coordinates. */
  public static Mesh of(float[] positions, int[] triangles) {
    return of(positions, triangles, null, null, null);
  }

  /**
   * A mesh with everything given; {@code normals}, {@code faceParts} and {@code parts} may be null.
   * When {@code faceParts} is null every face belongs to part 0.
   *
   * @throws InvalidMeshException when arrays have the wrong lengths, an index is out of range or a
   *     coordinate is not finite
   */
  public static Mesh of(float[] positions, int[] triangles, float[] normals, int[] faceParts, List<Part> parts) {
    Objects.requireNonNull(positions, "positions");
    Objects.requireNonNull(triangles, "triangles");
    if (positions.length % 3 != 0) {
      throw new InvalidMeshException("positions length " + positions.length + " is not a multiple of 3");
    }
    if (triangles.length % 3 != 0) {
      throw new InvalidMeshException("triangles length " + triangles.length + " is not a multiple of 3");
    }
    for (int i = 0; i < positions.length; i++) {
      if (!Float.isFinite(positions[i])) {
        throw new InvalidMeshException("vertex " + (i / 3) + " has a non-finite coordinate " + positions[i]);
      }
    }
    int vertexCount = positions.length / 3;
    for (int i = 0; i < triangles.length; i++) {
      int v = triangles[i];
      if (v < 0 || v >= vertexCount) {
        throw new InvalidMeshException(
            "face " + (i / 3) + " references vertex " + v + " but the mesh has " + vertexCount + " vertices");
      }
    }
    if (normals != null && normals.length != positions.length) {
      throw new InvalidMeshException("normals length " + normals.length + " != positions length " + positions.length);
    }
    List<Part> partList = parts == null || parts.isEmpty() ? List.of(new Part("mesh", null)) : List.copyOf(parts);
    if (faceParts != null) {
      if (faceParts.length != triangles.length / 3) {
        throw new InvalidMeshException("faceParts length " + faceParts.length + " != face count " + triangles.length / 3);
      }
      for (int i = 0; i < faceParts.length; i++) {
        if (faceParts[i] < 0 || faceParts[i] >= partList.size()) {
          throw new InvalidMeshException("face " + i + " has part " + faceParts[i] + " of " + partList.size());
        }
      }
    }
    return new Mesh(positions, triangles, normals, faceParts, partList);
  }

  public static Mesh empty() {
    return of(new float[0], new int[0]);
  }

  public int vertexCount() {
    return positions.length / 3;
  }

  public int faceCount() {
    return triangles.length / 3;
  }

  public boolean isEmpty() {
    return triangles.length == 0;
  }

  /** Packed x,y,z per vertex. Do not modify. */
  public float[] positions() {
    return positions;
  }

  /** Three vertex indices per face. Do not modify. */
  public int[] triangles() {
    return triangles;
  }

  /** Per-vertex unit normals, or null when the mesh carries none (see {@link #withVertexNormals()}). */
  public float[] normals() {
    return normals;
  }

  public boolean hasNormals() {
    return normals != null;
  }

  public List<Part> parts() {
    return parts;
  }

  /** Part index of face {@code f}. */
  public int partOf(int face) {
    return faceParts == null ? 0 : faceParts[face];
  }

  /** Per-face part indices, or null when all faces are part 0. Do not modify. */
  public int[] faceParts() {
    return faceParts;
  }

  public double x(int v) {
    return positions[3 * v];
  }

  public double y(int v) {
    return positions[3 * v + 1];
  }

  public double z(int v) {
    return positions[3 * v + 2];
  }

  public Aabb bounds() {
    return Aabb.of(positions);
  }

  /** Total surface area. */
  public double area() {
    double total = 0;
    for (int f = 0; f < faceCount(); f++) {
      total += faceArea(f);
    }
    return total;
  }

  public double faceArea(int f) {
    double[] n = faceCross(f);
    return 0.5 * Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
  }

  /** (b - a) x (c - a) for face f: twice the area, along the outward normal for CCW faces. */
  public double[] faceCross(int f) {
    int a = triangles[3 * f], b = triangles[3 * f + 1], c = triangles[3 * f + 2];
    double ux = x(b) - x(a), uy = y(b) - y(a), uz = z(b) - z(a);
    double vx = x(c) - x(a), vy = y(c) - y(a), vz = z(c) - z(a);
    return new double[] {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
  }

  /** Area-weighted vertex normals (unit length; zero where a vertex touches only degenerate faces). */
  public Mesh withVertexNormals() {
    float[] n = new float[positions.length];
    for (int f = 0; f < faceCount(); f++) {
      double[] c = faceCross(f);
      for (int k = 0; k < 3; k++) {
        int v = triangles[3 * f + k];
        n[3 * v] += (float) c[0];
        n[3 * v + 1] += (float) c[1];
        n[3 * v + 2] += (float) c[2];
      }
    }
    for (int v = 0; v < vertexCount(); v++) {
      double len = Math.sqrt(n[3 * v] * n[3 * v] + n[3 * v + 1] * n[3 * v + 1] + n[3 * v + 2] * n[3 * v + 2]);
      if (len > 0) {
        n[3 * v] /= len;
        n[3 * v + 1] /= len;
        n[3 * v + 2] /= len;
      }
    }
    return new Mesh(positions, triangles, n, faceParts, parts, uvs, texture, cornerUvs);
  }

  public Mesh withoutNormals() {
    return new Mesh(positions, triangles, null, faceParts, parts, uvs, texture, cornerUvs);
  }

  /** The same mesh with every face in one part of the given name and colour. */
  public Mesh withSinglePart(String name, float[] color) {
    return new Mesh(positions, triangles, normals, null, List.of(new Part(name, color)), uvs, texture, null);
  }

  /** Applies {@code p' = scale * (p - centre)} to every vertex; normals are kept (a uniform scale). */
  public Mesh translatedScaled(double cx, double cy, double cz, double scale) {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
    }
    float[] p = new float[positions.length];
    for (int v = 0; v < vertexCount(); v++) {
      p[3 * v] = (float) ((positions[3 * v] - cx) * scale);
      p[3 * v + 1] = (float) ((positions[3 * v + 1] - cy) * scale);
      p[3 * v + 2] = (float) ((positions[3 * v + 2] - cz) * scale);
    }
    return new Mesh(p, triangles, normals, faceParts, parts, uvs, texture, cornerUvs);
  }

  /**
   * Applies a 3x4 affine transform (row-major {@code [r00 r01 r02 t0, r10 ... t1, r20 ... t2]}).
   * Normals are recomputed when present, since a non-uniform transform changes them. A transform
   * with negative determinant flips face winding so faces stay outward.
   */
  public Mesh transformed(double[] m) {
    if (m.length != 12) {
      throw new IllegalArgumentException("affine transform needs 12 values, got " + m.length);
    }
    float[] p = new float[positions.length];
    for (int v = 0; v < vertexCount(); v++) {
      double x = positions[3 * v], y = positions[3 * v + 1], z = positions[3 * v + 2];
      p[3 * v] = (float) (m[0] * x + m[1] * y + m[2] * z + m[3]);
      p[3 * v + 1] = (float) (m[4] * x + m[5] * y + m[6] * z + m[7]);
      p[3 * v + 2] = (float) (m[8] * x + m[9] * y + m[10] * z + m[11]);
    }
    double det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8])
        + m[2] * (m[4] * m[9] - m[5] * m[8]);
    int[] t = triangles;
    float[] corners = cornerUvs;
    if (det < 0) {
      t = triangles.clone();
      corners = cornerUvs == null ? null : cornerUvs.clone();
      for (int f = 0; f < faceCount(); f++) {
        int tmp = t[3 * f + 1];
        t[3 * f + 1] = t[3 * f + 2];
        t[3 * f + 2] = tmp;
        if (corners != null) {
          for (int k = 0; k < 2; k++) {
            float c = corners[6 * f + 2 + k];
            corners[6 * f + 2 + k] = corners[6 * f + 4 + k];
            corners[6 * f + 4 + k] = c;
          }
        }
      }
    }
    Mesh out = new Mesh(p, t, null, faceParts, parts, uvs, texture, corners);
    return normals != null ? out.withVertexNormals() : out;
  }

  /**
   * The same mesh coloured by {@code texture} at per-vertex coordinates {@code uvs} (u, v per vertex,
   * finite); the texture replaces the parts' colours in every writer and in the renderer.
   */
  public Mesh withTexture(float[] uvs, Texture texture) {
    Objects.requireNonNull(texture, "texture");
    requireCoordinates(uvs, 2, vertexCount(), "vertex");
    return new Mesh(positions, triangles, normals, faceParts, parts, uvs, texture, cornerUvs);
  }

  /** The mesh without its texture and texture coordinates (the parts' material maps are kept). */
  public Mesh withoutTexture() {
    return new Mesh(positions, triangles, normals, faceParts, parts, null, null, cornerUvs);
  }

  /**
   * The same mesh with texture coordinates per face corner for its parts' material maps: u, v for
   * corners 0, 1, 2 of each face in turn (OBJ's convention: v up), finite.
   */
  public Mesh withCornerUvs(float[] cornerUvs) {
    requireCoordinates(cornerUvs, 6, faceCount(), "face");
    return new Mesh(positions, triangles, normals, faceParts, parts, uvs, texture, cornerUvs);
  }

  /** Texture coordinates: {@code per} finite values for each of {@code count} elements (vertices or faces). */
  private static void requireCoordinates(float[] coordinates, int per, int count, String element) {
    Objects.requireNonNull(coordinates, "texture coordinates");
    if (coordinates.length != (long) per * count) {
      throw new InvalidMeshException("texture coordinates length " + coordinates.length + " != " + per + " per " + element
          + " x " + count);
    }
    for (int i = 0; i < coordinates.length; i++) {
      if (!Float.isFinite(coordinates[i])) {
        throw new InvalidMeshException(element + " " + (i / per) + " has a non-finite texture coordinate");
      }
    }
  }

  /** u, v per face corner (6 per face, v up) for the parts' material maps, or null. Do not modify. */
  public float[] cornerUvs() {
    return cornerUvs;
  }

  public boolean hasTexture() {
    return texture != null;
  }

  /** Per-vertex u, v, or null without a texture. Do not modify. */
  public float[] uvs() {
    return uvs;
  }

  public Texture texture() {
    return texture;
  }

  /**
   * Per-vertex colours (sRGB, {@code 0xRRGGBB}) from the texture at each vertex's coordinates, or
   * null without a texture.
   */
  public int[] vertexColors() {
    if (texture == null) {
      return null;
    }
    int[] out = new int[vertexCount()];
    for (int v = 0; v < out.length; v++) {
      out[v] = texture.sample(uvs[2 * v], uvs[2 * v + 1]);
    }
    return out;
  }

  /**
   * Concatenates meshes, keeping each one's parts (with their material maps) as separate parts; the
   * per-vertex textures are dropped.
   */
  public static Mesh concat(List<Mesh> meshes) {
    int vTotal = 0, tTotal = 0;
    boolean allNormals = !meshes.isEmpty();
    for (Mesh m : meshes) {
      vTotal += m.positions.length;
      tTotal += m.triangles.length;
      allNormals &= m.normals != null;
    }
    float[] p = new float[vTotal];
    float[] n = allNormals ? new float[vTotal] : null;
    int[] t = new int[tTotal];
    int[] fp = new int[tTotal / 3];
    List<Part> parts = new ArrayList<>();
    float[] corners = meshes.stream().anyMatch(m -> m.cornerUvs != null) ? new float[2 * tTotal] : null;
    int vOff = 0, tOff = 0;
    for (Mesh m : meshes) {
      if (corners != null && m.cornerUvs != null) {
        System.arraycopy(m.cornerUvs, 0, corners, 2 * tOff, m.cornerUvs.length);
      }
      System.arraycopy(m.positions, 0, p, vOff, m.positions.length);
      if (n != null) {
        System.arraycopy(m.normals, 0, n, vOff, m.normals.length);
      }
      int base = vOff / 3;
      for (int i = 0; i < m.triangles.length; i++) {
        t[tOff + i] = m.triangles[i] + base;
      }
      int partBase = parts.size();
      for (int f = 0; f < m.faceCount(); f++) {
        fp[tOff / 3 + f] = partBase + m.partOf(f);
      }
      parts.addAll(m.parts);
      vOff += m.positions.length;
      tOff += m.triangles.length;
    }
    Mesh out = of(p, t, n, fp, parts);
    return corners != null ? out.withCornerUvs(corners) : out;
  }

  @Override
  public String toString() {
    return "Mesh[" + vertexCount() + " vertices, " + faceCount() + " faces, " + parts.size() + " parts"
        + (texture != null ? ", " + texture.width() + "x" + texture.height() + " texture]" : "]");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mesh m
        && Arrays.equals(positions, m.positions)
        && Arrays.equals(triangles, m.triangles)
        && Arrays.equals(normals, m.normals)
        && Arrays.equals(uvs, m.uvs)
        && Arrays.equals(cornerUvs, m.cornerUvs)
        && Objects.equals(texture, m.texture);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(positions) + Arrays.hashCode(triangles);
  }
}
