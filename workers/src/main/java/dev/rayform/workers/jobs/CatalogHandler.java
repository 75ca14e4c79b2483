package dev.rayform.workers.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.job.ItemCounts;
import dev.rayform.core.job.JobType;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.geometry.RealDimensions;
import dev.rayform.recon.geometry.io.ArchiveEntry;
import dev.rayform.recon.geometry.io.MeshArchive;
import dev.rayform.recon.image.ImageLoader;
import dev.rayform.recon.product.Product;
import dev.rayform.recon.product.ProductOptions;
import dev.rayform.recon.product.ProductPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code catalog}: a batch of product photos, each becoming a child reconstruct job the API lists as
 * the catalogue's items. Input: {@code upload}, a zip or tar(.gz) of images (with an optional
 * {@code manifest.csv} or {@code manifest.json}: sku, image) or a CSV or JSON manifest (sku, upload) of uploaded images; either
 * manifest may give real dimensions per product (columns width, depth, height, unit: mm, cm, m, in
 * or ft), which put that item's mesh in metres at that size, and its photo's camera elevation
 * (column camera_elevation, degrees; it overrides the job's {@code camera_elevation} for that item). Every item is
 * a self-contained child job (its image stored as an upload), so a retried catalogue skips the
 * items already finished. Images are read in groups of {@code batch}; each goes through the same
 * image-to-product pipeline as a reconstruct job, on its own, so its mesh is the one reconstruct gives;
 * a bad item (or row) fails alone with its code. The catalogue succeeds when at least one item did
 * (the job's {@code items} counts tell how many failed); when every item failed it fails with
 * {@code all_items_failed}, its items still listing each one's error. A catalogue with no items at all
 * is bad input ({@code catalog_empty}, or {@code manifest_invalid} for a manifest without rows).
 * Options as for reconstruct (formats, faces, colour, ...), plus {@code batch} (8), images read per progress step.
 */
public final class CatalogHandler implements JobHandler {
  private static final int MAX_ITEMS = 10_000;
  private final ModelCache models;

  public CatalogHandler(ModelCache models) {
    this.models = models;
  }

  @Override
  public JobType type() {
    return JobType.CATALOG;
  }

  /** An item before it becomes a child: its key, where its image is, and what its manifest row says of its product. */
  private record Item(String key, String uploadId, ProductRow product, String error, String errorCode) {
    Item(String key, String uploadId, ProductRow product, String error) {
      this(key, uploadId, product, error, "invalid_item");
    }
  }

  /**
   * What a manifest row says of its product, each null when not given: its real dimensions (columns
   * width, depth, height, unit) and its photo's camera elevation in degrees (column camera_elevation:
   * the camera that many degrees above the product; it overrides the job's option for that item).
   */
  private record ProductRow(RealDimensions dimensions, Double cameraElevation) {
    static final ProductRow NONE = new ProductRow(null, null);

    /** @throws ReconException for dimensions or an elevation the pipeline refuses */
    static ProductRow of(Map<String, String> row) {
      RealDimensions dimensions = RealDimensions.parse(row.get("width"), row.get("depth"), row.get("height"), row.get("unit"));
      String text = row.get(CAMERA_ELEVATION);
      if (text == null || text.isBlank()) {
        return new ProductRow(dimensions, null);
      }
      double degrees;
      try {
        degrees = Double.parseDouble(text.strip());
      } catch (NumberFormatException e) {
        throw new ReconException(ProductOptions.INVALID, CAMERA_ELEVATION + " must be a number of degrees, got '" + text.strip() + "'");
      }
      return new ProductRow(dimensions, ProductOptions.requireCameraElevation(degrees));
    }

    OutputSpec applyTo(OutputSpec job) {
      return job.withDimensions(dimensions).withCameraElevation(cameraElevation);
    }
  }

  @Override
  public ObjectNode run(JobContext ctx) throws Exception {
    OutputSpec output = OutputSpec.of(ctx.options());
    int batch = output.job().batch();
    Path modelDir = ctx.model(output.job().model());
    Path input = ctx.upload(Options.requiredText(ctx.input(), "upload", "input"));

    ctx.progress(0.01, "reading", "reading the catalogue");
    List<Item> items = isArchive(input) ? fromArchive(ctx, input) : fromManifest(input);
    if (items.isEmpty()) {
      throw JobFailure.badInput("catalog_empty", "the catalogue has no images (png or jpg)");
    }
    List<JobContext.ChildItem> children = new ArrayList<>();
    for (Item it : items) {
      ObjectNode childInput = JsonNodeFactory.instance.objectNode();
      if (it.uploadId() != null) {
        childInput.put("upload", it.uploadId());
      }
      if (it.product().dimensions() != null) {
        childInput.set("dimensions", OutputSpec.toJson(it.product().dimensions()));
      }
      if (it.product().cameraElevation() != null) {
        childInput.put(CAMERA_ELEVATION, it.product().cameraElevation());
      }
      children.add(new JobContext.ChildItem(it.key(), childInput));
    }
    List<String> ids = ctx.ensureChildren(children);
    int done = 0, succeeded = 0, failed = 0;
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!ctx.claimChild(ids.get(i))) {
        done++;
        continue;
      }
      if (items.get(i).error() != null) {
        ctx.failChild(ids.get(i), items.get(i).errorCode(), items.get(i).error());
        failed++;
        done++;
        continue;
      }
      pending.add(i);
    }
    for (int start = 0; start < pending.size(); start += batch) {
      if (ctx.cancelRequested()) {
        throw new JobCanceled(ctx.jobId());
      }
      List<Integer> group = pending.subList(start, Math.min(pending.size(), start + batch));
      Map<Integer, java.awt.image.BufferedImage> images = new LinkedHashMap<>();
      for (int i : group) {
        try {
          images.put(i, ImageLoader.load(ctx.upload(items.get(i).uploadId())));
        } catch (ReconException e) {
          ctx.failChild(ids.get(i), e.code(), e.getMessage());
          failed++;
          done++;
        } catch (JobFailure e) {
          if (e.retryable()) {
            throw e;
          }
          // A manifest row naming an upload this tenant does not have: that item fails, the others go on.
          ctx.failChild(ids.get(i), e.code(), e.getMessage());
          failed++;
          done++;
        }
      }
      for (Map.Entry<Integer, java.awt.image.BufferedImage> entry : images.entrySet()) {
        int index = entry.getKey();
        String child = ids.get(index);
        Item item = items.get(index);
        try {
          OutputSpec spec = item.product().applyTo(output);
          Product product = models.with(modelDir, model -> new ProductPipeline(model, spec.product()).reconstruct(entry.getValue()));
          Path dir = ctx.workDir().resolve("items").resolve(String.valueOf(index));
          ObjectNode facts = ReconstructHandler.writeOutputs(product, spec, dir,
              (name, file, type) -> ctx.childArtifact(child, name, file, type));
          facts.put("sku", item.key());
          ctx.succeedChild(child, facts);
          succeeded++;
        } catch (ReconException e) {
          // A photo without a separable product, an empty reconstruction, dimensions the mesh cannot take.
          ctx.failChild(child, e.code(), e.getMessage());
          failed++;
        } catch (JobFailure e) {
          if (e.retryable()) {
            throw e;
          }
          ctx.failChild(child, e.code(), e.getMessage());
          failed++;
        }
        done++;
      }
      ctx.progress(done / (double) ids.size(), "items", done + " of " + ids.size() + " items",
          Map.of("items", ids.size(), "done", done, "succeeded", succeeded, "failed", failed));
    }
    // The outcome counts every item as the database holds it, also those an earlier attempt finished.
    ItemCounts counts = ctx.itemCounts();
    if (counts.allFailed()) {
      throw JobFailure.badInput(ALL_ITEMS_FAILED, allFailedMessage(ctx.jobId(), counts));
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("items", ids.size());
    result.put("succeeded_now", succeeded);
    result.put("failed_now", failed);
    return result;
  }

  private static boolean isArchive(Path file) throws IOException {
    byte[] head = new byte[4];
    try (var in = Files.newInputStream(file)) {
      int n = in.read(head);
      if (n >= 2 && head[0] == 'P' && head[1] == 'K') {
        return true;
      }
      if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
        return true;
      }
    }
    if (MeshArchiveKind.isTar(file)) {
      return true;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tar") || name.endsWith(".zip") || name.endsWith(".tgz") || name.endsWith(".tar.gz");
  }

  /** Images of an archive become uploads; a manifest.csv inside names their SKUs. */
  private static List<Item> fromArchive(JobContext ctx, Path file) throws IOException {
    String suffix = MeshArchiveKind.of(file);
    Path named = suffix == null ? file : file.resolveSibling("catalog" + suffix);
    if (suffix != null) {
      Files.copy(file, named, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<Item> items = new ArrayList<>();
    try (MeshArchive archive = ReconstructHandler.badInputOnReconErrorUnchecked(() -> MeshArchive.open(named))) {
      Map<String, String> skuOf = new LinkedHashMap<>();
      Map<String, ProductRow> productOf = new LinkedHashMap<>();
      Map<String, String> errorOf = new LinkedHashMap<>();
      for (ArchiveEntry e : archive.entries()) {
        String lowerName = e.name().toLowerCase(Locale.ROOT);
        if (!e.directory() && (lowerName.endsWith("manifest.csv") || lowerName.endsWith("manifest.json"))) {
          int line = 1;
          for (Map<String, String> row : ManifestRows.parse(utf8(archive.read(e.name())))) {
            line++;
            String image = row.get("image");
            if (image != null) {
              skuOf.put(image, row.getOrDefault("sku", image));
              try {
                productOf.put(image, ProductRow.of(row));
              } catch (ReconException bad) {
                errorOf.put(image, "line " + line + ": " + bad.getMessage());
              }
              if (isFormula(row.get("sku"))) {
                errorOf.put(image, "line " + line + ": " + FORMULA_MESSAGE);
              }
            }
          }
        }
      }
      for (ArchiveEntry e : archive.entries()) {
        String lower = e.name().toLowerCase(Locale.ROOT);
        if (e.directory() || !(lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"))) {
          continue;
        }
        if (items.size() >= MAX_ITEMS) {
          throw JobFailure.badInput("catalog_too_large", "a catalogue holds at most " + MAX_ITEMS + " images");
        }
        String base = e.name().substring(e.name().lastIndexOf('/') + 1);
        String key = skuOf.getOrDefault(e.name(), skuOf.getOrDefault(base, base.replaceAll("\\.[^.]*$", "")));
        String row = skuOf.containsKey(e.name()) ? e.name() : base;
        Path image = ctx.workDir().resolve("archive").resolve(String.valueOf(items.size()) + lower.substring(lower.lastIndexOf('.')));
        Files.createDirectories(image.getParent());
        byte[] bytes;
        try {
          bytes = archive.read(e.name());
        } catch (ReconException bad) {
          // One entry over the size or compression-ratio bound (a bomb): that item fails, the others go on.
          items.add(new Item(key, null, ProductRow.NONE, e.name() + ": " + bad.getMessage(), bad.code()));
          continue;
        }
        String error = errorOf.get(row);
        if (error == null && isFormula(key)) {
          // A SKU taken from the file name is held to the same rule as one from a manifest.
          error = e.name() + ": " + FORMULA_MESSAGE;
        }
        Files.write(image, bytes);
        items.add(new Item(key, ctx.storeUpload(image, base, lower.endsWith(".png") ? "image/png" : "image/jpeg"),
            productOf.getOrDefault(row, ProductRow.NONE), error));
      }
    }
    return items;
  }

  /**
   * A CSV or JSON manifest: sku and upload (an upload id of the tenant; the column may also be called
   * image) per row, optional width, depth, height and unit; a bad row fails only its item. JSON rows
   * are counted from 1 where CSV lines count the header.
   */
  private static List<Item> fromManifest(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw JobFailure.badInput("manifest_encoding", "the manifest is not UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean json = ManifestRows.isJson(text);
    List<Map<String, String>> rows = ManifestRows.parse(text);
    if (rows.isEmpty()) {
      throw JobFailure.badInput("manifest_invalid", "the catalogue manifest has no items");
    }
    if (!json && !(rows.get(0).containsKey("sku") && (rows.get(0).containsKey("upload") || rows.get(0).containsKey("image")))) {
      throw JobFailure.badInput("manifest_invalid", "a catalogue manifest needs the columns sku and upload");
    }
    List<Item> items = new ArrayList<>();
    int line = json ? 0 : 1;
    String where = json ? "item " : "line ";
    for (Map<String, String> row : rows) {
      line++;
      String sku = row.get("sku"), upload = row.getOrDefault("upload", row.get("image"));
      String key = sku == null || sku.isBlank() ? "row-" + line : sku;
      String error = sku == null || sku.isBlank() ? where + line + ": sku is empty"
          : isFormula(sku) ? where + line + ": " + FORMULA_MESSAGE
          : upload == null || !upload.matches("[A-Za-z0-9_]{1,64}") ? where + line + ": upload must be an upload id" : null;
      ProductRow product = ProductRow.NONE;
      try {
        product = ProductRow.of(row);
      } catch (ReconException bad) {
        error = error != null ? error : where + line + ": " + bad.getMessage();
      }
      items.add(new Item(key, error == null ? upload : null, product, error));
    }
    return items;
  }

  /** The code of a catalogue none of whose items became a mesh. */
  static final String ALL_ITEMS_FAILED = "all_items_failed";

  /** "all 3 items failed (2 image_corrupt, 1 invalid_item); GET /v1/jobs/ID/items lists each item's error". */
  static String allFailedMessage(String jobId, ItemCounts counts) {
    StringBuilder codes = new StringBuilder();
    counts.failedByCode().entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> codes.append(codes.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey()));
    String what = counts.total() == 1 ? "the catalogue's only item failed" : "all " + counts.total() + " items failed";
    return what + " (" + codes + "); GET /v1/jobs/" + jobId + "/items lists each item's error";
  }

  static final String FORMULA_MESSAGE =
      "sku starts with =, +, -, @, a tab or a carriage return, which spreadsheets run as a formula; refused";

  /**
   * Whether a SKU would be a live formula when a spreadsheet opens a CSV holding it (OWASP's CSV
   * injection list). Such items are refused rather than rewritten, so no report, result or file name
   * ever carries one back.
   */
  static boolean isFormula(String sku) {
    if (sku == null || sku.isEmpty()) {
      return false;
    }
    char c = sku.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /** Strict UTF-8 (a manifest in another encoding fails the catalogue with manifest_encoding). */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw JobFailure.badInput("manifest_encoding", "the manifest is not UTF-8 text");
    }
  }

  /** The manifest column (and child input field) of a product's own camera elevation, degrees. */
  static final String CAMERA_ELEVATION = "camera_elevation";

  /** The archive suffix a file's content calls for (uploads keep no file name). */
  private static final class MeshArchiveKind {
    static String of(Path file) throws IOException {
      byte[] head = new byte[2];
      try (var in = Files.newInputStream(file)) {
        if (in.read(head) < 2) {
          return null;
        }
      }
      if (head[0] == 'P' && head[1] == 'K') {
        return ".zip";
      }
      if ((head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
        return ".tar.gz";
      }
      return isTar(file) ? ".tar" : null;
    }

    /** A POSIX or GNU tar: "ustar" at offset 257 of the first header. */
    static boolean isTar(Path file) throws IOException {
      byte[] block = new byte[263];
      try (var in = Files.newInputStream(file)) {
        if (in.readNBytes(block, 0, block.length) < block.length) {
          return false;
        }
      }
      return new String(block, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar");
    }
  }
}
