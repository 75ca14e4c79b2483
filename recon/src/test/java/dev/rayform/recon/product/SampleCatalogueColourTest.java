package dev.rayform.recon.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.recon.camera.Camera;
import dev.rayform.recon.camera.Extrinsics;
import dev.rayform.recon.camera.Intrinsics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.recon.geometry.Mesh;
import dev.rayform.recon.geometry.Texture;
import dev.rayform.recon.geometry.Normalization;
import dev.rayform.recon.geometry.io.GlbValidator;
import dev.rayform.recon.geometry.io.MeshWriters;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.render.RenderOptions;
import dev.rayform.recon.render.Renderer;
import dev.rayform.recon.render.Rendering;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample catalogue through the shipped model at the defaults: every product comes back coloured
 * from its photo. Rendered unlit from the input camera the mesh shows the photo (mean difference
 * under 12/255 per channel where it covers the inside of the product's silhouette); from behind, every pixel of the
 * product has a colour from the photo; each GLB stays under 3 MB; the GLB and the USDZ both embed that
 * texture (decoded, within JPEG's loss of the mesh's).
 */
class SampleCatalogueColourTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  @TempDir Path dir;

  @Test
  void everySampleProductCarriesThePhotosColours() throws Exception {
    List<Path> photos;
    try (Stream<Path> files = Files.list(ROOT.resolve("samples/catalog"))) {
      photos = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertThat(photos).hasSize(12);
    try (TrainedModel model = TrainedModel.load(ROOT.resolve("models/default"))) {
      ProductPipeline pipeline = new ProductPipeline(model, ProductOptions.DEFAULT);
      int size = model.config().imageSize();
      Camera input = new Camera(Intrinsics.centered(size, size, model.info().normalizedFocal()), new Extrinsics(IDENTITY, new double[3]));
      Renderer unlit = new Renderer(RenderOptions.UNLIT.withSupersampling(1)); // one sample per pixel: colours, not anti-aliasing
      double worst = 0;
      for (Path photo : photos) {
        Product product = pipeline.reconstruct(ImageLoader.load(photo));
        String name = photo.getFileName().toString();
        assertThat(product.mesh().hasTexture()).as(name).isTrue();
        assertThat(product.mesh().faceCount()).as(name).isLessThanOrEqualTo(ProductOptions.DEFAULT_FACES);

        Rendering front = unlit.render(product.cameraMesh(), input);
        int[] expected = product.input().rgb().getRGB(0, 0, size, size, null, 0, size);
        double diff = 0;
        int n = 0, silhouette = 0;
        for (int i = 0; i < expected.length; i++) {
          int x = i % size, y = i / size;
          // Inside the product: not the white background (also where it shows through gaps inside the outline), and not
          // the one-pixel rim where the photo itself blends the product with the background.
          if (x == 0 || y == 0 || x == size - 1 || y == size - 1 || white(expected[i]) || white(expected[i - 1])
              || white(expected[i + 1]) || white(expected[i - size]) || white(expected[i + size])) {
            continue;
          }
          int e = expected[i] & 0xffffff;
          silhouette++;
          if (front.alpha()[i] < 1) {
            continue; // no surface here: the shape's miss, which bench quality's silhouette IoU measures
          }
          int g = front.straight()[i];
          for (int s = 0; s < 24; s += 8) {
            diff += Math.abs((e >> s & 0xff) - (g >> s & 0xff));
          }
          n += 3;
        }
        double mean = diff / n;
        worst = Math.max(worst, mean);
        System.out.printf("%s: colour difference from the input camera %.2f/255 over %d pixels (%.0f%% of the silhouette)%n",
            name, mean, n / 3, 100.0 * n / 3 / silhouette);
        assertThat(mean).as(name + ": mean difference per channel from the input camera").isLessThan(12);

        Mesh upright = Normalization.normalize(product.mesh());
        Rendering back = unlit.render(upright, new Camera(Intrinsics.centered(256, 256, 1.1), Extrinsics.orbit(180, 15, 2.0)));
        Rendering plain = unlit.render(upright.withoutTexture(), new Camera(Intrinsics.centered(256, 256, 1.1), Extrinsics.orbit(180, 15, 2.0)));
        int covered = 0, grey = 0;
        for (int i = 0; i < back.alpha().length; i++) {
          if (back.alpha()[i] >= 1) {
            covered++;
            // Where the texture gave no colour the pixel would be the renderer's plain grey.
            grey += back.straight()[i] == plain.straight()[i] ? 1 : 0;
          }
        }
        assertThat(covered).as(name).isPositive();
        assertThat(grey / (double) covered).as(name + ": share of the back without a photo colour").isLessThan(0.05);

        Path glb = dir.resolve(name.replace(".png", ".glb"));
        MeshWriters.write(product.mesh(), glb);
        assertThat(Files.size(glb)).as(name + " GLB bytes").isLessThanOrEqualTo(3L << 20);
        GlbValidator.validate(Files.readAllBytes(glb));
        // The files carry those colours: the texture each embeds decodes to the mesh's, up to JPEG's loss.
        assertThat(jpegError(glbTexture(glb), product.mesh().texture())).as(name + " GLB texture").isLessThan(4);
        Path usdz = dir.resolve(name.replace(".png", ".usdz"));
        MeshWriters.write(product.mesh(), usdz);
        assertThat(jpegError(usdzTexture(usdz), product.mesh().texture())).as(name + " USDZ texture").isLessThan(4);
      }
      System.out.printf("worst product: %.2f/255%n", worst);
    }
  }

  /** The image a GLB's one material takes as baseColorTexture, decoded from its buffer view; the primitive reads it at TEXCOORD_0. */
  static BufferedImage glbTexture(Path glb) throws java.io.IOException {
    byte[] b = Files.readAllBytes(glb);
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int jsonLength = le.getInt(12);
    JsonNode root = new ObjectMapper().readTree(new String(b, 20, jsonLength, StandardCharsets.UTF_8));
    assertThat(root.path("meshes").get(0).path("primitives").get(0).path("attributes").has("TEXCOORD_0")).isTrue();
    int texture = root.path("materials").get(0).path("pbrMetallicRoughness").path("baseColorTexture").path("index").asInt(-1);
    JsonNode image = root.path("images").get(root.path("textures").get(texture).path("source").asInt());
    assertThat(image.path("mimeType").asText()).isEqualTo("image/jpeg");
    JsonNode view = root.path("bufferViews").get(image.path("bufferView").asInt());
    int binData = 20 + jsonLength + 8;
    return ImageIO.read(new ByteArrayInputStream(b, binData + view.path("byteOffset").asInt(0), view.path("byteLength").asInt()));
  }

  /** The texture a USDZ's layer reads, decoded from its entry. */
  static BufferedImage usdzTexture(Path usdz) throws java.io.IOException {
    BufferedImage texture = null;
    String layer = null;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(usdz))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        byte[] bytes = zip.readAllBytes();
        if (e.getName().endsWith(".usda")) {
          layer = new String(bytes, StandardCharsets.UTF_8);
        } else if (e.getName().endsWith(".jpg")) {
          assertThat(layer).as("the layer comes first").isNotNull().contains("@" + e.getName() + "@");
          texture = ImageIO.read(new ByteArrayInputStream(bytes));
        }
      }
    }
    assertThat(texture).isNotNull();
    return texture;
  }

  /** Mean absolute difference per channel (0-255) between a decoded image and the texture it was written from. */
  static double jpegError(BufferedImage decoded, Texture texture) {
    assertThat(decoded.getWidth()).isEqualTo(texture.width());
    double diff = 0;
    for (int y = 0; y < decoded.getHeight(); y++) {
      for (int x = 0; x < decoded.getWidth(); x++) {
        int a = decoded.getRGB(x, y), t = texture.pixel(x, y);
        for (int s = 0; s < 24; s += 8) {
          diff += Math.abs((a >> s & 0xff) - (t >> s & 0xff));
        }
      }
    }
    return diff / (3.0 * decoded.getWidth() * decoded.getHeight());
  }

  /** Near white: within the plain background's fill tolerance (32 per channel) of it. */
  private static boolean white(int rgb) {
    return (rgb >> 16 & 0xff) > 223 && (rgb >> 8 & 0xff) > 223 && (rgb & 0xff) > 223;
  }
}
