package dev.rayform.recon.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.rayform.recon.ReconException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-check of libtorch's CPU convolution kernels, run once per process for every convolution
 * shape of a network before the network is used: the convolution's output and both of its gradients,
 * on fixed random data at the layer's real size, against sums computed directly in Java.
 *
 * <p>Why: on AMD Zen 5 (EPYC, CPU family 26) the oneDNN inside libtorch 2.7.1 (the newest DJL carries)
 * computes wrong convolutions, sometimes NaN and different from run to run, whenever the channels a
 * kernel sums over do not fill its vector registers: with AVX-512, fewer or more than a multiple of 16
 * (the input gradient of a layer with 8 output channels is 7-34% off; the output of one with 24 input
 * channels 10-20%); capped at AVX2 ({@code DNNL_MAX_CPU_ISA=AVX2}), anything but a multiple of 8;
 * capped at SSE4.1, nothing in 420 shapes tried. Full channel blocks are right at every level. So
 * every network's widths are multiples of 16 ({@link ModelConfig}), which keeps oneDNN's fast kernels,
 * and this check proves it on the machine at hand: a network whose convolutions disagree with the
 * reference is refused with {@code native_kernels_faulty} before it trains on garbage or returns it.
 */
public final class NativeKernelCheck {
  /** Largest error allowed, relative to the reference's largest magnitude (float rounding is ~1e-6). */
  static final double TOLERANCE = 1e-3;
  /** Batch of the check: more than one, as oneDNN chooses other kernels for a single image. */
  static final int BATCH = 2;
  /** Elements compared per result; every element of a smaller one. */
  static final int SAMPLES = 768;

  private static final Logger LOG = LoggerFactory.getLogger(NativeKernelCheck.class);
  private static final Map<Case, Result> CHECKED = new ConcurrentHashMap<>();

  private NativeKernelCheck() {}

  /** One convolution shape: NCHW input {@code [batch, in, side, side]}, {@code out} filters, square kernel, stride and padding. */
  public record Case(int batch, int in, int out, int side, int kernel, int stride, int pad) {
    int outSide() {
      return (side + 2 * pad - kernel) / stride + 1;
    }

    float[] input() {
      return uniform(batch * in * side * side, 11);
    }

    float[] weight() {
      return uniform(out * in * kernel * kernel, 12);
    }

    /** The upstream gradient: the loss is {@code sum(conv(x, w) * r)}. */
    float[] upstream() {
      return uniform(batch * out * outSide() * outSide(), 13);
    }

    private static float[] uniform(int n, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      float[] a = new float[n];
      for (int i = 0; i < n; i++) {
        a[i] = (float) (random.nextDouble() * 2 - 1);
      }
      return a;
    }

    @Override
    public String toString() {
      return String.format("conv %dx%d/%d, %d -> %d channels, input %dx%d", kernel, kernel, stride, in, out, side, side);
    }
  }

  /** What the check found: the worst relative error of each of the three results. */
  public record Result(double forward, double inputGradient, double weightGradient) {
    public boolean passed() {
      // NaN compares false, so a NaN anywhere fails.
      return forward <= TOLERANCE && inputGradient <= TOLERANCE && weightGradient <= TOLERANCE;
    }

    @Override
    public String toString() {
      return String.format("relative error: output %.2g, input gradient %.2g, weight gradient %.2g (tolerance %.0e)",
          forward, inputGradient, weightGradient, TOLERANCE);
    }
  }

  /** The expected value of one element of each result, by flat NCHW (OIHW for weights) index. */
  interface Reference {
    double output(int index);

    double inputGradient(int index);

    double weightGradient(int index);
  }

  /**
   * Checks every convolution shape of {@code network} not yet checked in this process (a few tenths of a
   * second for the {@code cpu} preset, once).
   *
   * @throws ReconException {@code native_kernels_faulty} when libtorch computes one of them wrongly here
   */
  public static void require(Block network) {
    for (Case c : cases(network)) {
      Result result = CHECKED.computeIfAbsent(c, k -> run(k, exact(k)));
      require(c, result);
    }
  }

  static void require(Case c, Result result) {
    if (!result.passed()) {
      throw new ReconException("native_kernels_faulty", "libtorch computes the " + c + " wrongly on this processor ("
          + result + "); its oneDNN kernels are faulty here. Networks whose widths are multiples of 16 avoid the "
          + "known fault; otherwise start the JVM with DNNL_MAX_CPU_ISA=SSE41 in its environment");
    }
    LOG.debug("native kernel self-check passed for the {}: {}", c, result);
  }

  /** The distinct convolution shapes of an initialised network, at batch {@link #BATCH}. */
  static Set<Case> cases(Block block) {
    Set<Case> out = new LinkedHashSet<>();
    collect(block, out);
    return out;
  }

