package dev.rayform.recon.geometry.simplify;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.Mesh;
import java.util.Arrays;

/**
 * Simplifies a triangle mesh to at most a target face count by edge collapse under the quadric
 * error metric (Garland and Heckbert, 1997). Each vertex carries the sum of the area-weighted
 * quadrics of its faces' planes; boundary edges add a heavily weighted plane perpendicular to their
 * face, so open borders hold their outline. Edges are collapsed cheapest first, each to the point
 * that minimises the summed quadric (or the best of its ends and midpoint when that is
 * ill-conditioned). A collapse is refused when it would break the mesh: the link condition (the
 * ends share exactly the neighbours of the edge's faces), an interior edge joining two boundary
 * vertices, a neighbour left with two faces, a face turned over or made degenerate. Edges with more
 * than two faces are never touched. A closed, consistently oriented mesh stays so.
 *
 * <p>Parts survive (every face keeps its part); normals are recomputed when the input had them.
 * When no allowed collapse is left the result may have more faces than the target.
 */
public final class QuadricSimplifier {
  public static final String INVALID_TARGET = "simplify_target_invalid";
  /** The smallest target: a tetrahedron, the smallest closed mesh. */
  public static final int MIN_TARGET = 4;
  private static final double BOUNDARY_WEIGHT = 100;
  /** A collapse may turn a face by less than about 78 degrees. */
  private static final double MIN_NORMAL_COSINE = 0.2;

  private final double[] pos;
  private final double[] quadric; // 10 per vertex: a2 ab ac ad b2 bc bd c2 cd d2
  private final int[] tri;
  private final boolean[] faceDead;
  private int[][] vertexFaces;
  private final int[] vertexFaceCount;
  private final boolean[] vertexDead;
  private final boolean[] boundary;
  private final boolean[] locked;
  private final int[] stamp;
  private final CandidateHeap queue = new CandidateHeap();
  // Scratch of the hot paths, which would otherwise allocate for every candidate and face.
  private final double[] sum = new double[10];
  private final double[] best = new double[3];
  private final double[] before = new double[3];
  private final double[] after = new double[3];
  private final int[][] rings = {new int[64], new int[64], new int[64]};
  private int liveFaces;

  private QuadricSimplifier(Mesh mesh) {
    int n = mesh.vertexCount();
    pos = new double[3 * n];
    float[] p = mesh.positions();
    for (int i = 0; i < p.length; i++) {
      pos[i] = p[i];
    }
    tri = mesh.triangles().clone();
    faceDead = new boolean[mesh.faceCount()];
    liveFaces = mesh.faceCount();
    quadric = new double[10 * n];
    vertexFaceCount = new int[n];
    vertexDead = new boolean[n];
    boundary = new boolean[n];
    locked = new boolean[n];
    stamp = new int[n];
    for (int v : tri) {
      vertexFaceCount[v]++;
    }
    vertexFaces = new int[n][];
    for (int v = 0; v < n; v++) {
      vertexFaces[v] = new int[Math.max(4, vertexFaceCount[v])];
      vertexFaceCount[v] = 0;
    }
    for (int f = 0; f < faceDead.length; f++) {
      for (int k = 0; k < 3; k++) {
        int v = tri[3 * f + k];
        vertexFaces[v][vertexFaceCount[v]++] = f;
      }
    }
  }

  /**
   * The mesh with at most {@code targetFaces} faces where the rules allow it; the mesh itself when
   * it has no more faces than that.
   */
  public static Mesh simplify(Mesh mesh, int targetFaces) {
    requireValidTarget(targetFaces);
    if (mesh.faceCount() <= targetFaces) {
      return mesh;
    }
    QuadricSimplifier s = new QuadricSimplifier(mesh);
    s.run(targetFaces);
    return s.result(mesh);
  }

  /** Refuses a target below {@link #MIN_TARGET} with {@link #INVALID_TARGET}. */
  public static void requireValidTarget(int targetFaces) {
    if (targetFaces < MIN_TARGET) {
      throw new ReconException(INVALID_TARGET, "the target face count must be at least " + MIN_TARGET + ", got " + targetFaces);
    }
  }

