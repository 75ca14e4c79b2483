package dev.rayform.recon.geometry.io;

import dev.rayform.recon.geometry.Mesh;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PLY in ascii, binary_little_endian and binary_big_endian. Uses vertex x/y/z (any numeric
 * type), optional nx/ny/nz, and the face list {@code vertex_indices} or {@code vertex_index};
 * every other property and element is skipped. Element counts are checked against the bytes left
 * before reading, so a lying header fails at once.
 *
 * <p>Rayform's own files carry a face property {@code part} and header comments
 * {@code rayform-part INDEX R G B NAME} (R G B as floats, or {@code -} when uncoloured), which
 * restore part names and colours.
 */
final class PlyReader {
  private enum Type {
    INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), FLOAT32(4), FLOAT64(8);
    final int size;

    Type(int size) {
      this.size = size;
    }

    static Type parse(String s) {
      switch (s) {
        case "char": case "int8": return INT8;
        case "uchar": case "uint8": return UINT8;
        case "short": case "int16": return INT16;
        case "ushort": case "uint16": return UINT16;
        case "int": case "int32": return INT32;
        case "uint": case "uint32": return UINT32;
        case "float": case "float32": return FLOAT32;
        case "double": case "float64": return FLOAT64;
        default: return null;
      }
    }

