package dev.rayform.recon.data.sh3d;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Parses a Sweet Home 3D furniture catalogue ({@code PluginFurnitureCatalog.properties} or
 * {@code DefaultFurnitureCatalog.properties}): per item {@code name#N}, {@code category#N},
 * {@code model#N}, {@code icon#N}, {@code creator#N}, {@code width#N}, {@code depth#N},
 * {@code height#N} (cm), {@code modelRotation#N} (9 floats, row-major) and {@code license#N};
 * the catalogue-wide {@code license} applies when an item has none.
 */
public final class Sh3dCatalogParser {
  private Sh3dCatalogParser() {}

  /** Items of the catalogue, in index order; items lacking a name, model or size are skipped. */
  public static List<Sh3dItem> parse(InputStream properties, Path catalogFile, String sourcePackage,
      String defaultLicence) throws IOException {
    Properties p = new Properties();
    p.load(properties); // ISO-8859-1 with \\u escapes, as Sweet Home 3D writes them
    String licence = p.getProperty("license", defaultLicence);
    TreeSet<Integer> indices = new TreeSet<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("name#")) {
        try {
          indices.add(Integer.parseInt(key.substring(5)));
        } catch (NumberFormatException e) {
          // not an item key
        }
      }
    }
    List<Sh3dItem> items = new ArrayList<>();
    for (int n : indices) {
      String name = p.getProperty("name#" + n);
      String model = p.getProperty("model#" + n);
      Double w = number(p, "width#" + n), d = number(p, "depth#" + n), h = number(p, "height#" + n);
      if (name == null || model == null || w == null || d == null || h == null) {
        continue;
      }
      String category = p.getProperty("category#" + n, "");
      String id = p.getProperty("id#" + n, catalogFile.getFileName() + "#" + n);
      items.add(new Sh3dItem(id, name.trim(), category.trim(), p.getProperty("creator#" + n, "").trim(),
          p.getProperty("license#" + n, licence), w, d, h, rotation(p.getProperty("modelRotation#" + n)),
          model.trim(), trimOrNull(p.getProperty("icon#" + n)), catalogFile, sourcePackage,
          ShapeNetCategories.of(name, category)));
    }
    return items;
  }

  /** Convenience for tests and small catalogues held in memory. */
  public static List<Sh3dItem> parse(String properties, Path catalogFile, String sourcePackage) throws IOException {
    return parse(new ByteArrayInputStream(properties.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
        catalogFile, sourcePackage, null);
  }

  private static Double number(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.trim());
      return Double.isFinite(d) && d > 0 ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Nine floats, or null when absent or unusable. */
  static float[] rotation(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String[] parts = value.trim().split("\\s+");
    if (parts.length != 9) {
      return null;
    }
    float[] m = new float[9];
    try {
      for (int i = 0; i < 9; i++) {
        m[i] = Float.parseFloat(parts[i]);
        if (!Float.isFinite(m[i])) {
          return null;
        }
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return m;
  }

  private static String trimOrNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