  private void run(int target) {
    EdgeCounts edgeFaces = new EdgeCounts(tri.length);
    for (int f = 0; f < faceDead.length; f++) {
      addFaceQuadric(f);
      for (int k = 0; k < 3; k++) {
        edgeFaces.add(tri[3 * f + k], tri[3 * f + (k + 1) % 3]);
      }
    }
    for (int f = 0; f < faceDead.length; f++) {
      for (int k = 0; k < 3; k++) {
        int a = tri[3 * f + k], b = tri[3 * f + (k + 1) % 3];
        int count = edgeFaces.count(a, b);
        if (count == 1) {
          boundary[a] = boundary[b] = true;
          addBoundaryQuadric(f, a, b);
        } else if (count > 2) {
          locked[a] = locked[b] = true;
        }
      }
    }
    // Rejected candidates are dropped; a pass over every edge gives them another chance once their
    // surroundings changed, until a pass collapses nothing.
    boolean progress = true;
    while (liveFaces > target && progress) {
      queue.clear();
      for (int f = 0; f < faceDead.length; f++) {
        if (!faceDead[f]) {
          for (int k = 0; k < 3; k++) {
            int a = tri[3 * f + k], b = tri[3 * f + (k + 1) % 3];
            if (a < b || edgeFaceCount(a, b) == 1) {
              push(a, b, false);
            }
          }
        }
      }
      queue.heapify();
      progress = false;
      while (liveFaces > target && !queue.isEmpty()) {
        int c = queue.poll();
        int a = queue.a(c), b = queue.b(c);
        if (vertexDead[a] || vertexDead[b] || stamp[a] != queue.stampA(c) || stamp[b] != queue.stampB(c)) {
          continue;
        }
        // The slot is reused by the next push: read the point first.
        if (collapse(a, b, queue.x(c), queue.y(c), queue.z(c))) {
          progress = true;
        }
      }
    }
  }

  private void addFaceQuadric(int f) {
    int a = tri[3 * f], b = tri[3 * f + 1], c = tri[3 * f + 2];
    double[] n = cross(a, b, c, 0, 0, 0, -1);
    double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (!(len > 0)) {
      return;
    }
    double nx = n[0] / len, ny = n[1] / len, nz = n[2] / len;
    double d = -(nx * pos[3 * a] + ny * pos[3 * a + 1] + nz * pos[3 * a + 2]);
    double area = 0.5 * len;
    for (int v : new int[] {a, b, c}) {
      addPlane(v, nx, ny, nz, d, area);
    }
  }

  /** A plane through the boundary edge a-b, perpendicular to face f, weighted by the edge's squared length. */
  private void addBoundaryQuadric(int f, int a, int b) {
    int p = tri[3 * f], q = tri[3 * f + 1], r = tri[3 * f + 2];
    double[] n = cross(p, q, r, 0, 0, 0, -1);
    double ex = pos[3 * b] - pos[3 * a], ey = pos[3 * b + 1] - pos[3 * a + 1], ez = pos[3 * b + 2] - pos[3 * a + 2];
    double mx = ey * n[2] - ez * n[1], my = ez * n[0] - ex * n[2], mz = ex * n[1] - ey * n[0];
    double len = Math.sqrt(mx * mx + my * my + mz * mz);
    if (!(len > 0)) {
      return;
    }
    mx /= len;
    my /= len;
    mz /= len;
    double d = -(mx * pos[3 * a] + my * pos[3 * a + 1] + mz * pos[3 * a + 2]);
    double w = BOUNDARY_WEIGHT * (ex * ex + ey * ey + ez * ez);
    addPlane(a, mx, my, mz, d, w);
    addPlane(b, mx, my, mz, d, w);
  }

