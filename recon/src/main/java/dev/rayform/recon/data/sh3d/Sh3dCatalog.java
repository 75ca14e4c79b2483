package dev.rayform.recon.data.sh3d;

import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.io.ArchiveLimits;
import dev.rayform.recon.util.AtomicFiles;
import dev.rayform.recon.geometry.io.MeshArchive;
import dev.rayform.recon.geometry.io.MeshFormatException;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Sweet Home 3D furniture catalogues fetched by {@code scripts/fetch-sh3d}: the
 * {@code .sh3f} plugin catalogues of package {@code sweethome3d-furniture} and the default
 * catalogue inside {@code sweethome3d.jar}. Gives items, their meshes (in centimetres, y up,
 * sized as Sweet Home 3D sizes them) and icons. Not thread-safe: open one per thread.
 */
public final class Sh3dCatalog implements Closeable {
  /** Where the default catalogue's properties live inside {@code sweethome3d.jar}. */
  public static final String DEFAULT_CATALOG_ENTRY = "com/eteks/sweethome3d/io/DefaultFurnitureCatalog.properties";
  static final String PLUGIN_CATALOG_ENTRY = "PluginFurnitureCatalog.properties";
  static final String FURNITURE_PACKAGE = "sweethome3d-furniture";
  static final String DEFAULT_PACKAGE = "sweethome3d";
  /** Licence of the models shipped in {@code sweethome3d.jar}, which states none itself. */
  static final String DEFAULT_CATALOG_LICENCE = "GPL-2+ (Sweet Home 3D default catalogue; models also CC-BY 3.0)";

  /** Catalogue archives are trusted packages but still read with bounds; models are small. */
  private static final ArchiveLimits LIMITS = ArchiveLimits.DEFAULTS.withMaxTotalBytes(16L << 30);

  private final List<Sh3dItem> items;
  private final Map<Path, MeshArchive> archives = new HashMap<>();

  private Sh3dCatalog(List<Sh3dItem> items) {
    this.items = Collections.unmodifiableList(items);
  }

  /** {@code ${RAYFORM_HOME:-~/.cache/rayform}/sh3d/root}, where fetch-sh3d extracts the packages. */
  public static Path defaultRoot() {
    return dev.rayform.recon.util.RayformHome.path().resolve("sh3d").resolve("root");
  }

  /** Whether {@code root} holds at least one catalogue. */
  public static boolean isAvailable(Path root) {
    return !catalogFiles(root).isEmpty();
  }

  /** The {@code .sh3f} files and {@code sweethome3d.jar} under an extracted root. */
  public static List<Path> catalogFiles(Path root) {
    Path share = root.resolve("usr/share/sweethome3d");
    List<Path> out = new ArrayList<>();
    Path furniture = share.resolve("furniture");
    if (Files.isDirectory(furniture)) {
      try (Stream<Path> s = Files.list(furniture)) {
        s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sh3f")).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new MeshFormatException(MeshFormatException.IO_ERROR, furniture + ": " + e.getMessage(), e);
      }
    }
    Path jar = share.resolve("sweethome3d.jar");
    if (Files.isRegularFile(jar)) {
      out.add(jar);
    }
    return out;
  }

  /** Loads every catalogue under an extracted root (see {@link #defaultRoot()}). */
  public static Sh3dCatalog load(Path root) {
    List<Path> files = catalogFiles(root);
    if (files.isEmpty()) {
      throw new MeshFormatException(MeshFormatException.IO_ERROR,
          root + ": no Sweet Home 3D catalogues (run scripts/fetch-sh3d)");
    }
    return loadFiles(files);
  }

