package dev.rayform.recon.geometry.io;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the diffuse colours ({@code Kd}) of a Wavefront MTL material library. */
final class MtlReader {
  private MtlReader() {}

  /** Material name to linear RGB in [0,1]; materials without a usable {@code Kd} are absent. */
  static Map<String, float[]> readDiffuse(String source, byte[] data) {
    Map<String, float[]> colors = new LinkedHashMap<>();
    TextLines lines = new TextLines(source, data, 0, data.length);
    String current = null;
    while (lines.nextLine()) {
      if (lines.tokenCount() == 0) {
        continue;
      }
      if (lines.tokenIs(0, "newmtl")) {
        current = lines.rest(1);
      } else if (lines.tokenIs(0, "Kd") && current != null && lines.tokenCount() >= 4) {
        float[] c = new float[3];
        boolean ok = true;
        for (int i = 0; i < 3; i++) {
          try {
            c[i] = Math.max(0f, Math.min(1f, Float.parseFloat(lines.token(i + 1))));
            ok &= Float.isFinite(c[i]);
          } catch (NumberFormatException e) {
            ok = false; // a broken colour line only loses the colour
          }
        }
        if (ok) {
          colors.put(current, c);
        }
      }
    }
    return colors;
  }
}
