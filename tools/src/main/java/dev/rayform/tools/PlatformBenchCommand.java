package dev.rayform.tools;

import dev.rayform.launcher.Platform;

import dev.rayform.core.db.PlatformDatabase;
import dev.rayform.core.job.ProductJobOptions;
import dev.rayform.gateway.GatewayOptions;
import dev.rayform.recon.ReconException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rayform bench platform}: the platform's own overhead and a catalogue's throughput, on the
 * embedded default in this process, through the HTTP API.
 */
@Command(name = "platform", mixinStandardHelpOptions = true,
    description = {
      "Submit-to-start latency (p50/p99) of single jobs on an idle worker, gateway accepts per second, and a catalogue",
      "of --images images through one worker (images/min; time in network+meshing, writing and storing, queueing)."
    })
final class PlatformBenchCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Model folder to convert with (e.g. a cpu-preset model).")
  Path model;

  @Option(names = "--images", defaultValue = "200", description = "Catalogue size. Default: ${DEFAULT-VALUE}.")
  int images;

  @Option(names = "--latency-jobs", defaultValue = "30", description = "Jobs for submit-to-start latency. Default: ${DEFAULT-VALUE}.")
  int latencyJobs;

  @Option(names = "--accepts", defaultValue = "300", description = "Submissions for accepts/s. Default: ${DEFAULT-VALUE}.")
  int accepts;

  @Option(names = "--resolution", defaultValue = "" + ProductJobOptions.DEFAULT_RESOLUTION, description = "Default: ${DEFAULT-VALUE}.")
  int resolution;

  @Option(names = "--no-mirror-average", description = "Convert with the job option mirror_average false (one network "
      + "pass per product); reported in its own section.")
  boolean noMirrorAverage;

  @Option(names = "--no-report", description = "Do not update BENCHMARKS.md.")
  boolean noReport;

  @Option(names = "--workers", split = ",", description = {
      "Cluster mode: for each count (e.g. 1,2,3) start a local cluster of separate processes (Kafka, PostgreSQL, S3,",
      "a gateway and that many workers) and measure the catalogue's throughput through it, split into --shards",
      "catalog jobs so the workers' partitions share it. Skips the latency and accepts measures."})
  List<Integer> workers;

  @Option(names = "--shards", defaultValue = "12", description = "Cluster mode: catalog jobs the catalogue is split into. Default: ${DEFAULT-VALUE}.")
  int shards;

  @Option(names = "--batch", defaultValue = "8", description = "Items per micro-batch through the network (the catalog option). Default: ${DEFAULT-VALUE}.")
  int batch;


  @Override
  public Integer call() throws Exception {
    if (workers != null && !workers.isEmpty()) {
      return cluster();
    }
    Path dir = Files.createTempDirectory("rayform-bench-platform");
    try (Platform platform = Platform.builder().setDataDir(dir).setWorkerId("bench")
        .optGateway(GatewayOptions.defaults().withLimits(GatewayOptions.Limits.unlimited())).start()) {
      WebClient http = WebClient.create(platform.vertx());
      ApiClient api = new ApiClient(http, platform.url(), platform.devKey());
      String modelId = ConvertCommand.registerLocalModel(platform, model.toString());
      List<Path> pictures = samplePictures();
      String upload = api.upload(Files.readAllBytes(pictures.get(0)), "image/png");
      JsonObject options = new JsonObject().put("model", modelId).put("resolution", resolution);
      if (noMirrorAverage) {
        options.put("mirror_average", false);
      }

      // 1. Submit-to-start on an idle worker: one job at a time.
      List<Double> startMs = new ArrayList<>();
      for (int i = 0; i < latencyJobs + 2; i++) {
        JsonObject job = api.waitForEnd(api.submit("reconstruct", new JsonObject().put("upload", upload), options).getString("id"), 20);
        if (i >= 2) { // the first jobs load the model
          startMs.add(millis(job.getString("createdAt"), job.getString("startedAt")));
        }
      }
      Collections.sort(startMs);

      // 2. Accepts per second: concurrent submissions, then canceled before they run.
      long t0 = System.nanoTime();
      List<Future<HttpResponse<Buffer>>> posts = new ArrayList<>();
      List<String> accepted = Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < accepts; i++) {
        posts.add(api.submitAsync(new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", upload))
            .put("options", options)).onSuccess(r -> accepted.add(r.bodyAsJsonObject().getString("id"))));
      }
      Platform.await(Future.join(posts));
      double acceptsPerSecond = accepts / ((System.nanoTime() - t0) / 1e9);
      for (String id : accepted) {
        Platform.await(api.cancelAsync(id));
      }
      Thread.sleep(2000);

      // 3. A catalogue through one worker.
      String archive = api.upload(catalogue(pictures, 0, images), "application/zip");
      JsonObject catalog = api.waitForEnd(api.submit("catalog", new JsonObject().put("upload", archive), options.copy().put("batch", batch)).getString("id"), 20);
      double runMs = millis(catalog.getString("startedAt"), catalog.getString("finishedAt"));
      double queueMs = millis(catalog.getString("createdAt"), catalog.getString("startedAt"));
      java.util.Map<String, Double> stageMs = new java.util.LinkedHashMap<>();
      int done = 0;
      for (Object o : api.items(catalog.getString("id"))) {
        JsonObject item = (JsonObject) o;
        if ("succeeded".equals(item.getString("status"))) {
          done++;
          JsonObject stages = item.getJsonObject("result").getJsonObject("stage_ms", new JsonObject());
          for (String stage : stages.fieldNames()) {
            stageMs.merge(stage, stages.getDouble(stage), Double::sum);
          }
        }
      }
      double pipelineMs = stageMs.values().stream().mapToDouble(Double::doubleValue).sum();
      StringBuilder shares = new StringBuilder();
      stageMs.forEach((stage, ms) -> shares.append(String.format("%s %.0f%%, ", stage, 100 * ms / runMs)));
      double perMinute = images / (runMs / 60_000);

      StringBuilder md = new StringBuilder("## Platform: overhead and catalogue throughput").append(variant()).append("\n\n");
      md.append("Machine: ").append(BenchmarkReport.machine()).append("  \n");
      md.append("Command: `scripts/rayform bench platform --model ").append(model).append(" --images ").append(images)
          .append(" --resolution ").append(resolution).append(noMirrorAverage ? " --no-mirror-average" : "").append("`  \n");
      md.append("Embedded default (Kafka, PostgreSQL, S3 in-process), one worker, through the HTTP API.\n\n");
      md.append("| measure | figure | target |\n|---|---|---|\n");
      md.append(String.format("| submit-to-start, idle worker (%d jobs) | p50 %.0f ms, p99 %.0f ms | p50 < 50 ms |%n", startMs.size(),
          pct(startMs, 0.5), pct(startMs, 0.99)));
      md.append(String.format("| gateway accepts (%d concurrent submissions) | %.0f jobs/s |  |%n", accepts, acceptsPerSecond));
      md.append(String.format("| catalogue of %d images, one worker, coloured and cleaned at the defaults | %.1f images/min (%d succeeded) "
          + "| >= 120 images/min |%n", images, perMinute, done));
      md.append(String.format("| time shares of the catalogue | %swriting, previews and storing %.0f%%, queueing %.1f s |  |%n",
          shares, 100 * (runMs - pipelineMs) / runMs, queueMs / 1000));
      System.out.println(md);
      if (!noReport) {
        BenchmarkReport.update(BenchmarkReport.defaultPath(), "platform" + (noMirrorAverage ? "-one-pass" : ""), md.toString());
      }
      http.close();
      return 0;
    }
  }

  /** The sample pictures, sorted. */
  private static List<Path> samplePictures() throws java.io.IOException {
    List<Path> pictures = new ArrayList<>();
    try (var files = Files.list(Path.of(System.getProperty("rayform.root", ".")).resolve("samples/catalog"))) {
      files.filter(f -> f.toString().endsWith(".png")).sorted().forEach(pictures::add);
    }
    if (pictures.isEmpty()) {
      throw new ReconException("samples_missing", "no images in samples/catalog");
    }
    return pictures;
  }

  /** A zip of images {@code from} to {@code to} (the samples in turn) with its manifest. */
  private static byte[] catalogue(List<Path> pictures, int from, int to) throws java.io.IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      StringBuilder manifest = new StringBuilder("sku,image\n");
      for (int i = from; i < to; i++) {
        String name = String.format("%04d.png", i);
        z.putNextEntry(new ZipEntry(name));
        z.write(Files.readAllBytes(pictures.get(i % pictures.size())));
        manifest.append("SKU-").append(i).append(',').append(name).append('\n');
      }
      z.putNextEntry(new ZipEntry("manifest.csv"));
      z.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
    }
    return zip.toByteArray();
  }

  /** One cluster run's figures. */
  private record ClusterRun(int workers, double wallSeconds, int succeeded, Map<String, Integer> itemsPerWorker) {}

  /** The section title's note on the job options measured. */
  private String variant() {
    return noMirrorAverage ? " (mirror_average false: one network pass per product)" : "";
  }

  /** Cluster mode: the catalogue through 1, 2, 3... worker processes, each count on a fresh local cluster. */
  private int cluster() throws Exception {
    List<Path> pictures = samplePictures();
    System.setProperty("rayform.model", model.toAbsolutePath().toString()); // the workers' default model
    List<ClusterRun> runs = new ArrayList<>();
    for (int n : workers) {
      Path dir = Files.createTempDirectory("rayform-cluster-bench");
      System.err.printf("cluster with %d worker%s (run folder %s)...%n", n, n == 1 ? "" : "s", dir);
      io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
      try (LocalCluster cluster = LocalCluster.start(dir, LocalCluster.Options.of(n).withLease(30))) {
        WebClient http = WebClient.create(vertx);
        ApiClient api = new ApiClient(http, cluster.url(), cluster.apiKey);
        JsonObject options = new JsonObject().put("resolution", resolution).put("batch", batch);
        if (noMirrorAverage) {
          options.put("mirror_average", false);
        }
        // Warm-up: a few small jobs so the workers have loaded the model (spread over the partitions).
        String one = api.upload(Files.readAllBytes(pictures.get(0)), "image/png");
        List<String> warm = new ArrayList<>();
        for (int i = 0; i < 8 * n; i++) {
          warm.add(api.submit("reconstruct", new JsonObject().put("upload", one), new JsonObject().put("resolution", 32)).getString("id"));
        }
        for (String id : warm) {
          api.waitForEnd(id, 100);
        }
        List<String> uploads = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
          uploads.add(api.upload(catalogue(pictures, s * images / shards, (s + 1) * images / shards), "application/zip"));
        }
        List<String> ids = new ArrayList<>();
        for (String u : uploads) {
          ids.add(api.submit("catalog", new JsonObject().put("upload", u), options).getString("id"));
        }
        OffsetDateTime first = null, last = null;
        int done = 0;
        for (String id : ids) {
          JsonObject j = api.waitForEnd(id, 100);
          OffsetDateTime created = OffsetDateTime.parse(j.getString("createdAt"));
          OffsetDateTime finished = OffsetDateTime.parse(j.getString("finishedAt"));
          first = first == null || created.isBefore(first) ? created : first;
          last = last == null || finished.isAfter(last) ? finished : last;
          for (Object o : api.items(id)) {
            done += "succeeded".equals(((JsonObject) o).getString("status")) ? 1 : 0;
          }
        }
        runs.add(new ClusterRun(n, Duration.between(first, last).toNanos() / 1e9, done, itemsPerWorker(vertx, cluster, ids)));
        System.err.printf("  %d worker(s): %d images in %.1f s (%s)%n", n, done, runs.get(runs.size() - 1).wallSeconds(),
            runs.get(runs.size() - 1).itemsPerWorker());
        http.close();
      } finally {
        vertx.close();
      }
    }
    StringBuilder md = new StringBuilder("## Platform: local cluster, catalogue throughput by worker processes").append(variant())
        .append("\n\n");
    md.append("Machine: ").append(BenchmarkReport.machine()).append("  \n");
    md.append("Command: `scripts/rayform bench platform --model ").append(model).append(" --workers ")
        .append(workers.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))).append(" --images ").append(images)
        .append(" --shards ").append(shards).append(" --batch ").append(batch).append(" --resolution ").append(resolution)
        .append(noMirrorAverage ? " --no-mirror-average" : "").append("`  \n");
    md.append("Each row: a fresh local cluster (Kafka, PostgreSQL, S3, a gateway and N workers, each its own process, as\n")
        .append("`scripts/cluster-up` starts them); the catalogue of ").append(images).append(" images goes in as ").append(shards)
        .append(" catalog jobs, which Kafka\nspreads over the workers by partition (4 per topic); time from the first submission to the last finish,\n")
        .append("after a warm-up that loads the model in every worker.\n\n");
    md.append("| workers | catalogue | images/min | speed-up | items per worker |\n|---|---|---|---|---|\n");
    double base = runs.get(0).succeeded() / runs.get(0).wallSeconds() * 60;
    for (ClusterRun r : runs) {
      double perMin = r.succeeded() / r.wallSeconds() * 60;
      md.append(String.format("| %d | %d images in %.1f s | %.1f | %.2fx | %s |%n", r.workers(), r.succeeded(), r.wallSeconds(), perMin,
          perMin / base, r.itemsPerWorker()));
    }
    System.out.println(md);
    if (!noReport) {
      BenchmarkReport.update(BenchmarkReport.defaultPath(), "cluster" + (noMirrorAverage ? "-one-pass" : ""), md.toString());
    }
    return 0;
  }

  /** Which worker ran each catalog job (its last start), as succeeded items per worker. */
  private static Map<String, Integer> itemsPerWorker(io.vertx.core.Vertx vertx, LocalCluster cluster, List<String> ids) throws Exception {
    PlatformDatabase db = PlatformDatabase.connect(vertx, cluster.pgUri());
    try {
      return ApiClient.await(db.figures().succeededItemsByWorker(ids));
    } finally {
      ApiClient.await(db.close());
    }
  }

  private static double pct(List<Double> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static double millis(String from, String to) {
    return Duration.between(OffsetDateTime.parse(from), OffsetDateTime.parse(to)).toNanos() / 1e6;
  }
}
