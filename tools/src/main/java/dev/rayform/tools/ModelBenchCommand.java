package dev.rayform.tools;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rayform.recon.generation.Mise;
import dev.rayform.recon.generation.MiseResult;
import dev.rayform.recon.generation.ReconstructOptions;
import dev.rayform.recon.generation.Reconstructor;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelFlops;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.util.ProcessMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rayform bench model}: Ray-ONet against ONet (dense and with MISE) at 128^3 in one run, with
 * parameter counts, FLOPs and the GFLOP/s reached next to a measured matmul peak.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = {
      "Time Ray-ONet's network forward at 128^3 (128x128 rays x M), ONet on a dense 129^3 grid and ONet with MISE",
      "(32^3, two upsampling steps), in one run. Without --model/--onet-model the paper networks run with random",
      "weights; MISE's work depends on the surface, so give a trained ONet for a representative figure."
    })
final class ModelBenchCommand implements Callable<Integer> {
  @Option(names = "--model", description = "A trained Ray-ONet model folder (default: paper preset, random weights).")
  Path model;

  @Option(names = "--onet-model", description = "A trained ONet model folder (default: paper preset, random weights).")
  Path onetModel;

  @Option(names = "--image", description = "Image for the trained models (default: a grey square).")
  Path image;

  @Option(names = "--runs", defaultValue = "10", description = "Measured Ray-ONet and MISE runs. Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--dense-runs", defaultValue = "1",
      description = "Measured dense ONet runs (slow; 0 skips the dense pass). Default: ${DEFAULT-VALUE}.")
  int denseRuns;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--no-report", description = "Do not update BENCHMARKS.md.")
  boolean noReport;

