package dev.rayform.tools;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import dev.rayform.recon.data.procedural.ProceduralGenerator;
import dev.rayform.recon.data.procedural.ProceduralShape;
import dev.rayform.recon.data.sh3d.Sh3dCatalog;
import dev.rayform.recon.data.sh3d.Sh3dItem;
import dev.rayform.recon.geometry.Aabb;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
import dev.rayform.recon.util.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rayform dataset sample-catalog}: the small catalogue shipped for first runs: product-style
 * renders of procedural objects (several with real dimensions) and, when the Sweet Home 3D catalogues
 * are fetched, public-domain (CC0) product icons with the dimensions the catalogue gives; a
 * {@code manifest.csv} (sku, image, category, width, depth, height, unit) and attribution.
 */
@Command(name = "sample-catalog", mixinStandardHelpOptions = true,
    description = "Write the sample catalogue: renders of procedural products and CC0 catalogue icons, with manifest.csv.")
final class SampleCatalogCommand implements Callable<Integer> {
  /** Procedural products: category, seed, and a real height in metres (0: no dimensions given). */
  private record Product(String category, long seed, double heightM) {}

  private static final List<Product> PRODUCTS = List.of(
      new Product("chair", 2, 0.92), new Product("table", 5, 0.74), new Product("sofa", 2, 0.85),
      new Product("lamp", 3, 0.0), new Product("cabinet", 4, 1.2), new Product("display", 1, 0.0),
      new Product("loudspeaker", 2, 0.95), new Product("bench", 4, 0.0));

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--icons", defaultValue = "4", description = "CC0 catalogue icons to add when available. Default: ${DEFAULT-VALUE}.")
  int icons;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    StringBuilder csv = new StringBuilder("sku,image,category,width,depth,height,unit\n");
    StringBuilder attribution = new StringBuilder("# Sample catalogue\n\nRenders of Rayform's own procedural shapes (`rayform dataset sample-catalog`).\n");
    Renderer renderer = new Renderer();
    Camera camera = new Camera(Intrinsics.centered(384, 384, 1.3), Extrinsics.orbit(-35, 22, 2.0));
    for (Product p : PRODUCTS) {
      ProceduralShape shape = ProceduralGenerator.generate(p.category(), p.seed());
      Mesh mesh = shape.mesh(128);
      String sku = String.format("RF-%s-%03d", p.category().toUpperCase(Locale.ROOT), p.seed());
      String image = sku.toLowerCase(Locale.ROOT) + ".png";
      Rendering.writePng(renderer.render(mesh, camera).toImage(false), out.resolve(image));
      csv.append(sku).append(',').append(image).append(',').append(p.category()).append(',');
      if (p.heightM() > 0) {
        // Real dimensions in the shape's own proportions: the height given, width and depth follow.
        Aabb b = mesh.bounds();
        double k = p.heightM() / b.sizeY();
        csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,m", b.sizeX() * k, b.sizeZ() * k, p.heightM()));
      } else {
        csv.append(",,,");
      }
      csv.append('\n');
    }
    Path root = Sh3dCatalog.defaultRoot();
    if (icons > 0 && Sh3dCatalog.isAvailable(root)) {
      attribution.append("\nProduct icons from the Sweet Home 3D furniture catalogue (Debian package sweethome3d-furniture), ")
          .append("public domain (CC0) models from BlendSwap:\n\n");
      try (Sh3dCatalog catalog = Sh3dCatalog.load(root)) {
        List<Sh3dItem> cc0 = catalog.items().stream()
            .filter(i -> i.shapeNetCategory() != null && i.icon() != null && i.licence() != null
                && i.licence().toLowerCase(Locale.ROOT).contains("public domain"))
            .filter(i -> List.of("chair", "table", "lamp", "sofa", "cabinet").contains(i.shapeNetCategory()))
            .toList();
        int added = 0;
        for (String category : List.of("chair", "lamp", "table", "sofa", "cabinet")) {
          for (Sh3dItem item : cc0) {
            if (added >= icons || !item.shapeNetCategory().equals(category)) {
              continue;
            }
            byte[] png = catalog.icon(item);
            if (png == null) {
              continue;
            }
            String sku = "SH3D-" + item.id().replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
            String image = sku.toLowerCase(Locale.ROOT) + ".png";
            Rendering.writePng(onWhite(ImageIO.read(new ByteArrayInputStream(png))), out.resolve(image));
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.1f,%.1f,%.1f,cm%n", sku, image, category,
                item.widthCm(), item.depthCm(), item.heightCm()));
            attribution.append("- `").append(image).append("`: \"").append(item.name()).append("\" by ")
                .append(item.creator()).append(", ").append(item.licence()).append('\n');
            added++;
            break;
          }
        }
      }
    }
    AtomicFiles.write(out.resolve("manifest.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(out.resolve("ATTRIBUTION.md"), attribution.toString().getBytes(StandardCharsets.UTF_8));
    System.out.println("wrote " + out.resolve("manifest.csv"));
    return 0;
  }

  private static BufferedImage onWhite(BufferedImage icon) {
    BufferedImage out = new BufferedImage(icon.getWidth(), icon.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.drawImage(icon, 0, 0, null);
    g.dispose();
    return out;
  }
}
