package dev.rayform.recon.geometry;

import dev.rayform.recon.ReconException;

/**
 * A product's real size in metres as a catalogue states it: width (x), depth (z) and height (y),
 * each optional (null) but at least one given.
 */
public record RealDimensions(Double width, Double depth, Double height) {
  /** The error code of dimensions that cannot be used. */
  public static final String INVALID = "dimensions_invalid";

  public RealDimensions {
    if (width == null && depth == null && height == null) {
      throw new ReconException(INVALID, "give at least one of width, depth, height");
    }
    check("width", width);
    check("depth", depth);
    check("height", height);
  }

  /** Dimensions in {@code unit}; null values are missing ones. */
  public static RealDimensions of(Double width, Double depth, Double height, LengthUnit unit) {
    return new RealDimensions(metres(width, unit), metres(depth, unit), metres(height, unit));
  }

  /**
   * Dimensions from the text of a manifest row: blank fields are missing; all blank gives null
   * (no dimensions). A unit is required as soon as one dimension is given.
   */
  public static RealDimensions parse(String width, String depth, String height, String unit) {
    if (blank(width) && blank(depth) && blank(height)) {
      return null;
    }
    if (blank(unit)) {
      throw new ReconException(INVALID, "a unit (mm, cm, m, in, ft) is required with width, depth or height");
    }
    LengthUnit u = LengthUnit.of(unit);
    return of(number("width", width), number("depth", depth), number("height", height), u);
  }

  /** How many of the three are given. */
  public int given() {
    return (width != null ? 1 : 0) + (depth != null ? 1 : 0) + (height != null ? 1 : 0);
  }

  private static Double metres(Double v, LengthUnit unit) {
    return v == null ? null : unit.toMetres(v);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Double number(String name, String text) {
    if (blank(text)) {
      return null;
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new ReconException(INVALID, name + " '" + text.strip() + "' is not a number");
    }
  }

  private static void check(String name, Double v) {
    if (v != null && !(v > 0 && v < 1000)) {
      throw new ReconException(INVALID, name + " must be a positive length below 1 km, got " + v + " m");
    }
  }
}