  /** Loads the given {@code .sh3f} catalogues and/or {@code sweethome3d.jar}. */
  public static Sh3dCatalog loadFiles(List<Path> catalogFiles) {
    Sh3dCatalog catalog = new Sh3dCatalog(new ArrayList<>());
    List<Sh3dItem> all = new ArrayList<>();
    try {
      for (Path file : catalogFiles) {
        MeshArchive archive = catalog.archive(file);
        boolean jar = file.getFileName().toString().endsWith(".jar");
        String entry = jar ? DEFAULT_CATALOG_ENTRY : PLUGIN_CATALOG_ENTRY;
        byte[] props = archive.read(entry);
        all.addAll(Sh3dCatalogParser.parse(new ByteArrayInputStream(props), file,
            jar ? DEFAULT_PACKAGE : FURNITURE_PACKAGE, jar ? DEFAULT_CATALOG_LICENCE : null));
      }
    } catch (IOException e) {
      catalog.close();
      throw new MeshFormatException(MeshFormatException.IO_ERROR, "reading catalogue: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
    Sh3dCatalog loaded = new Sh3dCatalog(all);
    loaded.archives.putAll(catalog.archives);
    return loaded;
  }

  public List<Sh3dItem> items() {
    return items;
  }

  /**
   * The item's model as Sweet Home 3D shows it: the OBJ (with MTL colours), rotated by
   * {@code modelRotation}, then scaled per axis so its bounding box is width x height x depth
   * centimetres (x, y, z), centred on x and z with its bottom at y = 0.
   */
  public Mesh mesh(Sh3dItem item) {
    Mesh raw = archive(item.catalogFile()).readMesh(item.model());
    return fitToSize(raw, item.modelRotation(), item.widthCm(), item.heightCm(), item.depthCm());
  }

  /** The item's icon (PNG bytes), or null when it has none. */
  public byte[] icon(Sh3dItem item) {
    return item.icon() == null ? null : archive(item.catalogFile()).read(item.icon());
  }

  /** Rotates by a row-major 3x3 (null for none) and fits the bounding box to the sizes. */
  static Mesh fitToSize(Mesh mesh, float[] rotation, double width, double height, double depth) {
    Mesh rotated = mesh;
    if (rotation != null) {
      float[] r = rotation;
      rotated = mesh.transformed(new double[] {r[0], r[1], r[2], 0, r[3], r[4], r[5], 0, r[6], r[7], r[8], 0});
    }
    Aabb box = rotated.bounds();
    if (box.isEmpty()) {
      throw new MeshFormatException(MeshFormatException.MALFORMED, "model has no vertices");
    }
    double sx = scale(width, box.sizeX()), sy = scale(height, box.sizeY()), sz = scale(depth, box.sizeZ());
    return rotated.transformed(new double[] {
        sx, 0, 0, -sx * box.centerX(),
        0, sy, 0, -sy * box.minY(),
        0, 0, sz, -sz * box.centerZ()});
  }

  private static double scale(double target, double size) {
    return size > 0 ? target / size : 1; // a flat model keeps its (zero) thickness
  }

  /**
   * Writes the attribution of every item: CSV (item, name, creator, licence, package, catalogue
   * file, model) or, for a {@code .md} target, a markdown table.
   */
  public void writeAttribution(Path target) {
    boolean markdown = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
    try {
      AtomicFiles.writeChecked(target, out -> {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (markdown) {
          w.write("# Sweet Home 3D models used by Rayform\n\n");
          w.write("Models from the Debian packages `sweethome3d-furniture` and `sweethome3d`.\n\n");
          w.write("| Item | Name | Creator | Licence | Package | Catalogue | Model |\n");
          w.write("|---|---|---|---|---|---|---|\n");
        } else {
          w.write("item,name,creator,licence,package,catalogue,model\n");
        }
        for (Sh3dItem i : items) {
          String[] cols = {i.id(), i.name(), i.creator(), i.licence() == null ? "" : i.licence(), i.sourcePackage(),
              i.catalogFile().getFileName().toString(), i.model()};
          w.write(markdown ? markdownRow(cols) : csvRow(cols));
        }
        w.flush();
      });
    } catch (IOException e) {
      throw new MeshFormatException(MeshFormatException.IO_ERROR, target + ": " + e.getMessage(), e);
    }
  }

  private static String csvRow(String[] cols) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cols.length; c++) {
      String v = cols[c] == null ? "" : cols[c];
      if (c > 0) {
        sb.append(',');
      }
      if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    return sb.append('\n').toString();
  }

  private static String markdownRow(String[] cols) {
    StringBuilder sb = new StringBuilder("|");
    for (String c : cols) {
      sb.append(' ').append(c == null ? "" : c.replace("|", "\\|").replace("\n", " ")).append(" |");
    }
    return sb.append('\n').toString();
  }

  private MeshArchive archive(Path file) {
    return archives.computeIfAbsent(file, f -> MeshArchive.open(f, LIMITS));
  }

  @Override
  public void close() {
    archives.values().forEach(MeshArchive::close);
    archives.clear();
  }
}
