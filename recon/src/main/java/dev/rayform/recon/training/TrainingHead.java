package dev.rayform.recon.training;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * A block trained beside the network for its loss alone and never shipped ({@link EncoderHeads},
 * {@link CategoryGuidance}): Adam updates its parameters with the network's, under names of its
 * own, and checkpoints keep them in a file of its own so a resumed run continues them.
 */
public interface TrainingHead extends Block {
  /** The file in a checkpoint folder that holds this head's parameters. */
  String file();

  /** The prefix of this head's parameter names in the optimiser's state, apart from the network's. */
  String prefix();

  /** The head's parameters under names that cannot clash with the network's (for Adam). */
  default PairList<String, Parameter> optimised() {
    PairList<String, Parameter> out = new PairList<>();
    for (Pair<String, Parameter> p : getParameters()) {
      out.add(prefix() + p.getKey(), p.getValue());
    }
    return out;
  }
}
