package dev.rayform.recon.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.util.AtomicFiles;
import dev.rayform.recon.util.Half;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors on disk: every parameter of a block (weights and batch-norm statistics) by its
 * path name, with its shape, in float32 (bit-exact) or float16 (half the size, for shipping).
 * Format: magic {@code RFPARAM1}, count, then per tensor: name, precision byte (32 or 16), rank,
 * dims, little-endian data.
 */
public final class ParameterFile {
  private static final String MAGIC = "RFPARAM1";

  private ParameterFile() {}

  public static void save(Block block, Path file, boolean half) {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      arrays.put(p.getKey(), p.getValue().getArray());
    }
    save(arrays, file, half);
  }

  public static void save(Map<String, NDArray> arrays, Path file, boolean half) {
    Map<String, Pair<Shape, float[]>> values = new LinkedHashMap<>();
    arrays.forEach((name, array) -> values.put(name, new Pair<>(array.getShape(), array.toFloatArray())));
    write(values, file, half);
  }

  /** Writes named tensors given as (shape, float32 values), as {@link #read} returns them. */
  public static void write(Map<String, Pair<Shape, float[]>> tensors, Path file, boolean half) {
    tensors.forEach((name, t) -> {
      if (t.getKey().size() != t.getValue().length) {
        throw new IllegalArgumentException("tensor " + name + " has " + t.getValue().length + " values for shape " + t.getKey());
      }
    });
    AtomicFiles.write(file, raw -> {
      DataOutputStream out = new DataOutputStream(raw);
      out.writeBytes(MAGIC);
      out.writeInt(tensors.size());
      for (Map.Entry<String, Pair<Shape, float[]>> e : tensors.entrySet()) {
        float[] data = e.getValue().getValue();
        long[] dims = e.getValue().getKey().getShape();
        out.writeUTF(e.getKey());
        out.writeByte(half ? 16 : 32);
        out.writeByte(dims.length);
        for (long d : dims) {
          out.writeLong(d);
        }
        ByteBuffer b = ByteBuffer.allocate(data.length * (half ? 2 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
          if (half) {
            b.putShort(Half.fromFloat(f));
          } else {
            b.putFloat(f);
          }
        }
        out.write(b.array());
      }
      out.flush();
    });
  }

  /** Reads every tensor: name to (shape, float32 values). */
  public static Map<String, Pair<Shape, float[]>> read(Path file) {
    Map<String, Pair<Shape, float[]>> out = new LinkedHashMap<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream in = new DataInputStream(raw);
      byte[] magic = new byte[MAGIC.length()];
      in.readFully(magic);
      if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
        throw new ReconException("model_corrupt", file + " is not a Rayform parameter file");
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int precision = in.readByte();
        int rank = in.readByte();
        if ((precision != 16 && precision != 32) || rank < 0 || rank > 8) {
          throw new ReconException("model_corrupt", file + ": bad header for tensor " + name);
        }
        long[] dims = new long[rank];
        long size = 1;
        for (int d = 0; d < rank; d++) {
          dims[d] = in.readLong();
          size = Math.multiplyExact(size, dims[d]);
        }
        if (size > 1L << 28) {
          throw new ReconException("model_corrupt", file + ": tensor " + name + " claims " + size + " values");
        }
        byte[] bytes = new byte[(int) size * precision / 8];
        in.readFully(bytes);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] data = new float[(int) size];
        for (int j = 0; j < data.length; j++) {
          data[j] = precision == 16 ? Half.toFloat(b.getShort()) : b.getFloat();
        }
        out.put(name, new Pair<>(new Shape(dims), data));
      }
    } catch (EOFException e) {
      throw new ReconException("model_corrupt", file + " is truncated", e);
    } catch (IOException e) {
      throw new ReconException("model_unreadable", "cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Loads values into an initialised block; every parameter must be present with its shape. */
  public static void load(Block block, Path file) {
    load(block, read(file), file.toString());
  }

  /** Loads {@code tensors} read from {@code source}; every parameter must be present with its shape. */
  public static void load(Block block, Map<String, Pair<Shape, float[]>> tensors, String source) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      Pair<Shape, float[]> t = tensors.get(p.getKey());
      NDArray array = p.getValue().getArray();
      if (t == null) {
        throw new ReconException("model_mismatch", source + " has no tensor " + p.getKey());
      }
      if (!t.getKey().equals(array.getShape())) {
        throw new ReconException("model_mismatch", source + ": " + p.getKey() + " has shape " + t.getKey() + ", the network expects " + array.getShape());
      }
      array.set(t.getValue());
    }
  }
}
