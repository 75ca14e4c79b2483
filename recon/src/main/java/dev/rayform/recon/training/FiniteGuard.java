package dev.rayform.recon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.rayform.recon.ReconException;

/**
 * Stops training at the first non-finite number, before the optimiser spreads it into the weights,
 * and says where it appeared: the loss, or the first parameter whose gradient holds NaN or infinity
 * (with how many of its values). One sum per gradient, read back in one transfer.
 */
final class FiniteGuard {
  private FiniteGuard() {}

  /** @throws ReconException {@code training_diverged} naming the step and the tensor that went non-finite */
  static void require(long step, float loss, PairList<String, Parameter> parameters) {
    String gradient = firstNonFiniteGradient(parameters);
    if (Float.isFinite(loss) && gradient == null) {
      return;
    }
    String where = Float.isFinite(loss) ? gradient : "the loss is " + loss + (gradient == null ? "" : "; " + gradient);
    throw new ReconException("training_diverged", "step " + step + ": " + where
        + ". Lower the learning rate if the loss grew before this step; a non-finite gradient after a finite "
        + "loss points at the native kernels");
  }

  /** "the gradient of NAME has N non-finite values of M", or null when every gradient is finite. */
  static String firstNonFiniteGradient(PairList<String, Parameter> parameters) {
    PairList<String, NDArray> gradients = new PairList<>();
    for (Pair<String, Parameter> p : parameters) {
      if (p.getValue().requiresGradient()) {
        gradients.add(p.getKey(), p.getValue().getArray());
      }
    }
    if (gradients.isEmpty()) {
      return null;
    }
    // Every handle made here (getGradient makes one too) goes with this scope, not the model's manager.
    try (NDManager scope = gradients.get(0).getValue().getManager().newSubManager()) {
      NDList sums = new NDList();
      NDArray[] grads = new NDArray[gradients.size()];
      for (int i = 0; i < grads.length; i++) {
        grads[i] = gradients.get(i).getValue().getGradient();
        grads[i].attach(scope);
        NDArray sum = grads[i].sum();
        sum.attach(scope);
        sums.add(sum);
      }
      // A sum is finite only if every value is (an overflow to infinity counts as non-finite too).
      NDArray stacked = NDArrays.stack(sums);
      stacked.attach(scope);
      float[] totals = stacked.toFloatArray();
      for (int i = 0; i < totals.length; i++) {
        if (!Float.isFinite(totals[i])) {
          NDArray g = grads[i];
          NDArray bad = g.isNaN().logicalOr(g.isInfinite()).toType(DataType.INT64, false).sum();
          bad.attach(scope);
          return "the gradient of " + gradients.get(i).getKey() + " has " + bad.getLong() + " non-finite values of " + g.size();
        }
      }
      return null;
    }
  }
}