  private void addPlane(int v, double a, double b, double c, double d, double w) {
    int o = 10 * v;
    quadric[o] += w * a * a;
    quadric[o + 1] += w * a * b;
    quadric[o + 2] += w * a * c;
    quadric[o + 3] += w * a * d;
    quadric[o + 4] += w * b * b;
    quadric[o + 5] += w * b * c;
    quadric[o + 6] += w * b * d;
    quadric[o + 7] += w * c * c;
    quadric[o + 8] += w * c * d;
    quadric[o + 9] += w * d * d;
  }

  /** (q - p) x (r - p) for the face p, q, r with the vertex {@code moved} (-1: none) placed at (x, y, z). */
  private double[] cross(int p, int q, int r, double x, double y, double z, int moved) {
    return crossInto(new double[3], p, q, r, x, y, z, moved);
  }

  /** {@link #cross} written into {@code out}, for the hot paths. */
  private double[] crossInto(double[] out, int p, int q, int r, double x, double y, double z, int moved) {
    double px = p == moved ? x : pos[3 * p], py = p == moved ? y : pos[3 * p + 1], pz = p == moved ? z : pos[3 * p + 2];
    double qx = q == moved ? x : pos[3 * q], qy = q == moved ? y : pos[3 * q + 1], qz = q == moved ? z : pos[3 * q + 2];
    double rx = r == moved ? x : pos[3 * r], ry = r == moved ? y : pos[3 * r + 1], rz = r == moved ? z : pos[3 * r + 2];
    double ux = qx - px, uy = qy - py, uz = qz - pz, vx = rx - px, vy = ry - py, vz = rz - pz;
    out[0] = uy * vz - uz * vy;
    out[1] = uz * vx - ux * vz;
    out[2] = ux * vy - uy * vx;
    return out;
  }

  /** Queues the collapse of a-b at its best point; {@code ordered}: keep the heap in order (else heapify later). */
  private void push(int a, int b, boolean ordered) {
    if (a == b || locked[a] || locked[b]) {
      return;
    }
    double[] q = sum;
    for (int i = 0; i < 10; i++) {
      q[i] = quadric[10 * a + i] + quadric[10 * b + i];
    }
    double x, y, z, cost;
    if (optimum(q, best) && isNear(best, a, b)) {
      x = best[0];
      y = best[1];
      z = best[2];
      cost = error(q, x, y, z);
    } else {
      // The best of the two ends and the midpoint, in that order on ties.
      x = pos[3 * a];
      y = pos[3 * a + 1];
      z = pos[3 * a + 2];
      cost = error(q, x, y, z);
      double e = error(q, pos[3 * b], pos[3 * b + 1], pos[3 * b + 2]);
      if (e < cost) {
        cost = e;
        x = pos[3 * b];
        y = pos[3 * b + 1];
        z = pos[3 * b + 2];
      }
      double mx = 0.5 * (pos[3 * a] + pos[3 * b]), my = 0.5 * (pos[3 * a + 1] + pos[3 * b + 1]), mz = 0.5 * (pos[3 * a + 2] + pos[3 * b + 2]);
      e = error(q, mx, my, mz);
      if (e < cost) {
        cost = e;
        x = mx;
        y = my;
        z = mz;
      }
    }
    if (ordered) {
      queue.add(Math.max(0, cost), a, b, stamp[a], stamp[b], x, y, z);
    } else {
      queue.append(Math.max(0, cost), a, b, stamp[a], stamp[b], x, y, z);
    }
  }

  /**
   * The minimiser of the quadric into {@code out}; false when its 3x3 part is (nearly) singular:
   * flat or straight surroundings.
   */
  private static boolean optimum(double[] q, double[] out) {
    double a = q[0], b = q[1], c = q[2], e = q[4], f = q[5], h = q[7];
    double det = a * (e * h - f * f) - b * (b * h - f * c) + c * (b * f - e * c);
    double scale = Math.max(Math.abs(a), Math.max(Math.abs(e), Math.abs(h)));
    if (!(Math.abs(det) > 1e-9 * scale * scale * scale)) {
      return false;
    }
    double r0 = -q[3], r1 = -q[6], r2 = -q[8];
    out[0] = (r0 * (e * h - f * f) - b * (r1 * h - f * r2) + c * (r1 * f - e * r2)) / det;
    out[1] = (a * (r1 * h - f * r2) - r0 * (b * h - f * c) + c * (b * r2 - r1 * c)) / det;
    out[2] = (a * (e * r2 - r1 * f) - b * (b * r2 - r1 * c) + r0 * (b * f - e * c)) / det;
    return true;
  }

