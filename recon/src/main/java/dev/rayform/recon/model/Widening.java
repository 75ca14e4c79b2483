package dev.rayform.recon.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.model.encoder.ResNet18;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Grows a trained network into a wider one of the same design (more channels in H, a wider C, J and
 * D) so that the wider network computes exactly what the narrow one did, and then has room to learn
 * more: a warm start for a capacity step (Net2Net's idea, with new units read through zero weights
 * instead of copies of old ones).
 *
 * <p>The rule, per weight {@code [out, in, ...]}: the trained block goes to the old units' rows and
 * the columns of the old inputs; an old unit reads every new input through a zero weight, so its
 * value is unchanged; a new unit keeps its fresh random weights. Batch-norm statistics and biases
 * of the old units are copied, the new ones keep their initial values. Two exceptions:
 * <ul>
 *   <li>inputs that are concatenations (the four local levels into W, {@code [C_p, p]} into J,
 *       {@code [z, s]} into the CBN layers) map each part to its own place in the wider layout;
 *   <li>W's new output channels start at zero, because C_p is L2-normalised over all its channels
 *       and a random new channel would change the old ones' scale.
 * </ul>
 * The same rule turns the global code z on in a Ray-ONet trained without it ({@code no-global}): D
 * reads z through zero weights, so the network still predicts what it did until training teaches it
 * to use z; and the camera elevation on ({@link CameraCondition}: two columns after s, read
 * through zero weights the same way). Everything else that is not a width (architecture, input size, block counts, depths, the
 * other ablations) must be the same.
 */
public final class Widening {
  private static final String LOCAL_REDUCE = "local_reduce_";
  private static final String MIXER_INPUT = "mixer_01fc_in_weight";
  private static final String CBN_GAMMA = "gamma_weight";
  private static final String CBN_BETA = "beta_weight";

  private Widening() {}

  /**
   * A warm start: loads the trained model in {@code modelDir} into {@code network}, as it is when
   * every shape matches, widened when {@code network} is a wider config of the same design. Returns
   * whether it widened.
   */
  public static boolean loadInto(ReconstructionNetwork network, Path modelDir) {
    Map<String, Pair<Shape, float[]>> tensors = ParameterFile.read(modelDir.resolve(ModelInfo.PARAMS));
    boolean sameShapes = true;
    for (Pair<String, Parameter> p : network.getParameters()) {
      Pair<Shape, float[]> t = tensors.get(p.getKey());
      sameShapes &= t != null && t.getKey().equals(p.getValue().getArray().getShape());
    }
    if (sameShapes) {
      ParameterFile.load(network, tensors, modelDir.resolve(ModelInfo.PARAMS).toString());
      return false;
    }
    widen(ModelInfo.read(modelDir).config(), tensors, network);
    return true;
  }

  /**
   * Throws {@code model_mismatch} unless {@code to} is {@code from} with every width the same or
   * larger, and z used where {@code from} used it (or, for a Ray-ONet conditioned on s, turned on).
   */
  public static void requireWidenable(ModelConfig from, ModelConfig to) {
    boolean zTurnedOn = from.isRayOnet() && from.useScale() && !from.useGlobal() && to.useGlobal();
    boolean elevationTurnedOn = from.isRayOnet() && from.useScale() && !from.useElevation() && to.useElevation();
    boolean sameDesign = from.withWidths(to.baseWidth(), to.latentDim(), to.localDim(), to.hidden())
        .withAblation(from.useScale(), from.useGlobal() || zTurnedOn, from.useLocal())
        .withElevation(from.useElevation() || elevationTurnedOn).equals(to);
    if (!sameDesign) {
      throw new ReconException("model_mismatch", "cannot widen " + from + " into " + to
          + ": only the widths (base_width, latent_dim, local_dim, hidden) may differ, and z or the camera elevation be turned on");
    }
    if (from.baseWidth() > to.baseWidth() || from.latentDim() > to.latentDim() || from.localDim() > to.localDim()
        || from.hidden() > to.hidden()) {
      throw new ReconException("model_mismatch", "cannot widen " + from + " into " + to + ": a width would shrink");
    }
  }

  /**
   * Writes the trained {@code tensors} of a network of config {@code from} into {@code target}, an
   * initialised network of a wider config, following the class's rule.
   */
  public static void widen(ModelConfig from, Map<String, Pair<Shape, float[]>> tensors, ReconstructionNetwork target) {
    ModelConfig to = target.config();
    requireWidenable(from, to);
    for (Pair<String, Parameter> p : target.getParameters()) {
      String name = p.getKey();
      Pair<Shape, float[]> trained = tensors.get(name);
      if (trained == null) {
        throw new ReconException("model_mismatch", "the trained network has no tensor " + name);
      }
      NDArray array = p.getValue().getArray();
      long[] source = trained.getKey().getShape();
      long[] wide = array.getShape().getShape();
      if (Arrays.equals(source, wide)) {
        array.set(trained.getValue());
        continue;
      }
      if (source.length != wide.length || source[0] > wide[0]) {
        throw new ReconException("model_mismatch", name + ": cannot widen " + trained.getKey() + " into " + array.getShape());
      }
      int[] inputs = source.length > 1 ? inputMap(name, from, to, (int) source[1], (int) wide[1]) : null;
      float[] values = array.toFloatArray();
      widenInto(name, source, wide, trained.getValue(), values, inputs);
      if (name.contains(LOCAL_REDUCE)) {
        zeroNewRows(source, wide, values);
      }
      array.set(values);
    }
  }

