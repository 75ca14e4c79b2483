package dev.rayform.recon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba), as PyTorch computes it, with its state held here so checkpoints can save
 * and restore it exactly (DJL's optimisers keep theirs private). Gradients are zeroed after each
 * update.
 */
public final class Adam {
  private static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

  private final NDManager manager;
  private double lr;
  private final Map<String, NDArray> mean = new LinkedHashMap<>();
  private final Map<String, NDArray> variance = new LinkedHashMap<>();
  private long step;

  public Adam(NDManager manager, double lr) {
    this.manager = manager;
    this.lr = lr;
  }

  public long step() {
    return step;
  }

  /** Sets the learning rate of the next updates (schedules). */
  public void setLearningRate(double value) {
    lr = value;
  }

  /** One update of every trainable parameter from its accumulated gradient. */
  public void update(PairList<String, Parameter> parameters) {
    dev.rayform.recon.model.GradMode.off(() -> updateWithoutGrad(parameters));
  }

  private void updateWithoutGrad(PairList<String, Parameter> parameters) {
    step++;
    double bc1 = 1 - Math.pow(BETA1, step), bc2 = 1 - Math.pow(BETA2, step);
    for (Pair<String, Parameter> p : parameters) {
      if (!p.getValue().requiresGradient()) {
        continue;
      }
      NDArray w = p.getValue().getArray();
      try (NDManager scope = manager.newSubManager()) {
        NDArray g = w.getGradient();
        g.attach(scope);
        NDArray m = mean.computeIfAbsent(p.getKey(), k -> manager.zeros(w.getShape()));
        NDArray v = variance.computeIfAbsent(p.getKey(), k -> manager.zeros(w.getShape()));
        m.muli(BETA1).addi(g.mul(1 - BETA1));
        v.muli(BETA2).addi(g.square().muli(1 - BETA2));
        NDArray denom = v.sqrt();
        denom.attach(scope);
        denom.divi(Math.sqrt(bc2)).addi(EPS);
        NDArray update = m.div(denom);
        update.attach(scope);
        w.subi(update.muli(lr / bc1));
        g.subi(g);
      }
    }
  }

  /** The state to checkpoint: step, and per parameter its first and second moments. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> s = new LinkedHashMap<>();
    mean.forEach((k, v) -> s.put("m/" + k, v));
    variance.forEach((k, v) -> s.put("v/" + k, v));
    return s;
  }

  /** Restores moments and the step count saved by {@link #state()}. */
  public void restore(long savedStep, Map<String, float[]> moments, Map<String, ai.djl.ndarray.types.Shape> shapes) {
    step = savedStep;
    moments.forEach((key, values) -> {
      NDArray a = manager.create(values, shapes.get(key));
      if (key.startsWith("m/")) {
        mean.put(key.substring(2), a);
      } else if (key.startsWith("v/")) {
        variance.put(key.substring(2), a);
      }
    });
  }
}
