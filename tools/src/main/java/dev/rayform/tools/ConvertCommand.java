package dev.rayform.tools;

import dev.rayform.launcher.Platform;

import dev.rayform.core.job.ProductJobOptions;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.simplify.QuadricSimplifier;
import dev.rayform.recon.model.DefaultModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rayform convert INPUT... --out DIR}: a catalogue to one mesh per product, through the real
 * HTTP API: the inputs are packed with a manifest, uploaded, submitted as a catalog job, followed
 * over the events websocket, and the items' meshes downloaded. Against {@code --server} (or
 * {@code RAYFORM_SERVER}), else the embedded default started in this process.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {
      "Convert product photos to 3D meshes: images, folders of images, or a CSV manifest",
      "(sku,image[,category,width,depth,height,unit,camera_elevation]).",
      "Writes DIR/<sku>.<format> per product: y up, the origin at the centre of the base, in metres when the manifest",
      "gives dimensions (each given one met exactly), in normalised units otherwise; a row's camera_elevation (degrees)",
      "overrides --camera-elevation for that product.",
      "Without --server it starts the embedded platform for the run."
    })
final class ConvertCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", description = "Images, folders of images, or CSV manifests.")
  List<Path> inputs;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--formats", split = ",", defaultValue = "glb", description = "glb, usdz, obj, ply. Default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Option(names = "--faces", description = "Face budget of each mesh (quadric simplification); 0 keeps the full surface. "
      + "Default: 30000.")
  Integer faces;

  @Option(names = "--no-colour", description = "Plain meshes: no colours from the photos.")
  boolean noColour;

  @Option(names = "--no-mirror-average", description = "One network pass per product, without averaging with the "
      + "mirrored photo: faster catalogues, slightly rougher surfaces.")
  boolean noMirrorAverage;

  @Option(names = "--camera-elevation", description = "The photos' camera elevation in degrees above the products, when "
      + "it is known (a studio's fixed camera); each product is stood upright by it, and a network that reads the elevation "
      + "is given it. Default: read from each shape.")
  Double cameraElevation;

  @Option(names = "--server", defaultValue = "${env:RAYFORM_SERVER}", description = "A running Rayform (or RAYFORM_SERVER); the embedded default otherwise.")
  String server;

  @Option(names = "--api-key", defaultValue = "${env:RAYFORM_API_KEY}", description = "API key for --server (or RAYFORM_API_KEY).")
  String apiKey;

  @Option(names = "--model", description = "A model id on the server, or (embedded) a local model folder. Default: the default model.")
  String model;

  @Option(names = "--resolution", defaultValue = "" + ProductJobOptions.DEFAULT_RESOLUTION, description = "Rays per side and grid size. Default: ${DEFAULT-VALUE}.")
  int resolution;

  @Option(names = "--data-dir", defaultValue = ".rayform", description = "Embedded platform data. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Mixin
  ProgressOption progress;

  /** The manifest's columns that travel with each product to the catalogue job, in this order. */
  private static final List<String> PRODUCT_COLUMNS = List.of("width", "depth", "height", "unit", "camera_elevation");

  /** A product: its SKU, image and its values of {@link #PRODUCT_COLUMNS} (blank when not given). */
  private record Product(String sku, Path image, List<String> columns) {
    static final List<String> NONE = java.util.Collections.nCopies(PRODUCT_COLUMNS.size(), "");
  }

  @Override
  public Integer call() throws Exception {
    if (faces != null && faces != 0) {
      QuadricSimplifier.requireValidTarget(faces);
    }
    JsonObject options = jobOptions();
    // The job's options checked by their owner before anything starts (the server would answer 400).
    ProductJobOptions.parse(options.getMap());
    List<Product> products = collect();
    if (products.isEmpty()) {
      throw new ReconException("catalog_empty", "no images (png, jpg) among the inputs");
    }
    Platform platform = null;
    String modelId = model;
    if (server == null) {
      System.err.println("starting the embedded platform (data in " + dataDir + ")...");
      platform = Platform.builder().setDataDir(dataDir).setWorkerId("convert-" + ProcessHandle.current().pid()).start();
      server = platform.url();
      apiKey = platform.devKey();
      modelId = registerLocalModel(platform, model);
    }
    Vertx vertx = platform != null ? platform.vertx() : Vertx.vertx();
    WebClient http = WebClient.create(vertx);
    WebSocketClient ws = vertx.createWebSocketClient();
    try {
      if (modelId != null) {
        options.put("model", modelId);
      }
      return run(http, ws, products, options);
    } finally {
      http.close();
      if (platform != null) {
        platform.close();
      } else {
        vertx.close();
      }
    }
  }

  /** The catalog job's options from the flags (the model is added once known). */
  private JsonObject jobOptions() {
    JsonObject options = new JsonObject().put("formats", new JsonArray(formats)).put("resolution", resolution);
    if (noColour) {
      options.put("colour", false);
    }
    if (faces != null) {
      options.put("faces", faces);
    }
    if (noMirrorAverage) {
      options.put("mirror_average", false);
    }
    if (cameraElevation != null) {
      options.put("camera_elevation", cameraElevation);
    }
    return options;
  }

  private int run(WebClient http, WebSocketClient ws, List<Product> products, JsonObject options) throws Exception {
    URI base = URI.create(server);
    ApiClient api = new ApiClient(http, server, apiKey);
    String upload = api.upload(pack(products), "application/zip");
    String jobId = api.submit("catalog", new JsonObject().put("upload", upload), options).getString("id");
    ConsoleProgress bar = progress.bar();
    bar.start("convert", 100L * products.size());
    CompletableFuture<String> finished = new CompletableFuture<>();
    long[] shown = {0};
    WebSocket socket = ApiClient.await(ws.connect(new WebSocketConnectOptions().setAbsoluteURI(
        base.resolve("/v1/events?job=" + jobId + "&since=0").toString().replaceFirst("^http", "ws")).addHeader("Authorization", "Bearer " + apiKey)));
    socket.textMessageHandler(text -> {
      JsonObject e = new JsonObject(text);
      long now = Math.round(e.getDouble("progress", 0.0) * 100 * products.size());
      if (now > shown[0]) {
        bar.step(now - shown[0]);
        shown[0] = now;
      }
      bar.message(String.valueOf(e.getString("message")));
      if (ApiClient.TERMINAL.contains(e.getString("status"))) {
        finished.complete(e.getString("status"));
      }
    });
    String status = waitForEnd(api, jobId, finished);
    bar.finish();
    socket.close();
    // The job's items counts are the outcome (every item, also those an earlier attempt finished).
    JsonObject job = api.job(jobId);
    JsonObject counts = job.getJsonObject("items", new JsonObject());
    if (!"succeeded".equals(status)) {
      if (counts.getInteger("total", 0) > 0) {
        // e.g. all_items_failed: each item's own error, then the counts.
        for (Object o : api.items(jobId)) {
          printFailure((JsonObject) o);
        }
        System.out.println(summary(counts, null, 0));
      }
      JsonObject err = job.getJsonObject("error", new JsonObject());
      throw new ReconException("convert_failed", "catalog job " + jobId + " " + status
          + (err.containsKey("code") ? ": " + err.getString("code") + ": " + err.getString("message") : ""));
    }
    return download(api, jobId, counts);
  }

  /** "converted 11 of 12 products into DIR (1 failed; 22 files)", from the job's item counts. */
  private static String summary(JsonObject counts, Path dir, int files) {
    int total = counts.getInteger("total", 0), succeeded = counts.getInteger("succeeded", 0), failed = counts.getInteger("failed", 0);
    int other = total - succeeded - failed;
    return "converted " + succeeded + " of " + total + " products" + (dir == null ? "" : " into " + dir) + " (" + failed + " failed"
        + (other > 0 ? ", " + other + " not finished" : "") + (dir == null ? "" : "; " + files + " files") + ")";
  }

  /** An item that did not succeed: its SKU, status and error. */
  private static void printFailure(JsonObject item) {
    if ("succeeded".equals(item.getString("status"))) {
      return;
    }
    JsonObject err = item.getJsonObject("error", new JsonObject());
    System.out.printf("  %s: %s [%s] %s%n", itemName(item), item.getString("status"), err.getString("code"), err.getString("message"));
  }

  /** The websocket tells when the job ends; polling covers a missed event. */
  private static String waitForEnd(ApiClient api, String jobId, CompletableFuture<String> finished) throws Exception {
    while (true) {
      try {
        return finished.get(2, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        String s = api.job(jobId).getString("status");
        if (ApiClient.TERMINAL.contains(s)) {
          return s;
        }
      }
    }
  }

  private int download(ApiClient api, String jobId, JsonObject counts) throws Exception {
    Files.createDirectories(out);
    JsonArray items = api.items(jobId);
    int failed = 0, written = 0;
    for (Object o : items) {
      JsonObject item = (JsonObject) o;
      String sku = item.getJsonObject("result") != null ? item.getJsonObject("result").getString("sku", item.getString("id")) : item.getString("id");
      if (!"succeeded".equals(item.getString("status"))) {
        failed++;
        printFailure(item);
        continue;
      }
      for (String f : formats) {
        byte[] mesh = api.artifact(item.getString("id"), "mesh." + f);
        Path file = out.resolve(safe(sku) + "." + f);
        dev.rayform.recon.util.AtomicFiles.write(file, mesh);
        written++;
      }
    }
    if (!counts.containsKey("total")) {
      // A server from before the job's items counts: count the listed items.
      counts = new JsonObject().put("total", items.size()).put("succeeded", items.size() - failed).put("failed", failed);
    }
    System.out.println(summary(counts, out, written));
    return failed == 0 && counts.getInteger("failed", 0) == 0 ? 0 : 4;
  }

  private static String itemName(JsonObject item) {
    return item.containsKey("itemKey") ? item.getString("itemKey") : item.getString("id");
  }

  private static String safe(String sku) {
    return sku.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** A zip of the images and a manifest.csv naming their SKUs, real dimensions and camera elevations. */
  private static byte[] pack(List<Product> products) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      StringBuilder manifest = new StringBuilder("sku,image," + String.join(",", PRODUCT_COLUMNS) + "\n");
      for (int i = 0; i < products.size(); i++) {
        Product p = products.get(i);
        String name = String.format("%04d%s", i, extension(p.image()));
        zip.putNextEntry(new ZipEntry(name));
        zip.write(Files.readAllBytes(p.image()));
        zip.closeEntry();
        manifest.append(quoted(p.sku())).append(',').append(name);
        for (String v : p.columns()) {
          manifest.append(',').append(quoted(v));
        }
        manifest.append('\n');
      }
      zip.putNextEntry(new ZipEntry("manifest.csv"));
      zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static String quoted(String field) {
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") ? ".png" : ".jpg";
  }

  private List<Product> collect() throws IOException {
    Map<String, Product> products = new LinkedHashMap<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        try (Stream<Path> files = Files.list(in)) {
          for (Path f : files.sorted().toList()) {
            if (isImage(f)) {
              add(products, new Product(stem(f), f, Product.NONE));
            }
          }
        }
      } else if (in.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
        List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        List<String> header = java.util.Arrays.stream(lines.get(0).toLowerCase(Locale.ROOT).split(",")).map(String::strip).toList();
        int sku = header.indexOf("sku"), image = header.indexOf("image");
        int[] columns = PRODUCT_COLUMNS.stream().mapToInt(header::indexOf).toArray();
        if (sku < 0 || image < 0) {
          throw new ReconException("manifest_invalid", in + ": a manifest needs the columns sku and image");
        }
        for (String line : lines.subList(1, lines.size())) {
          String[] cols = line.split(",", -1);
          if (cols.length > Math.max(sku, image) && !cols[image].isBlank()) {
            List<String> values = new ArrayList<>();
            for (int c : columns) {
              values.add(c >= 0 && c < cols.length ? cols[c].strip() : "");
            }
            add(products, new Product(cols[sku].strip(), in.resolveSibling(cols[image].strip()), values));
          }
        }
      } else if (isImage(in)) {
        add(products, new Product(stem(in), in, Product.NONE));
      } else {
        throw new ReconException("input_unsupported", in + " is not an image (png, jpg), a folder or a CSV manifest");
      }
    }
    return new ArrayList<>(products.values());
  }

  private static void add(Map<String, Product> products, Product p) {
    if (!Files.isRegularFile(p.image())) {
      throw new ReconException("input_not_found", "no image " + p.image() + " (product " + p.sku() + ")");
    }
    products.putIfAbsent(p.sku(), p);
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  private static String stem(Path p) {
    return p.getFileName().toString().replaceAll("\\.[^.]*$", "");
  }

  /** Embedded only: a local model folder (or the default model) registered as a shared model; its id. */
  static String registerLocalModel(Platform platform, String model) throws Exception {
    Path dir = model != null ? Path.of(model) : DefaultModel.path();
    if (!Files.isRegularFile(dir.resolve("model.json"))) {
      throw new ReconException("model_not_found", dir + " is not a model folder");
    }
    String prefix = "models/shared/" + Integer.toHexString(dir.toAbsolutePath().toString().hashCode()) + "-" + Files.size(dir.resolve("params.bin"));
    for (String f : List.of("model.json", "params.bin")) {
      platform.services().store().put(prefix + "/" + f, dir.resolve(f), "application/octet-stream");
    }
    String arch = dev.rayform.recon.model.ModelInfo.read(dir).config().arch();
    return Platform.await(platform.services().models().add(null, dir.getFileName().toString(), arch, null, prefix,
        new JsonObject(), null));
  }
}
