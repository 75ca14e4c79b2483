package dev.rayform.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.training.Adam;
import dev.rayform.recon.training.TrainOptions;
import dev.rayform.recon.training.Trainer;
import dev.rayform.recon.training.TrainingData;
import dev.rayform.recon.util.ProcessMemory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rayform bench train}: the cost of one Ray-ONet training step (forward, backward, Adam) of a
 * preset, with the first models' feature path (every level upsampled to the stem's resolution and
 * reduced there) and with the aligned one (each level sampled under the ray's pixel by row lookups,
 * then reduced), measured in one run so their ratio holds whatever the machine's load.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Time a Ray-ONet training step (both feature paths) on synthetic batches; writes BENCHMARKS.md.")
final class TrainBenchCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "cpu", description = "cpu, cpu-wide, paper or tiny. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--steps", defaultValue = "10", description = "Measured steps per variant. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--no-report", description = "Do not update BENCHMARKS.md.")
  boolean noReport;

  @Override
  public Integer call() throws Exception {
    if (steps < 1) {
      throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
    }
    ModelConfig aligned = ModelConfig.preset(preset, ModelConfig.RAYONET);
    TrainOptions options = TrainOptions.forPreset(preset).toBuilder().setSteps(1).build();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("machine", BenchmarkReport.machine());
    r.put("preset", preset);
    r.put("batch", options.batch());
    r.put("rays", options.rays());
    r.put("libtorch_threads", System.getProperty("ai.djl.pytorch.num_threads", "default (one per core)"));
    TrainingData.Batch batch = syntheticBatch(aligned, options.batch(), options.rays());
    Timings legacy = time(aligned.withAlignedFeatures(false), batch);
    Timings fast = time(aligned, batch);
    put(r, "legacy", legacy, batch);
    put(r, "aligned", fast, batch);
    r.put("speedup", legacy.medianMs() / fast.medianMs());
    r.put("peak_rss_mib", ProcessMemory.peakRssMiB());
    String md = markdown(r, legacy, fast);
    System.out.println(json ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r) : md);
    if (!noReport) {
      BenchmarkReport.update(BenchmarkReport.defaultPath(), "train-" + preset, md);
    }
    return 0;
  }

  private Timings time(ModelConfig config, TrainingData.Batch batch) throws Exception {
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(config), 1)) {
      Adam adam = new Adam(model.manager(), 1e-4);
      long[] step = {0};
      return Timings.measure(2, steps, () -> Trainer.trainStep(model, adam, batch, ++step[0]));
    }
  }

  /** Random images, rays uniform over the image, each ray occupied along one random span of depths. */
  static TrainingData.Batch syntheticBatch(ModelConfig c, int b, int k) {
    SplittableRandom random = new SplittableRandom(11);
    int s = c.imageSize(), m = c.m();
    float[] images = new float[b * 3 * s * s];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble(-2, 2);
    }
    float[] positions = new float[2 * b * k];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = (float) random.nextDouble();
    }
    float[] labels = new float[b * k * m];
    for (int ray = 0; ray < b * k; ray++) {
      if (random.nextBoolean()) {
        int from = random.nextInt(m), to = Math.min(m, from + 1 + random.nextInt(m / 4));
        for (int j = from; j < to; j++) {
          labels[ray * m + j] = 1;
        }
      }
    }
    float[] scales = new float[b];
    java.util.Arrays.fill(scales, 0.9f);
    return new TrainingData.Batch(b, images, positions, scales, null, labels, k);
  }

  private static void put(Map<String, Object> r, String name, Timings t, TrainingData.Batch batch) {
    r.put(name + "_ms", t.medianMs());
    r.put(name + "_min_ms", t.minMs());
    r.put(name + "_rays_per_s", batch.size() * (double) batch.perItem() / (t.medianMs() / 1000));
  }

  private String markdown(Map<String, Object> r, Timings legacy, Timings fast) {
    return String.format("""
        ## Training step (`%s` preset, %d images x %d rays, forward + backward + Adam)

        Machine: %s; libtorch threads: %s

        | feature path | min ms | median ms | max ms | rays/s |
        |---|---:|---:|---:|---:|
        | first models: levels upsampled to the stem's resolution, reduced there, read with aligned corners | %s | %.0f |
        | aligned: each level sampled under the ray's pixel (row lookups), then reduced | %s | %.0f |

        Speed-up: **%.2fx** (median, both measured in this run). Peak RSS %d MiB.

        Command: `scripts/rayform bench train --preset %s --steps %d`
        """, preset, (int) r.get("batch"), (int) r.get("rays"), r.get("machine"), r.get("libtorch_threads"),
        legacy.cells(), (double) r.get("legacy_rays_per_s"), fast.cells(), (double) r.get("aligned_rays_per_s"),
        (double) r.get("speedup"), Math.round((double) r.get("peak_rss_mib")), preset, steps);
  }
}
