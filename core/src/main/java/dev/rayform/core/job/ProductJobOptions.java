package dev.rayform.core.job;

import dev.rayform.core.PlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The options of a reconstruct or catalog job ({@code ReconstructOptions} in openapi.yaml): one
 * owner for their names, types, ranges and defaults. The gateway refuses a bad request with them
 * (400, naming the field), the workers read them, the CLI checks its flags against them.
 *
 * @param mirrorAverage whether the prediction is averaged with the mirrored photo's (a second network pass)
 * @param scale Ray-ONet's s; null: the model's training mean
 * @param cameraElevation the photos' camera elevation in degrees when it is known (a studio's fixed camera); null: read from each shape
 * @param dimensions the product's real size (reconstruct jobs; catalogue items take theirs from the manifest); null: none
 * @param model a model id; null: the default model
 */
public record ProductJobOptions(
    List<String> formats, int resolution, double threshold, boolean mirrorAverage, Double scale, int faces, boolean colour, int textureSize,
    boolean preview, Dimensions dimensions, Double cameraElevation, String model, int batch) {

  public static final List<String> FORMATS = List.of("glb", "usdz", "obj", "ply");
  public static final int MIN_RESOLUTION = 16, MAX_RESOLUTION = 256, DEFAULT_RESOLUTION = 128;
  public static final double DEFAULT_THRESHOLD = 0.25;
  public static final double MAX_SCALE = 100;
  /** A camera elevation lies strictly between minus and plus this many degrees. */
  public static final double MAX_CAMERA_ELEVATION = 90;
  /** 0 keeps the full surface; a budget below a tetrahedron's 4 faces cannot be met by a closed mesh. */
  public static final int MIN_FACES = 4, MAX_FACES = 10_000_000, DEFAULT_FACES = 30_000;
  public static final int MIN_TEXTURE_SIZE = 16, MAX_TEXTURE_SIZE = 4096, DEFAULT_TEXTURE_SIZE = 1024;
  /** Catalogue items decoded and reconstructed together. */
  public static final int MIN_BATCH = 1, MAX_BATCH = 64, DEFAULT_BATCH = 8;
  public static final List<String> UNITS = List.of("mm", "cm", "m", "in", "ft");
  /** The stable code of a bad option (the gateway answers it as 400 validation_failed). */
  public static final String INVALID = "invalid_options";
  /** The stable code of a bad real size (recon's too). */
  public static final String DIMENSIONS_INVALID = "dimensions_invalid";

  /** Every option at its default. */
  public static final ProductJobOptions DEFAULTS = parse(Map.of());

  /** A real size: any of width (x), depth (z), height (y), positive, in {@code unit}. */
  public record Dimensions(Double width, Double depth, Double height, String unit) {}

  /** A bad option: {@code field} is its path ({@code options.faces}, {@code options.dimensions.unit}). */
  public static final class InvalidOption extends PlatformException {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidOption(String field, String message) {
      this(INVALID, field, message);
    }

    InvalidOption(String code, String field, String message) {
      super(code, message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /**
   * Reads {@code options} (a job's JSON options as a map: numbers, strings, booleans, lists, maps);
   * absent or null options take their defaults; unknown ones are ignored.
   *
   * @throws InvalidOption naming the first bad field
   */
  public static ProductJobOptions parse(Map<String, ?> options) {
    Map<String, ?> o = options == null ? Map.of() : options;
    return new ProductJobOptions(formats(o.get("formats")),
        integer(o, "resolution", DEFAULT_RESOLUTION, MIN_RESOLUTION, MAX_RESOLUTION),
        threshold(o.get("threshold")), bool(o, "mirror_average", true), scale(o.get("scale")), faces(o.get("faces")),
        bool(o, "colour", true), integer(o, "texture_size", DEFAULT_TEXTURE_SIZE, MIN_TEXTURE_SIZE, MAX_TEXTURE_SIZE),
        bool(o, "preview", true), dimensions(o.get("dimensions"), "options.dimensions"), cameraElevation(o.get("camera_elevation")),
        model(o.get("model")),
        integer(o, "batch", DEFAULT_BATCH, MIN_BATCH, MAX_BATCH));
  }

  /**
   * A real size as a manifest or a job gives it ({@code {width?, depth?, height?, unit}}); null when
   * {@code value} is null. {@code field} names it in errors.
   */
  public static Dimensions dimensions(Object value, String field) {
    if (value == null) {
      return null;
    }
    if (!(plain(value) instanceof Map<?, ?> d)) {
      throw new InvalidOption(DIMENSIONS_INVALID, field, field + " must be an object {width, depth, height, unit}");
    }
    Double[] lengths = new Double[3];
    String[] axes = {"width", "depth", "height"};
    int given = 0;
    for (int i = 0; i < 3; i++) {
      Object v = d.get(axes[i]);
      if (v == null) {
        continue;
      }
      if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
        throw new InvalidOption(DIMENSIONS_INVALID, field + "." + axes[i], field + "." + axes[i] + " must be a positive number");
      }
      lengths[i] = n.doubleValue();
      given++;
    }
    if (given == 0) {
      throw new InvalidOption(DIMENSIONS_INVALID, field, field + " needs at least one of width, depth, height");
    }
    if (!(d.get("unit") instanceof String unit && UNITS.contains(unit))) {
      throw new InvalidOption(DIMENSIONS_INVALID, field + ".unit", field + ".unit must be one of " + UNITS);
    }
    return new Dimensions(lengths[0], lengths[1], lengths[2], unit);
  }

  private static List<String> formats(Object value) {
    if (value == null) {
      return List.of("glb");
    }
    String field = "options.formats";
    if (!(plain(value) instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidOption(field, field + " must be a non-empty array of " + String.join(", ", FORMATS));
    }
    List<String> out = new ArrayList<>();
    for (Object f : list) {
      if (!(f instanceof String s) || !FORMATS.contains(s) || out.contains(s)) {
        throw new InvalidOption(field, field + " takes distinct values of " + String.join(", ", FORMATS));
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  private static int integer(Map<String, ?> o, String name, int fallback, int min, int max) {
    Object v = o.get(name);
    if (v == null) {
      return fallback;
    }
    Long n = whole(v);
    if (n == null || n < min || n > max) {
      throw new InvalidOption("options." + name, "options." + name + " must be an integer from " + min + " to " + max);
    }
    return n.intValue();
  }

  private static int faces(Object v) {
    if (v == null) {
      return DEFAULT_FACES;
    }
    Long n = whole(v);
    if (n == null || !(n == 0 || n >= MIN_FACES && n <= MAX_FACES)) {
      throw new InvalidOption("options.faces",
          "options.faces must be 0 (the full surface) or an integer from " + MIN_FACES + " to " + MAX_FACES);
    }
    return n.intValue();
  }

  private static double threshold(Object v) {
    if (v == null) {
      return DEFAULT_THRESHOLD;
    }
    if (!(v instanceof Number n) || !(n.doubleValue() > 0 && n.doubleValue() < 1)) {
      throw new InvalidOption("options.threshold", "options.threshold must be between 0 and 1 (exclusive)");
    }
    return n.doubleValue();
  }

  private static Double scale(Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || !(n.doubleValue() > 0 && n.doubleValue() < MAX_SCALE)) {
      throw new InvalidOption("options.scale", "options.scale must be between 0 and " + (int) MAX_SCALE + " (exclusive)");
    }
    return n.doubleValue();
  }

  private static Double cameraElevation(Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || !(Math.abs(n.doubleValue()) < MAX_CAMERA_ELEVATION)) {
      throw new InvalidOption("options.camera_elevation", "options.camera_elevation must be degrees strictly between -"
          + (int) MAX_CAMERA_ELEVATION + " and " + (int) MAX_CAMERA_ELEVATION);
    }
    return n.doubleValue();
  }

  private static boolean bool(Map<String, ?> o, String name, boolean fallback) {
    Object v = o.get(name);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw new InvalidOption("options." + name, "options." + name + " must be true or false");
    }
    return b;
  }

  private static String model(Object v) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new InvalidOption("options.model", "options.model must be a model id");
    }
    return s;
  }

  /** Vert.x's JSON containers as the map or list they wrap; anything else as it is. */
  private static Object plain(Object v) {
    if (v instanceof io.vertx.core.json.JsonObject o) {
      return o.getMap();
    }
    if (v instanceof io.vertx.core.json.JsonArray a) {
      return a.getList();
    }
    return v;
  }

  /** An integral number as a long; null for anything else (2.5, "3", true, a number too large). */
  private static Long whole(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof java.math.BigInteger b) {
      return b.bitLength() < 63 ? b.longValue() : null;
    }
    if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
      double d = ((Number) v).doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) d : null;
    }
    return null;
  }
}