  /** An optimum far from its edge (nearly singular quadrics) would pull faces across the mesh. */
  private boolean isNear(double[] p, int a, int b) {
    double mx = 0.5 * (pos[3 * a] + pos[3 * b]), my = 0.5 * (pos[3 * a + 1] + pos[3 * b + 1]), mz = 0.5 * (pos[3 * a + 2] + pos[3 * b + 2]);
    double ex = pos[3 * b] - pos[3 * a], ey = pos[3 * b + 1] - pos[3 * a + 1], ez = pos[3 * b + 2] - pos[3 * a + 2];
    double dx = p[0] - mx, dy = p[1] - my, dz = p[2] - mz;
    return dx * dx + dy * dy + dz * dz <= 4 * (ex * ex + ey * ey + ez * ez);
  }

  private static double error(double[] q, double x, double y, double z) {
    return q[0] * x * x + 2 * q[1] * x * y + 2 * q[2] * x * z + 2 * q[3] * x
        + q[4] * y * y + 2 * q[5] * y * z + 2 * q[6] * y
        + q[7] * z * z + 2 * q[8] * z + q[9];
  }

  private int edgeFaceCount(int a, int b) {
    int n = 0;
    for (int i = 0; i < vertexFaceCount[a]; i++) {
      int f = vertexFaces[a][i];
      if (!faceDead[f] && has(f, b)) {
        n++;
      }
    }
    return n;
  }

  private boolean has(int f, int v) {
    return tri[3 * f] == v || tri[3 * f + 1] == v || tri[3 * f + 2] == v;
  }

