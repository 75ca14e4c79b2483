package dev.rayform.recon.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.model.ModelConfig;
import dev.rayform.recon.model.ModelInfo;
import dev.rayform.recon.model.TrainedModel;
import org.junit.jupiter.api.Test;

/** A non-finite loss or gradient stops training at once, naming the step and the tensor. */
class FiniteGuardTest {
  @Test
  void aNonFiniteGradientBehindAFiniteLossIsNamedWithItsCount() {
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(ModelConfig.tiny("rayonet")), 1)) {
      Pair<String, Parameter> target = trainable(model, 3);
      NDArray w = target.getValue().getArray();
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        // sqrt(0 * w) is 0 everywhere, a finite loss, but its gradient 0 * 1/(2 sqrt(0)) is NaN.
        gc.backward(w.mul(0).sqrt().sum());
      }
      assertThat(FiniteGuard.firstNonFiniteGradient(model.network().getParameters()))
          .isEqualTo("the gradient of " + target.getKey() + " has " + w.size() + " non-finite values of " + w.size());
      assertThatThrownBy(() -> FiniteGuard.require(7, 0f, model.network().getParameters()))
          .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("training_diverged"))
          .hasMessageStartingWith("step 7: the gradient of " + target.getKey() + " has ");
    }
  }

  @Test
  void aNonFiniteLossStopsTheStepBeforeTheWeightsChange() {
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(ModelConfig.tiny("rayonet")), 1)) {
      int s = model.config().imageSize(), k = 8, m = model.config().m();
      float[] image = new float[3 * s * s];
      image[5] = Float.NaN;
      float[] positions = new float[2 * k];
      java.util.Arrays.fill(positions, 0.5f);
      TrainingData.Batch batch = new TrainingData.Batch(1, image, positions, new float[] {1.5f}, null, new float[k * m], k);
      float[] before = model.network().getParameters().get(0).getValue().getArray().toFloatArray();
      Adam adam = new Adam(model.manager(), 1e-3);
      assertThatThrownBy(() -> Trainer.trainStep(model, adam, batch, 3))
          .isInstanceOfSatisfying(ReconException.class, e -> assertThat(e.code()).isEqualTo("training_diverged"))
          .hasMessageStartingWith("step 3: the loss is NaN");
      assertThat(model.network().getParameters().get(0).getValue().getArray().toFloatArray()).containsExactly(before);
      assertThat(adam.step()).isZero();
    }
  }

  @Test
  void finiteGradientsPass() {
    try (TrainedModel model = TrainedModel.create(ModelInfo.untrained(ModelConfig.tiny("rayonet")), 1)) {
      NDArray w = trainable(model, 3).getValue().getArray();
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(w.mul(2).sum());
      }
      assertThat(FiniteGuard.firstNonFiniteGradient(model.network().getParameters())).isNull();
      FiniteGuard.require(1, 1f, model.network().getParameters());
    }
  }

  private static Pair<String, Parameter> trainable(TrainedModel model, int index) {
    return model.network().getParameters().stream().filter(p -> p.getValue().requiresGradient()).skip(index).findFirst().orElseThrow();
  }
}
