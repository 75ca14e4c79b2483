package dev.rayform.recon.geometry.io;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the diffuse colours ({@code Kd}) and maps ({@code map_Kd}) of a Wavefront MTL material library. */
final class MtlReader {
  /** How many arguments each {@code map_Kd} option takes; options are skipped, the file name kept. */
  private static final Map<String, Integer> MAP_OPTION_ARGS = Map.ofEntries(Map.entry("-s", 3), Map.entry("-o", 3),
      Map.entry("-t", 3), Map.entry("-mm", 2), Map.entry("-bm", 1), Map.entry("-boost", 1), Map.entry("-texres", 1),
      Map.entry("-clamp", 1), Map.entry("-blendu", 1), Map.entry("-blendv", 1), Map.entry("-cc", 1),
      Map.entry("-imfchan", 1));

  /**
   * One material: {@code diffuse} linear RGB in [0,1] or null without a usable {@code Kd};
   * {@code diffuseMap} the map's file name as written, or null.
   */
  record Material(float[] diffuse, String diffuseMap) {}

  private MtlReader() {}

  /** Material name to its colour and map; a broken line only loses what it says. */
  static Map<String, Material> read(String source, byte[] data) {
    Map<String, Material> materials = new LinkedHashMap<>();
    TextLines lines = new TextLines(source, data, 0, data.length);
    String current = null;
    while (lines.nextLine()) {
      if (lines.tokenCount() == 0) {
        continue;
      }
      if (lines.tokenIs(0, "newmtl")) {
        current = lines.tokenCount() > 1 ? lines.rest(1) : null;
        if (current != null) {
          materials.putIfAbsent(current, new Material(null, null));
        }
      } else if (current != null && lines.tokenIs(0, "Kd") && lines.tokenCount() >= 4) {
        float[] c = diffuse(lines);
        if (c != null) {
          materials.put(current, new Material(c, materials.get(current).diffuseMap()));
        }
      } else if (current != null && lines.tokenIs(0, "map_Kd")) {
        String map = mapName(lines);
        if (map != null) {
          materials.put(current, new Material(materials.get(current).diffuse(), map));
        }
      }
    }
    return materials;
  }

  private static float[] diffuse(TextLines lines) {
    float[] c = new float[3];
    for (int i = 0; i < 3; i++) {
      try {
        c[i] = Math.max(0f, Math.min(1f, Float.parseFloat(lines.token(i + 1))));
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Float.isFinite(c[i])) {
        return null;
      }
    }
    return c;
  }

  private static String mapName(TextLines lines) {
    int i = 1;
    while (i < lines.tokenCount() && MAP_OPTION_ARGS.containsKey(lines.token(i))) {
      i += 1 + MAP_OPTION_ARGS.get(lines.token(i));
    }
    return i < lines.tokenCount() ? lines.rest(i) : null;
  }
}