  /**
   * The trained {@code tensors} of a network of config {@code from} as the same network with the
   * camera elevation turned on holds them, without building either: D's CBN weights read the two new
   * inputs through zero columns (the class's rule), every other tensor is as it was, so the result
   * predicts what {@code from} did. What a weight average of networks with and without the input needs.
   *
   * @throws ReconException {@code model_mismatch} when {@code from} cannot read the elevation (not a
   *     Ray-ONet conditioned on s) or already does
   */
  public static Map<String, Pair<Shape, float[]>> openElevationColumns(ModelConfig from, Map<String, Pair<Shape, float[]>> tensors) {
    if (from.useElevation() || !from.isRayOnet() || !from.useScale()) {
      throw new ReconException("model_mismatch", from + " cannot be given the camera elevation: "
          + (from.useElevation() ? "it reads it already" : "only a Ray-ONet conditioned on s reads it"));
    }
    ModelConfig to = from.withElevation(true);
    int added = to.cameraInputs() - from.cameraInputs();
    Map<String, Pair<Shape, float[]>> out = new LinkedHashMap<>();
    tensors.forEach((name, t) -> {
      long[] source = t.getKey().getShape();
      boolean condition = (name.endsWith(CBN_GAMMA) || name.endsWith(CBN_BETA)) && source.length == 2;
      if (!condition) {
        out.put(name, t);
        return;
      }
      long[] wide = {source[0], source[1] + added};
      float[] values = new float[Math.toIntExact(wide[0] * wide[1])];
      widenInto(name, source, wide, t.getValue(), values, inputMap(name, from, to, (int) source[1], (int) wide[1]));
      out.put(name, new Pair<>(new Shape(wide), values));
    });
    return out;
  }

  private static void widenInto(String name, long[] source, long[] wide, float[] from, float[] into, int[] inputs) {
    if (source.length == 1) {
      System.arraycopy(from, 0, into, 0, (int) source[0]);
      return;
    }
    int inner = 1;
    for (int d = 2; d < source.length; d++) {
      if (source[d] != wide[d]) {
        throw new ReconException("model_mismatch", name + ": kernel " + Arrays.toString(source) + " differs from " + Arrays.toString(wide));
      }
      inner *= (int) source[d];
    }
    int oldIn = (int) source[1], newIn = (int) wide[1];
    for (int o = 0; o < source[0]; o++) {
      Arrays.fill(into, o * newIn * inner, (o + 1) * newIn * inner, 0f);
      for (int i = 0; i < oldIn; i++) {
        System.arraycopy(from, (o * oldIn + i) * inner, into, (o * newIn + inputs[i]) * inner, inner);
      }
    }
  }

  private static void zeroNewRows(long[] source, long[] wide, float[] values) {
    int row = 1;
    for (int d = 1; d < wide.length; d++) {
      row *= (int) wide[d];
    }
    Arrays.fill(values, (int) source[0] * row, values.length, 0f);
  }

  /** Where each old input column goes in the wide layout. */
  private static int[] inputMap(String name, ModelConfig from, ModelConfig to, int oldIn, int newIn) {
    int[] oldParts = {oldIn};
    int[] newParts = {newIn};
    if (name.contains(LOCAL_REDUCE)) {
      oldParts = levelChannels(from);
      newParts = levelChannels(to);
    } else if (name.endsWith(MIXER_INPUT) && from.useLocal()) {
      oldParts = new int[] {from.localDim(), oldIn - from.localDim()};
      newParts = new int[] {to.localDim(), newIn - to.localDim()};
    } else if ((name.endsWith(CBN_GAMMA) || name.endsWith(CBN_BETA)) && from.isRayOnet() && from.useScale()) {
      oldParts = new int[] {from.useGlobal() ? from.latentDim() : 0, from.cameraInputs()};
      newParts = new int[] {to.useGlobal() ? to.latentDim() : 0, to.cameraInputs()};
    }
    if (Arrays.stream(oldParts).sum() != oldIn || Arrays.stream(newParts).sum() != newIn) {
      throw new ReconException("model_mismatch", name + ": inputs " + oldIn + " -> " + newIn + " do not split as "
          + Arrays.toString(oldParts) + " -> " + Arrays.toString(newParts));
    }
    int[] map = new int[oldIn];
    int o = 0, n = 0;
    for (int part = 0; part < oldParts.length; part++) {
      if (oldParts[part] > newParts[part]) {
        throw new ReconException("model_mismatch", name + ": input part " + part + " would shrink");
      }
      for (int i = 0; i < oldParts[part]; i++) {
        map[o + i] = n + i;
      }
      o += oldParts[part];
      n += newParts[part];
    }
    return map;
  }

  /** Channels of the stem and layer1..3, the local levels W reduces, in order. */
  private static int[] levelChannels(ModelConfig c) {
    return Arrays.copyOf(ResNet18.channels(c.baseWidth()), 4);
  }
}