  @Override
  public Integer call() throws Exception {
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
    }
    if (denseRuns < 0) {
      throw new IllegalArgumentException("--dense-runs must be 0 (skip the dense pass) or more, got " + denseRuns);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("machine", BenchmarkReport.machine());
    r.put("matmul_peak_gflops_per_s", matmulPeak());
    ReconstructOptions options = ReconstructOptions.DEFAULT;
    int rays = options.resolution() * options.resolution();

    try (TrainedModel ray = load(model, "rayonet")) {
      float[] img = input(ray);
      Timings t = Timings.measure(2, runs, () -> rayForward(ray, img, options));
      ModelConfig c = ray.config();
      double flops = ModelFlops.encoder(c) + ModelFlops.rayDecoder(c, rays);
      put(r, "rayonet", t);
      r.put("rayonet_params", ray.network().trainableParameterCount());
      r.put("rayonet_weights", model == null ? "random (paper preset)" : model.toString());
      r.put("rayonet_gflops", flops / 1e9);
      r.put("rayonet_gflops_per_s", flops / 1e9 / (t.medianMs() / 1000));
      r.put("peak_rss_mib_after_rayonet", ProcessMemory.peakRssMiB());
    }
    try (TrainedModel onet = load(onetModel, "onet")) {
      float[] img = input(onet);
      Reconstructor reconstructor = new Reconstructor(onet, options);
      long[] misePoints = new long[1];
      Timings mise = Timings.measure(1, runs, () -> misePoints[0] = miseForward(onet, reconstructor, img, options).pointsEvaluated());
      put(r, "onet_mise", mise);
      r.put("onet_mise_points", misePoints[0]);
      r.put("onet_params", onet.network().trainableParameterCount());
      r.put("onet_weights", onetModel == null ? "random (paper preset): MISE work not representative" : onetModel.toString());
      double rayMs = (double) r.get("rayonet_ms");
      r.put("speedup_vs_mise", mise.medianMs() / rayMs);
      if (denseRuns > 0) {
        Timings dense = Timings.measure(0, denseRuns, () -> denseForward(onet, reconstructor, img, options));
        put(r, "onet_dense", dense);
        long densePoints = (long) Math.pow(options.resolution() + 1, 3);
        double denseGflops = (ModelFlops.encoder(onet.config()) + ModelFlops.pointDecoder(onet.config(), densePoints)) / 1e9;
        r.put("onet_dense_gflops", denseGflops);
        r.put("onet_dense_gflops_per_s", denseGflops / (dense.medianMs() / 1000));
        r.put("speedup_vs_dense", dense.medianMs() / rayMs);
      }
      r.put("peak_rss_mib", ProcessMemory.peakRssMiB());
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    String md = markdown(r);
    System.out.println(json ? mapper.writeValueAsString(r) : md);
    if (!noReport) {
      BenchmarkReport.update(BenchmarkReport.defaultPath(), "model", md);
    }
    return 0;
  }

  private static TrainedModel load(Path dir, String arch) {
    return dir != null ? TrainedModel.load(dir) : TrainedModel.create(ModelInfo.untrained(ModelConfig.paper(arch)), 1);
  }

  private float[] input(TrainedModel m) throws IOException {
    int s = m.config().imageSize();
    if (image != null) {
      return dev.rayform.recon.image.ImagePreprocessor.prepare(dev.rayform.recon.image.ImageLoader.load(image), s).chw();
    }
    float[] chw = new float[3 * s * s];
    Random random = new Random(3);
    for (int i = 0; i < chw.length; i++) {
      chw[i] = (float) random.nextGaussian();
    }
    return chw;
  }

  private static void rayForward(TrainedModel m, float[] img, ReconstructOptions options) {
    int s = m.config().imageSize();
    try (NDManager sub = m.manager().newSubManager()) {
      NDList enc = m.network().encode(m.store(), sub.create(img, new Shape(1, 3, s, s)), false);
      new Reconstructor(m, options.withChunks(options.resolution() * options.resolution())).rayProbabilities(sub, enc, m.info().sMean());
    }
  }

  private static MiseResult miseForward(TrainedModel m, Reconstructor rec, float[] img, ReconstructOptions options) {
    int s = m.config().imageSize();
    try (NDManager sub = m.manager().newSubManager()) {
      NDArray z = m.network().encode(m.store(), sub.create(img, new Shape(1, 3, s, s)), false).get(0);
      return Mise.extract(Reconstructor.OBJECT_BOX, options.miseBase(), options.miseSteps(), options.threshold(),
          xyz -> rec.pointProbabilities(sub, z, xyz));
    }
  }

  private static void denseForward(TrainedModel m, Reconstructor rec, float[] img, ReconstructOptions options) {
    rec.onetDense(img);
  }

  /** GFLOP/s of a 1024^3 float32 matrix product, the machine's practical peak. */
  private static double matmulPeak() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomNormal(new Shape(1024, 1024)), b = m.randomNormal(new Shape(1024, 1024));
      Timings t = Timings.measure(2, 7, () -> {
        try (NDArray c = a.matMul(b)) {
          c.getFloat(0, 0);
        }
      });
      return 2.0 * 1024 * 1024 * 1024 / 1e9 / (t.minMs() / 1000);
    }
  }

  private static void put(Map<String, Object> r, String key, Timings t) {
    r.put(key + "_ms", t.medianMs());
    r.put(key + "_ms_min", t.minMs());
    r.put(key + "_ms_max", t.maxMs());
    r.put(key + "_runs", t.runs());
  }

  private String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder("## Model: Ray-ONet against ONet at 128^3\n\n");
    md.append("Machine: ").append(r.get("machine")).append("  \n");
    md.append("Command: `scripts/rayform bench model")
        .append(model != null ? " --model " + model : "").append(onetModel != null ? " --onet-model " + onetModel : "")
        .append(" --runs ").append(runs).append(denseRuns != 1 ? " --dense-runs " + denseRuns : "").append("`  \n");
    md.append(String.format("Weights: Ray-ONet %s; ONet %s%n%n", r.get("rayonet_weights"), r.get("onet_weights")));
    md.append("| network forward | min ms | median ms | max ms | GFLOP | GFLOP/s | params |\n|---|---|---|---|---|---|---|\n");
    md.append(String.format("| Ray-ONet, 128x128 rays x M | %.0f | %.0f | %.0f | %.1f | %.0f | %,d |%n", r.get("rayonet_ms_min"), r.get("rayonet_ms"),
        r.get("rayonet_ms_max"), r.get("rayonet_gflops"), r.get("rayonet_gflops_per_s"), (Long) r.get("rayonet_params")));
    md.append(String.format("| ONet with MISE (32^3, 2 steps; %,d points) | %.0f | %.0f | %.0f |  |  | %,d |%n", (Long) r.get("onet_mise_points"),
        r.get("onet_mise_ms_min"), r.get("onet_mise_ms"), r.get("onet_mise_ms_max"), (Long) r.get("onet_params")));
    boolean dense = r.containsKey("onet_dense_ms");
    if (dense) {
      md.append(String.format("| ONet dense 129^3 | %.0f | %.0f | %.0f | %.0f | %.0f | %,d |%n", r.get("onet_dense_ms_min"), r.get("onet_dense_ms"),
          r.get("onet_dense_ms_max"), r.get("onet_dense_gflops"), r.get("onet_dense_gflops_per_s"), (Long) r.get("onet_params")));
    }
    md.append(String.format("%nSpeed-up of Ray-ONet: %.1fx against ONet with MISE, %s. "
        + "Matmul peak (1024^3 fp32): %.0f GFLOP/s. Peak RSS: %.0f MiB after Ray-ONet, %.0f MiB at the end.%n",
        r.get("speedup_vs_mise"), dense ? String.format("%.0fx against dense ONet", r.get("speedup_vs_dense")) : "dense ONet not run (--dense-runs 0)",
        r.get("matmul_peak_gflops_per_s"), r.get("peak_rss_mib_after_rayonet"), r.get("peak_rss_mib")));
    return md.toString();
  }
}
