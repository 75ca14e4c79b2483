package dev.rayform.cli;

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

  @Option(names = "--resolution", defaultValue = "128", description = "Default: ${DEFAULT-VALUE}.")
  int resolution;

  @Option(names = "--no-report", description = "Do not update BENCHMARKS.md.")
  boolean noReport;


  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("rayform-bench-platform");
    try (Platform platform = Platform.start(null, dir, "all", 0, null, "bench",
        GatewayOptions.defaults().withLimits(GatewayOptions.Limits.unlimited()))) {
      WebClient http = WebClient.create(platform.vertx);
      ApiClient api = new ApiClient(http, platform.url(), platform.devKey);
      String modelId = ConvertCommand.registerLocalModel(platform, model.toString());
      List<Path> pictures = new ArrayList<>();
      try (var files = Files.list(Path.of(System.getProperty("rayform.root", ".")).resolve("samples/catalog"))) {
        files.filter(f -> f.toString().endsWith(".png")).sorted().forEach(pictures::add);
      }
      if (pictures.isEmpty()) {
        throw new ReconException("samples_missing", "no images in samples/catalog");
      }
      String upload = api.upload(Files.readAllBytes(pictures.get(0)), "image/png");
      JsonObject options = new JsonObject().put("model", modelId).put("resolution", resolution);

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
      ByteArrayOutputStream zip = new ByteArrayOutputStream();
      try (ZipOutputStream z = new ZipOutputStream(zip)) {
        StringBuilder manifest = new StringBuilder("sku,image\n");
        for (int i = 0; i < images; i++) {
          String name = String.format("%04d.png", i);
          z.putNextEntry(new ZipEntry(name));
          z.write(Files.readAllBytes(pictures.get(i % pictures.size())));
          manifest.append("SKU-").append(i).append(',').append(name).append('\n');
        }
        z.putNextEntry(new ZipEntry("manifest.csv"));
        z.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
      }
      String archive = api.upload(zip.toByteArray(), "application/zip");
      JsonObject catalog = api.waitForEnd(api.submit("catalog", new JsonObject().put("upload", archive), options).getString("id"), 20);
      double runMs = millis(catalog.getString("startedAt"), catalog.getString("finishedAt"));
      double queueMs = millis(catalog.getString("createdAt"), catalog.getString("startedAt"));
      double networkMs = 0;
      int done = 0;
      for (Object o : api.items(catalog.getString("id"))) {
        JsonObject item = (JsonObject) o;
        if ("succeeded".equals(item.getString("status"))) {
          done++;
          networkMs += item.getJsonObject("result").getDouble("network_and_meshing_ms", 0.0);
        }
      }
      double perMinute = images / (runMs / 60_000);

      StringBuilder md = new StringBuilder("## Platform: overhead and catalogue throughput\n\n");
      md.append("Machine: ").append(BenchmarkReport.machine()).append("  \n");
      md.append("Command: `scripts/rayform bench platform --model ").append(model).append(" --images ").append(images)
          .append(" --resolution ").append(resolution).append("`  \n");
      md.append("Embedded default (Kafka, PostgreSQL, S3 in-process), one worker, through the HTTP API.\n\n");
      md.append("| measure | figure | target |\n|---|---|---|\n");
      md.append(String.format("| submit-to-start, idle worker (%d jobs) | p50 %.0f ms, p99 %.0f ms | p50 < 50 ms |%n", startMs.size(),
          pct(startMs, 0.5), pct(startMs, 0.99)));
      md.append(String.format("| gateway accepts (%d concurrent submissions) | %.0f jobs/s |  |%n", accepts, acceptsPerSecond));
      md.append(String.format("| catalogue of %d images, one worker | %.1f images/min (%d succeeded) | >= 60 images/min |%n", images, perMinute, done));
      md.append(String.format("| time shares of the catalogue | network+meshing %.0f%%, writing and storing %.0f%%, queueing %.1f s |  |%n",
          100 * networkMs / runMs, 100 * (runMs - networkMs) / runMs, queueMs / 1000));
      System.out.println(md);
      if (!noReport) {
        BenchmarkReport.update(BenchmarkReport.defaultPath(), "platform", md.toString());
      }
      http.close();
      return 0;
    }
  }

  private static double pct(List<Double> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static double millis(String from, String to) {
    return Duration.between(OffsetDateTime.parse(from), OffsetDateTime.parse(to)).toNanos() / 1e6;
  }
}
