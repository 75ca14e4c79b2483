package dev.rayform.recon.training;

import dev.rayform.recon.util.FileTrees;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.model.ParameterFile;
import dev.rayform.recon.model.TrainedModel;
import dev.rayform.recon.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checkpoints under {@code MODELDIR/checkpoints/step-NNNNNNNN/}: {@code params.bin} (every weight
 * and batch-norm statistic, float32), {@code optimizer.bin} (Adam's moments) and {@code state.json}
 * (step, Adam's step, seed, wall time), and a file per {@link TrainingHead} the run trains. The batch of a step is a function of (seed, step), so this
 * is the whole random state. A checkpoint folder is written under a temporary name and renamed when
 * complete: a crash never leaves a half checkpoint that resume would pick.
 */
public final class Checkpoints {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Checkpoints() {}

  /** What resume needs besides the tensors. */
  public record State(long step, long adamStep, long seed, double wallSeconds) {}

  static Path dir(Path out) {
    return out.resolve("checkpoints");
  }

  public static void save(Path out, TrainedModel model, Adam adam, long step, long seed, double seconds, int keep) {
    save(out, model, adam, List.of(), step, seed, seconds, keep);
  }

  /** As {@link #save(Path, TrainedModel, Adam, long, long, double, int)}, with the weights of the heads trained beside the network. */
  public static void save(Path out, TrainedModel model, Adam adam, List<? extends TrainingHead> heads, long step, long seed, double seconds,
      int keep) {
    Path target = dir(out).resolve(String.format("step-%08d", step));
    Path tmp = dir(out).resolve(String.format(".step-%08d.part", step));
    try {
      FileTrees.delete(tmp);
      Files.createDirectories(tmp);
      ParameterFile.save(model.network(), tmp.resolve("params.bin"), false);
      ParameterFile.save(adam.state(), tmp.resolve("optimizer.bin"), false);
      for (TrainingHead head : heads) {
        ParameterFile.save(head, tmp.resolve(head.file()), false);
      }
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("step", step);
      state.put("adam_step", adam.step());
      state.put("seed", seed);
      state.put("wall_seconds", seconds);
      state.put("rng", "the batch of step t is drawn from SplittableRandom(mix(seed, \"batch\", t))");
      AtomicFiles.write(tmp.resolve("state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
      FileTrees.delete(target);
      Files.move(tmp, target);
      List<Path> all = list(out);
      for (int i = 0; i < all.size() - keep; i++) {
        FileTrees.delete(all.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }

  /** The newest complete checkpoint, or null. */
  public static Path latest(Path out) {
    List<Path> all = list(out);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** The step a checkpoint was taken at. */
  public static long restoreStep(Path checkpoint) {
    try {
      return JSON.readTree(checkpoint.resolve("state.json").toFile()).get("step").asLong();
    } catch (IOException | NullPointerException e) {
      throw new ReconException("checkpoint_corrupt", "cannot read " + checkpoint.resolve("state.json"), e);
    }
  }

  /** Loads weights and optimiser state into a freshly created model and optimiser. */
  public static State restore(Path checkpoint, TrainedModel model, Adam adam) {
    return restore(checkpoint, model, adam, List.of());
  }

  /**
   * As {@link #restore(Path, TrainedModel, Adam)}, and the weights of each head the checkpoint has
   * (a run that turns a head on when resumed starts it afresh).
   */
  public static State restore(Path checkpoint, TrainedModel model, Adam adam, List<? extends TrainingHead> heads) {
    ParameterFile.load(model.network(), checkpoint.resolve("params.bin"));
    for (TrainingHead head : heads) {
      if (Files.exists(checkpoint.resolve(head.file()))) {
        ParameterFile.load(head, checkpoint.resolve(head.file()));
      }
    }
    State state;
    try {
      var node = JSON.readTree(checkpoint.resolve("state.json").toFile());
      state = new State(node.get("step").asLong(), node.get("adam_step").asLong(), node.get("seed").asLong(),
          node.get("wall_seconds").asDouble());
    } catch (IOException | NullPointerException e) {
      throw new ReconException("checkpoint_corrupt", "cannot read " + checkpoint.resolve("state.json"), e);
    }
    Map<String, float[]> values = new HashMap<>();
    Map<String, Shape> shapes = new HashMap<>();
    for (Map.Entry<String, Pair<Shape, float[]>> e : ParameterFile.read(checkpoint.resolve("optimizer.bin")).entrySet()) {
      values.put(e.getKey(), e.getValue().getValue());
      shapes.put(e.getKey(), e.getValue().getKey());
    }
    adam.restore(state.adamStep(), values, shapes);
    return state;
  }

  /** Drops metric lines logged after {@code step} (they belong to the run being replaced). */
  static void truncateMetrics(Path out, long step) {
    Path file = out.resolve("metrics.jsonl");
    if (!Files.exists(file)) {
      return;
    }
    try {
      StringBuilder kept = new StringBuilder();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && JSON.readTree(line).path("step").asLong() <= step) {
          kept.append(line).append('\n');
        }
      }
      AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
  }

  private static List<Path> list(Path out) {
    Path d = dir(out);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().startsWith("step-") && Files.exists(p.resolve("state.json")))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + d, e);
    }
  }
}