  /** The distinct neighbours of v over its live faces, into {@code rings[which]} (grown when short); returns their count. */
  private int ring(int which, int v) {
    int need = 2 * vertexFaceCount[v] + 2;
    if (rings[which].length < need) {
      rings[which] = new int[2 * need];
    }
    int[] out = rings[which];
    int n = 0;
    for (int i = 0; i < vertexFaceCount[v]; i++) {
      int f = vertexFaces[v][i];
      if (faceDead[f]) {
        continue;
      }
      for (int k = 0; k < 3; k++) {
        int w = tri[3 * f + k];
        if (w != v && !contains(out, n, w)) {
          out[n++] = w;
        }
      }
    }
    return n;
  }


  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }

  /** Collapses b into a at (x, y, z) when the rules allow it. */
  private boolean collapse(int a, int b, double x, double y, double z) {
    int shared = edgeFaceCount(a, b);
    if (shared == 0 || shared > 2) {
      return false;
    }
    if (shared == 2 && boundary[a] && boundary[b]) {
      return false; // an interior edge between two borders: collapsing it would pinch the surface
    }
    int countA = ring(0, a), countB = ring(1, b);
    int[] na = rings[0], nb = rings[1];
    int common = 0;
    for (int i = 0; i < countA; i++) {
      int w = na[i];
      if (contains(nb, countB, w)) {
        common++;
        boolean opposite = isOpposite(a, b, w);
        if (!opposite) {
          return false; // link condition
        }
        int valence = ring(2, w);
        if (valence <= (boundary[w] ? 2 : 3)) {
          return false; // w would be left with folded faces
        }
      }
    }
    if (common != shared) {
      return false;
    }
    if (turnsOrDegenerates(a, b, x, y, z) || turnsOrDegenerates(b, a, x, y, z)) {
      return false;
    }
    apply(a, b, x, y, z);
    return true;
  }

  private boolean isOpposite(int a, int b, int w) {
    for (int i = 0; i < vertexFaceCount[a]; i++) {
      int f = vertexFaces[a][i];
      if (!faceDead[f] && has(f, b) && has(f, w)) {
        return true;
      }
    }
    return false;
  }

  /** Whether moving v to (x, y, z) turns over or flattens one of its faces that survive. */
  private boolean turnsOrDegenerates(int v, int other, double x, double y, double z) {
    for (int i = 0; i < vertexFaceCount[v]; i++) {
      int f = vertexFaces[v][i];
      if (faceDead[f] || has(f, other)) {
        continue;
      }
      int p = tri[3 * f], q = tri[3 * f + 1], r = tri[3 * f + 2];
      crossInto(before, p, q, r, 0, 0, 0, -1);
      crossInto(after, p, q, r, x, y, z, v);
      double lb = Math.sqrt(before[0] * before[0] + before[1] * before[1] + before[2] * before[2]);
      double la = Math.sqrt(after[0] * after[0] + after[1] * after[1] + after[2] * after[2]);
      if (!(la > 1e-12 * (lb + 1e-30))) {
        return true;
      }
      double cos = (before[0] * after[0] + before[1] * after[1] + before[2] * after[2]) / (la * lb);
      if (lb > 0 && cos < MIN_NORMAL_COSINE) {
        return true;
      }
    }
    return false;
  }

  private void apply(int a, int b, double x, double y, double z) {
    int[] merged = new int[vertexFaceCount[a] + vertexFaceCount[b]];
    int n = 0;
    for (int i = 0; i < vertexFaceCount[a]; i++) {
      int f = vertexFaces[a][i];
      if (faceDead[f]) {
        continue;
      }
      if (has(f, b)) {
        faceDead[f] = true;
        liveFaces--;
      } else {
        merged[n++] = f;
      }
    }
    for (int i = 0; i < vertexFaceCount[b]; i++) {
      int f = vertexFaces[b][i];
      if (faceDead[f]) {
        continue;
      }
      for (int k = 0; k < 3; k++) {
        if (tri[3 * f + k] == b) {
          tri[3 * f + k] = a;
        }
      }
      merged[n++] = f;
    }
    vertexFaces[a] = merged;
    vertexFaceCount[a] = n;
    vertexFaces[b] = new int[0];
    vertexFaceCount[b] = 0;
    vertexDead[b] = true;
    pos[3 * a] = x;
    pos[3 * a + 1] = y;
    pos[3 * a + 2] = z;
    for (int i = 0; i < 10; i++) {
      quadric[10 * a + i] += quadric[10 * b + i];
    }
    boundary[a] |= boundary[b];
    stamp[a]++;
    int count = ring(0, a);
    for (int i = 0; i < count; i++) {
      push(a, rings[0][i], true);
    }
  }

  private Mesh result(Mesh original) {
    int n = original.vertexCount();
    int[] remap = new int[n];
    Arrays.fill(remap, -1);
    int vertices = 0;
    int[] t = new int[3 * liveFaces];
    int[] parts = original.faceParts() == null ? null : new int[liveFaces];
    int k = 0;
    for (int f = 0; f < faceDead.length; f++) {
      if (faceDead[f]) {
        continue;
      }
      for (int j = 0; j < 3; j++) {
        int v = tri[3 * f + j];
        if (remap[v] < 0) {
          remap[v] = vertices++;
        }
        t[3 * k + j] = remap[v];
      }
      if (parts != null) {
        parts[k] = original.faceParts()[f];
      }
      k++;
    }
    float[] p = new float[3 * vertices];
    for (int v = 0; v < n; v++) {
      if (remap[v] >= 0) {
        for (int j = 0; j < 3; j++) {
          p[3 * remap[v] + j] = (float) pos[3 * v + j];
        }
      }
    }
    Mesh out = Mesh.of(p, t, null, parts, original.parts());
    return original.hasNormals() ? out.withVertexNormals() : out;
  }
}
