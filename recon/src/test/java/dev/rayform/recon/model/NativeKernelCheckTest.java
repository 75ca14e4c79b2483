package dev.rayform.recon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.rayform.recon.ReconException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The self-check that guards against libtorch computing convolutions wrongly (oneDNN on Zen 5): its
 * reference is exact, libtorch agrees with it on every convolution of the shipped presets, and a
 * disagreement refuses the network with a stable code.
 */
class NativeKernelCheckTest {
  @Test
  void theReferenceIsExactOnAnIdentityKernel() {
    // A 3x3 kernel whose centre copies input channel q to output channel q: y = x, dx = r, and the
    // gradient of w[q][q] at the centre is sum(r_q x_q).
    NativeKernelCheck.Case c = new NativeKernelCheck.Case(2, 3, 3, 4, 3, 1, 1);
    float[] x = c.input(), r = c.upstream(), w = new float[3 * 3 * 9];
    for (int q = 0; q < 3; q++) {
      w[(q * 3 + q) * 9 + 4] = 1;
    }
    NativeKernelCheck.Reference ref = NativeKernelCheck.exact(c, x, w, r);
    for (int i = 0; i < x.length; i++) {
      assertThat(ref.output(i)).isEqualTo(x[i]);
      assertThat(ref.inputGradient(i)).isEqualTo(r[i]);
    }
    double centre = 0;
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < 16; i++) {
        centre += (double) r[b * 3 * 16 + i] * x[b * 3 * 16 + i];
      }
    }
    assertThat(ref.weightGradient(4)).isEqualTo(centre, within(1e-12));
  }

  @Test
  void theReferenceIsExactOnAStridedPick() {
    // A 1x1 kernel of weight 1 with stride 2 picks every other pixel: y[i][j] = x[2i][2j]; the input
    // gradient is r at the picked pixels and 0 elsewhere.
    NativeKernelCheck.Case c = new NativeKernelCheck.Case(1, 1, 1, 4, 1, 2, 0);
    float[] x = c.input(), r = c.upstream();
    NativeKernelCheck.Reference ref = NativeKernelCheck.exact(c, x, new float[] {1}, r);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertThat(ref.output(i * 2 + j)).isEqualTo(x[2 * i * 4 + 2 * j]);
        assertThat(ref.inputGradient(2 * i * 4 + 2 * j)).isEqualTo(r[i * 2 + j]);
        assertThat(ref.inputGradient(2 * i * 4 + 2 * j + 1)).isZero();
      }
    }
  }

  @Test
  void libtorchAgreesWithTheReferenceOnEveryConvolutionOfThePresets() {
    for (String preset : new String[] {"tiny", "cpu"}) {
      ReconstructionNetwork net = ReconstructionNetwork.create(ModelConfig.preset(preset, ModelConfig.RAYONET));
      try (NDManager m = NDManager.newBaseManager()) {
        net.initializeParameters(m);
        Set<NativeKernelCheck.Case> cases = NativeKernelCheck.cases(net);
        // The stem, two per stage (stride 1 and 2), two shortcuts... and the local map's 1x1 reduction.
        assertThat(cases).hasSizeGreaterThanOrEqualTo(9);
        for (NativeKernelCheck.Case c : cases) {
          NativeKernelCheck.Result result = NativeKernelCheck.run(c, NativeKernelCheck.exact(c));
          assertThat(result.passed()).as(preset + ": " + c + ": " + result).isTrue();
          assertThat(result.forward()).as(c.toString()).isLessThan(1e-5);
        }
        NativeKernelCheck.require(net);
      }
    }
  }

  @Test
  void aDisagreementRefusesTheNetworkWithAStableCode() {
    // The check fed a wrong reference stands for what the kernels compute on an affected processor.
    NativeKernelCheck.Case c = new NativeKernelCheck.Case(2, 8, 8, 12, 3, 1, 1);
    NativeKernelCheck.Reference right = NativeKernelCheck.exact(c);
    NativeKernelCheck.Reference wrong = new NativeKernelCheck.Reference() {
      @Override
      public double output(int index) {
        return right.output(index);
      }

      @Override
      public double inputGradient(int index) {
        return right.inputGradient(index) * (index % 7 == 0 ? 1.1 : 1);
      }

      @Override
      public double weightGradient(int index) {
        return right.weightGradient(index);
      }
    };
    NativeKernelCheck.Result result = NativeKernelCheck.run(c, wrong);
    assertThat(result.passed()).isFalse();
    assertThat(result.forward()).isLessThan(1e-5);
    assertThat(result.inputGradient()).isGreaterThan(1e-3);
    assertThatThrownBy(() -> NativeKernelCheck.require(c, result))
        .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("native_kernels_faulty"))
        .hasMessageContaining("conv 3x3/1, 8 -> 8 channels")
        .hasMessageContaining("DNNL_MAX_CPU_ISA=SSE41");
  }

  @Test
  void aNonFiniteValueAnywhereFailsTheCheck() {
    assertThat(NativeKernelCheck.relativeError(new float[] {1, Float.NaN}, i -> i + 1)).isNaN();
    assertThat(new NativeKernelCheck.Result(0, Double.NaN, 0).passed()).isFalse();
    assertThat(NativeKernelCheck.relativeError(new float[] {1, 2.002f}, i -> i + 1)).isCloseTo(1e-3, within(1e-6));
  }
}
