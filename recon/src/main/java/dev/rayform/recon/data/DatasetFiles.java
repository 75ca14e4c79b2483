package dev.rayform.recon.data;

import dev.rayform.recon.ReconException;
import dev.rayform.recon.eval.SurfaceSamples;
import dev.rayform.recon.rays.BitPacking;
import dev.rayform.recon.rays.RayLabels;
import dev.rayform.recon.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary files of a dataset, little-endian, each starting with an 8-byte magic and a version:
 *
 * <ul>
 *   <li>{@code rays.bin}: all views of a shape: {@code views, k, m, dmin, dmax}, then per view
 *       {@code 2k} float pixel positions and {@code ceil(k*m/8)} bytes of bit-packed occupancy.
 *   <li>{@code points.bin}: evaluation points: {@code n}, {@code 3n} floats, {@code ceil(n/8)} bytes
 *       of bit-packed occupancy.
 *   <li>{@code surface.bin}: surface samples: {@code n}, {@code 3n} float positions, {@code 3n} float
 *       unit normals.
 * </ul>
 */
public final class DatasetFiles {
  static final String RAYS_MAGIC = "RFRAYS01";
  static final String POINTS_MAGIC = "RFPNTS01";
  static final String SURFACE_MAGIC = "RFSURF01";
  private static final int VERSION = 1;

  private DatasetFiles() {}

  /** The labelled rays of all views of one shape. */
  public record RayShard(int m, float dmin, float dmax, List<RayLabels> views) {}

  /** Points with their occupancy. */
  public record LabelledPoints(float[] xyz, boolean[] occupied) {}

  public static void writeRays(Path path, RayShard shard) {
    int bytes = 8 + 4 * 6;
    for (RayLabels v : shard.views()) {
      bytes += 4 * v.pixels().length + v.occupancy().length;
    }
    ByteBuffer b = header(bytes, RAYS_MAGIC);
    int k = shard.views().isEmpty() ? 0 : shard.views().get(0).k();
    b.putInt(shard.views().size()).putInt(k).putInt(shard.m()).putFloat(shard.dmin()).putFloat(shard.dmax());
    for (RayLabels v : shard.views()) {
      if (v.k() != k || v.m() != shard.m()) {
        throw new IllegalArgumentException("all views of a shard need the same k and m");
      }
      for (float p : v.pixels()) {
        b.putFloat(p);
      }
      b.put(v.occupancy());
    }
    AtomicFiles.write(path, b.array());
  }

  public static RayShard readRays(Path path) {
    ByteBuffer b = open(path, RAYS_MAGIC);
    int views = b.getInt(), k = b.getInt(), m = b.getInt();
    float dmin = b.getFloat(), dmax = b.getFloat();
    long expected = (long) views * (8L * k + BitPacking.packedLength(k * m));
    require(views >= 0 && k >= 0 && m >= 0 && expected == b.remaining(), path,
        "views=" + views + " k=" + k + " m=" + m + " needs " + expected + " bytes, file has " + b.remaining());
    List<RayLabels> out = new ArrayList<>(views);
    for (int v = 0; v < views; v++) {
      float[] pixels = new float[2 * k];
      b.asFloatBuffer().get(pixels);
      b.position(b.position() + 8 * k);
      byte[] occ = new byte[BitPacking.packedLength(k * m)];
      b.get(occ);
      out.add(new RayLabels(k, m, pixels, occ));
    }
    return new RayShard(m, dmin, dmax, out);
  }

  public static void writePoints(Path path, LabelledPoints points) {
    int n = points.occupied().length;
    byte[] packed = BitPacking.pack(points.occupied());
    ByteBuffer b = header(8 + 8 + 12 * n + packed.length, POINTS_MAGIC);
    b.putInt(n);
    b.asFloatBuffer().put(points.xyz(), 0, 3 * n);
    b.position(b.position() + 12 * n);
    b.put(packed);
    AtomicFiles.write(path, b.array());
  }

  public static LabelledPoints readPoints(Path path) {
    ByteBuffer b = open(path, POINTS_MAGIC);
    int n = b.getInt();
    require(n >= 0 && 12L * n + BitPacking.packedLength(n) == b.remaining(), path, "point count " + n + " does not match the file size");
    float[] xyz = new float[3 * n];
    b.asFloatBuffer().get(xyz);
    b.position(b.position() + 12 * n);
    byte[] packed = new byte[BitPacking.packedLength(n)];
    b.get(packed);
    return new LabelledPoints(xyz, BitPacking.unpack(packed, n));
  }

  public static void writeSurface(Path path, SurfaceSamples samples) {
    int n = samples.points().length / 3;
    ByteBuffer b = header(8 + 8 + 24 * n, SURFACE_MAGIC);
    b.putInt(n);
    b.asFloatBuffer().put(samples.points()).put(samples.normals());
    AtomicFiles.write(path, b.array());
  }

  public static SurfaceSamples readSurface(Path path) {
    ByteBuffer b = open(path, SURFACE_MAGIC);
    int n = b.getInt();
    require(n >= 0 && 24L * n == b.remaining(), path, "sample count " + n + " does not match the file size");
    float[] xyz = new float[3 * n], normals = new float[3 * n];
    b.asFloatBuffer().get(xyz).get(normals);
    return new SurfaceSamples(xyz, normals);
  }

  private static ByteBuffer header(int bytes, String magic) {
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put(magic.getBytes(StandardCharsets.US_ASCII)).putInt(VERSION);
    return b;
  }

  private static ByteBuffer open(Path path, String magic) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    require(bytes.length >= 16, path, "file is shorter than its header");
    byte[] m = new byte[8];
    b.get(m);
    require(magic.equals(new String(m, StandardCharsets.US_ASCII)), path, "not a " + magic + " file");
    int version = b.getInt();
    require(version == VERSION, path, "unsupported version " + version);
    return b;
  }

  private static void require(boolean ok, Path path, String message) {
    if (!ok) {
      throw new ReconException("dataset_file_corrupt", path + ": " + message);
    }
  }
}