    boolean integral() {
      return this != FLOAT32 && this != FLOAT64;
    }
  }

  private record Property(String name, Type type, Type countType) {
    boolean isList() {
      return countType != null;
    }
  }

  private record Element(String name, long count, List<Property> properties) {
    int index(String... names) {
      for (int i = 0; i < properties.size(); i++) {
        for (String n : names) {
          if (properties.get(i).name().equals(n)) {
            return i;
          }
        }
      }
      return -1;
    }

    /** The fewest bytes one binary record can take (lists empty). */
    long minBinarySize() {
      long s = 0;
      for (Property p : properties) {
        s += p.isList() ? p.countType().size : p.type().size;
      }
      return s;
    }
  }

  private final String source;
  private final byte[] data;
  private final List<Element> elements = new ArrayList<>();
  private final Map<Integer, String> partNames = new HashMap<>();
  private final Map<Integer, float[]> partColors = new HashMap<>();
  private final MeshBuilder mesh;
  private String format;
  private int bodyOffset;
  private boolean sawVertices;
  private boolean sawNormals;

  private PlyReader(String source, byte[] data) {
    this.source = source;
    this.data = data;
    this.mesh = new MeshBuilder(source);
  }

  static Mesh read(String source, byte[] data) {
    return new PlyReader(source, data).parse();
  }

  private Mesh parse() {
    parseHeader();
    switch (format) {
      case "ascii" -> readAscii();
      case "binary_little_endian" -> readBinary(ByteOrder.LITTLE_ENDIAN);
      case "binary_big_endian" -> readBinary(ByteOrder.BIG_ENDIAN);
      default -> throw new MeshFormatException(MeshFormatException.UNSUPPORTED_FORMAT,
          source + ": PLY format '" + format + "'");
    }
    mesh.checkIndices();
    return mesh.build(sawNormals);
  }

  private void parseHeader() {
    if (data.length < 4 || !new String(data, 0, 3, StandardCharsets.ISO_8859_1).equals("ply")) {
      throw new MeshFormatException(data.length < 4 ? MeshFormatException.TRUNCATED : MeshFormatException.MALFORMED,
          source + ": missing 'ply' magic");
    }
    TextLines l = new TextLines(source, data, 0, data.length);
    l.nextLine(); // "ply"
    while (true) {
      if (!l.nextLine()) {
        throw l.truncated("header has no end_header");
      }
      if (l.tokenCount() == 0) {
        continue;
      }
      String key = l.token(0);
      switch (key) {
        case "format" -> {
          if (l.tokenCount() < 2) {
            throw l.malformed("format line without a format");
          }
          format = l.token(1);
        }
        case "comment" -> parseComment(l);
        case "obj_info" -> { }
        case "element" -> {
          if (l.tokenCount() < 3) {
            throw l.malformed("element line needs a name and a count");
          }
          elements.add(new Element(l.token(1), l.parseCount(l.token(2), "element count"), new ArrayList<>()));
        }
        case "property" -> parseProperty(l);
        case "end_header" -> {
          bodyOffset = l.position();
          if (format == null) {
            throw l.malformed("header has no format line");
          }
          return;
        }
        default -> throw l.malformed("unknown header keyword '" + key + "'");
      }
    }
  }

  private void parseComment(TextLines l) {
    if (l.tokenCount() >= 7 && l.tokenIs(1, "rayform-part")) {
      try {
        int index = Integer.parseInt(l.token(2));
        partNames.put(index, l.rest(6));
        if (!l.tokenIs(3, "-")) {
          partColors.put(index, new float[] {
              Float.parseFloat(l.token(3)), Float.parseFloat(l.token(4)), Float.parseFloat(l.token(5))});
        }
      } catch (NumberFormatException e) {
        // not ours after all: an ordinary comment
      }
    }
  }

  private void parseProperty(TextLines l) {
    if (elements.isEmpty()) {
      throw l.malformed("property before any element");
    }
    List<Property> props = elements.get(elements.size() - 1).properties();
    if (l.tokenCount() >= 5 && l.tokenIs(1, "list")) {
      Type countType = Type.parse(l.token(2));
      Type itemType = Type.parse(l.token(3));
      if (countType == null || itemType == null || !countType.integral()) {
        throw l.malformed("bad list property types");
      }
      props.add(new Property(l.token(4), itemType, countType));
    } else if (l.tokenCount() >= 3) {
      Type t = Type.parse(l.token(1));
      if (t == null) {
        throw l.malformed("unknown property type '" + l.token(1) + "'");
      }
      props.add(new Property(l.token(2), t, null));
    } else {
      throw l.malformed("property line needs a type and a name");
    }
  }

  private boolean isVertex(Element e) {
    return e.name().equals("vertex");
  }

  private boolean isFace(Element e) {
    return e.name().equals("face");
  }

  // ---- binary ----

  private void readBinary(ByteOrder order) {
    ByteBuffer buf = ByteBuffer.wrap(data, bodyOffset, data.length - bodyOffset).order(order);
    try {
      for (Element e : elements) {
        long need = e.count() * e.minBinarySize();
        if (e.count() > 0 && (need / e.count() != e.minBinarySize() || need > buf.remaining())) {
          throw truncatedAt(buf, "element '" + e.name() + "' claims " + e.count()
              + " records (at least " + need + " bytes) but only " + buf.remaining() + " bytes are left");
        }
        if (isVertex(e)) {
          readVertices(e, i -> readBinaryScalar(buf, e.properties().get(i).type()), i -> skipBinary(buf, e.properties().get(i)));
        } else if (isFace(e)) {
          readFaces(e, t -> readBinaryScalar(buf, t), i -> skipBinary(buf, e.properties().get(i)));
        } else if (!e.properties().isEmpty()) {
          for (long r = 0; r < e.count(); r++) {
            for (Property p : e.properties()) {
              skipBinary(buf, p);
            }
          }
        }
      }
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw truncatedAt(buf, "data ends inside an element");
    }
  }

  private MeshFormatException truncatedAt(ByteBuffer buf, String message) {
    return new MeshFormatException(MeshFormatException.TRUNCATED,
        source + ": at byte " + buf.position() + ": " + message);
  }

  private static double readBinaryScalar(ByteBuffer b, Type t) {
    return switch (t) {
      case INT8 -> b.get();
      case UINT8 -> b.get() & 0xFF;
      case INT16 -> b.getShort();
      case UINT16 -> b.getShort() & 0xFFFF;
      case INT32 -> b.getInt();
      case UINT32 -> b.getInt() & 0xFFFFFFFFL;
      case FLOAT32 -> b.getFloat();
      case FLOAT64 -> b.getDouble();
    };
  }

  private static void skipBinary(ByteBuffer b, Property p) {
    long n = 1;
    if (p.isList()) {
      n = (long) readBinaryScalar(b, p.countType());
    }
    long bytes = n * p.type().size;
    if (n < 0 || bytes > b.remaining()) {
      throw new BufferUnderflowException();
    }
    b.position(b.position() + (int) bytes);
  }

  // ---- ascii ----

  private void readAscii() {
    TextLines l = new TextLines(source, data, bodyOffset, data.length);
    long remaining = data.length - bodyOffset;
    for (Element e : elements) {
      long minChars = 2L * e.properties().size();
      if (e.count() > 0 && minChars > 0 && e.count() > (remaining + 1) / minChars) {
        throw new MeshFormatException(MeshFormatException.TRUNCATED, source + ": element '" + e.name()
            + "' claims " + e.count() + " records but only " + remaining + " bytes are left");
      }
      if (isVertex(e)) {
        readVertices(e, i -> l.parseFloat(l.nextToken("vertex property")), i -> skipAscii(l, e.properties().get(i)));
      } else if (isFace(e)) {
        readFaces(e, t -> asciiNumber(l, "face value"), i -> skipAscii(l, e.properties().get(i)));
      } else if (!e.properties().isEmpty()) {
        // (An element without properties has empty records: nothing to skip, however many it claims;
        // looping over a claimed count of 10^18 hung the reader.)
        for (long r = 0; r < e.count(); r++) {
          for (Property p : e.properties()) {
            skipAscii(l, p);
          }
        }
      }
    }
  }

  private static double asciiNumber(TextLines l, String what) {
    String t = l.nextToken(what);
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException ex) {
      throw l.malformed("'" + t + "' is not a number");
    }
  }

  private static void skipAscii(TextLines l, Property p) {
    long n = 1;
    if (p.isList()) {
      n = (long) asciiNumber(l, "list count");
      if (n < 0) {
        throw l.malformed("negative list count");
      }
    }
    for (long i = 0; i < n; i++) {
      l.nextToken(p.name());
    }
  }

  // ---- shared element logic ----

  private interface ScalarByIndex {
    double read(int propertyIndex);
  }

  private interface ScalarByType {
    double read(Type t);
  }

  private interface Skipper {
    void skip(int propertyIndex);
  }

  private void readVertices(Element e, ScalarByIndex read, Skipper skip) {
    int ix = e.index("x"), iy = e.index("y"), iz = e.index("z");
    if (ix < 0 || iy < 0 || iz < 0) {
      throw new MeshFormatException(MeshFormatException.MALFORMED, source + ": vertex element lacks x, y or z");
    }
    for (int i : new int[] {ix, iy, iz}) {
      if (e.properties().get(i).isList()) {
        throw new MeshFormatException(MeshFormatException.MALFORMED, source + ": vertex coordinate is a list");
      }
    }
    int inx = e.index("nx"), iny = e.index("ny"), inz = e.index("nz");
    boolean normals = inx >= 0 && iny >= 0 && inz >= 0
        && !e.properties().get(inx).isList() && !e.properties().get(iny).isList() && !e.properties().get(inz).isList();
    if (sawVertices) {
      throw new MeshFormatException(MeshFormatException.UNSUPPORTED_FORMAT, source + ": more than one vertex element");
    }
    sawVertices = true;
    sawNormals = normals;
    double[] values = new double[e.properties().size()];
    for (long r = 0; r < e.count(); r++) {
      for (int i = 0; i < values.length; i++) {
        boolean wanted = i == ix || i == iy || i == iz || (normals && (i == inx || i == iny || i == inz));
        if (wanted) {
          values[i] = read.read(i);
        } else {
          skip.skip(i);
        }
      }
      int v = mesh.addVertex((float) values[ix], (float) values[iy], (float) values[iz], "vertex " + r);
      if (normals) {
        mesh.setNormal(v, (float) values[inx], (float) values[iny], (float) values[inz]);
      }
    }
  }

  private void readFaces(Element e, ScalarByType read, Skipper skip) {
    int il = e.index("vertex_indices", "vertex_index");
    if (il < 0 || !e.properties().get(il).isList()) {
      throw new MeshFormatException(MeshFormatException.MALFORMED, source + ": face element lacks a vertex_indices list");
    }
    int ipart = e.index("part");
    if (ipart >= 0 && e.properties().get(ipart).isList()) {
      ipart = -1;
    }
    Property list = e.properties().get(il);
    int[] idx = new int[8];
    int currentPart = Integer.MIN_VALUE;
    for (long r = 0; r < e.count(); r++) {
      int n = 0;
      int part = 0;
      for (int i = 0; i < e.properties().size(); i++) {
        if (i == il) {
          double count = read.read(list.countType());
          if (count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new MeshFormatException(MeshFormatException.MALFORMED, source + ": face " + r + " has " + count + " vertices");
          }
          n = (int) count;
          if (n > idx.length) {
            idx = new int[Math.min(n, 1 << 20)];
            if (n > idx.length) {
              throw new MeshFormatException(MeshFormatException.MALFORMED, source + ": face " + r + " has " + n + " vertices");
            }
          }
          for (int k = 0; k < n; k++) {
            double value = read.read(list.type());
            if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
              throw new MeshFormatException(MeshFormatException.INDEX_OUT_OF_RANGE,
                  source + ": face " + r + " has vertex index " + value);
            }
            idx[k] = (int) value;
          }
        } else if (i == ipart) {
          part = (int) read.read(e.properties().get(i).type());
        } else {
          skip.skip(i);
        }
      }
      if (n < 3) {
        throw new MeshFormatException(MeshFormatException.MALFORMED, source + ": face " + r + " has " + n + " vertices");
      }
      if (part != currentPart) {
        currentPart = part;
        if (ipart >= 0) {
          mesh.usePart(partNames.getOrDefault(part, "part" + part), partColors.get(part));
        }
      }
      if (sawVertices) {
        mesh.addPolygon(idx, n, "face " + r);
      } else {
        for (int k = 1; k + 1 < n; k++) {
          mesh.addTriangleUnchecked(idx[0], idx[k], idx[k + 1]);
        }
      }
    }
  }
}
