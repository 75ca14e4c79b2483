package dev.rayform.recon.geometry;

import dev.rayform.recon.ReconException;
import java.util.Locale;

/** Units a catalogue gives real dimensions in, with their length in metres. */
public enum LengthUnit {
  MM("mm", 0.001),
  CM("cm", 0.01),
  M("m", 1),
  IN("in", 0.0254),
  FT("ft", 0.3048);

  private final String symbol;
  private final double metres;

  LengthUnit(String symbol, double metres) {
    this.symbol = symbol;
    this.metres = metres;
  }

  public String symbol() {
    return symbol;
  }

  public double toMetres(double value) {
    return value * metres;
  }

  /** The unit of a symbol (mm, cm, m, in, ft; case and surrounding blanks ignored). */
  public static LengthUnit of(String symbol) {
    String s = symbol == null ? "" : symbol.strip().toLowerCase(Locale.ROOT);
    for (LengthUnit u : values()) {
      if (u.symbol.equals(s)) {
        return u;
      }
    }
    throw new ReconException(RealDimensions.INVALID, "unknown unit '" + symbol + "' (expected mm, cm, m, in or ft)");
  }
}