  private static void collect(Block block, Set<Case> out) {
    if (block instanceof Conv2d conv) {
      Shape in = conv.getInputShapes()[0];
      if (in.get(2) != in.get(3) || conv.getGroups() != 1 || conv.getKernelShape().get(0) != conv.getKernelShape().get(1)) {
        throw new IllegalStateException("the kernel check covers square, ungrouped convolutions only: " + in);
      }
      out.add(new Case(BATCH, (int) in.get(1), conv.getFilters(), (int) in.get(2), (int) conv.getKernelShape().get(0),
          (int) conv.getStride().get(0), (int) conv.getPadding().get(0)));
    }
    block.getChildren().values().forEach(child -> collect(child, out));
  }

  /** The convolution of {@code c} in libtorch on the CPU, compared with {@code expected}. */
  static Result run(Case c, Reference expected) {
    Engine.getInstance(); // loads libtorch
    // libtorch's autograd switch is per thread; no gradient collector, as DJL allows one per process
    // and a training run on another thread may hold it.
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray x = m.create(c.input(), new Shape(c.batch(), c.in(), c.side(), c.side()));
      NDArray w = m.create(c.weight(), new Shape(c.out(), c.in(), c.kernel(), c.kernel()));
      NDArray r = m.create(c.upstream(), new Shape(c.batch(), c.out(), c.outSide(), c.outSide()));
      x.setRequiresGradient(true);
      w.setRequiresGradient(true);
      NDArray y = Conv2d.conv2d(x, w, null, new Shape(c.stride(), c.stride()), new Shape(c.pad(), c.pad()),
          new Shape(1, 1), 1).singletonOrThrow();
      NDArray loss = y.mul(r).sum();
      JniUtils.backward((PtNDArray) loss, (PtNDArray) m.ones(loss.getShape()), false, false);
      return new Result(relativeError(y.toFloatArray(), expected::output),
          relativeError(x.getGradient().toFloatArray(), expected::inputGradient),
          relativeError(w.getGradient().toFloatArray(), expected::weightGradient));
    } finally {
      JniUtils.setGradMode(was);
    }
  }

  /**
   * The worst absolute difference at up to {@link #SAMPLES} spread elements over the largest expected
   * magnitude there; NaN when anything at all is not finite.
   */
  static double relativeError(float[] actual, java.util.function.IntToDoubleFunction expected) {
    for (float v : actual) {
      if (!Float.isFinite(v)) {
        return Double.NaN;
      }
    }
    int n = actual.length, samples = Math.min(n, SAMPLES);
    SplittableRandom random = new SplittableRandom(14);
    double scale = 0, worst = 0;
    for (int s = 0; s < samples; s++) {
      int i = samples == n ? s : random.nextInt(n);
      double e = expected.applyAsDouble(i);
      scale = Math.max(scale, Math.abs(e));
      worst = Math.max(worst, Math.abs(actual[i] - e));
    }
    return worst / Math.max(scale, 1e-30);
  }

  /** The convolution's sums, element by element, in double precision. */
  static Reference exact(Case c) {
    return exact(c, c.input(), c.weight(), c.upstream());
  }

  /** The same for given input {@code x}, weights {@code w} and upstream gradient {@code r}. */
  static Reference exact(Case c, float[] x, float[] w, float[] r) {
    int ci = c.in(), co = c.out(), s = c.side(), os = c.outSide(), k = c.kernel(), st = c.stride(), pad = c.pad();
    return new Reference() {
      @Override
      public double output(int index) {
        int j = index % os, i = index / os % os, o = index / (os * os) % co, b = index / (os * os * co);
        double sum = 0;
        for (int q = 0; q < ci; q++) {
          for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
              int yi = i * st + u - pad, xj = j * st + v - pad;
              if (yi >= 0 && yi < s && xj >= 0 && xj < s) {
                sum += (double) x[((b * ci + q) * s + yi) * s + xj] * w[((o * ci + q) * k + u) * k + v];
              }
            }
          }
        }
        return sum;
      }

      @Override
      public double inputGradient(int index) {
        int xj = index % s, yi = index / s % s, q = index / (s * s) % ci, b = index / (s * s * ci);
        double sum = 0;
        for (int o = 0; o < co; o++) {
          for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
              int ti = yi + pad - u, tj = xj + pad - v;
              if (ti >= 0 && tj >= 0 && ti % st == 0 && tj % st == 0 && ti / st < os && tj / st < os) {
                sum += (double) r[((b * co + o) * os + ti / st) * os + tj / st] * w[((o * ci + q) * k + u) * k + v];
              }
            }
          }
        }
        return sum;
      }

      @Override
      public double weightGradient(int index) {
        int v = index % k, u = index / k % k, q = index / (k * k) % ci, o = index / (k * k * ci);
        double sum = 0;
        for (int b = 0; b < c.batch(); b++) {
          for (int i = 0; i < os; i++) {
            for (int j = 0; j < os; j++) {
              int yi = i * st + u - pad, xj = j * st + v - pad;
              if (yi >= 0 && yi < s && xj >= 0 && xj < s) {
                sum += (double) r[((b * co + o) * os + i) * os + j] * x[((b * ci + q) * s + yi) * s + xj];
              }
            }
          }
        }
        return sum;
      }
    };
  }
}
