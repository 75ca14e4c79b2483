package dev.rayform.workers.jobs;

import dev.rayform.recon.model.ComputeDevice;
import dev.rayform.recon.model.TrainedModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Loaded models kept between jobs (loading costs a second; a catalogue runs thousands of jobs),
 * least recently used evicted beyond {@code capacity}. Use is serialised per model: a network's
 * forward passes share its parameter store. Models are loaded onto one {@link ComputeDevice}.
 */
public final class ModelCache implements AutoCloseable {
  private final int capacity;
  private final ComputeDevice device;
  private final Map<Path, TrainedModel> models = new LinkedHashMap<>(16, 0.75f, true);

  /** A cache on DJL's default device ({@code auto}). */
  public ModelCache(int capacity) {
    this(capacity, ComputeDevice.AUTO);
  }

  public ModelCache(int capacity, ComputeDevice device) {
    this.capacity = capacity;
    this.device = java.util.Objects.requireNonNull(device, "device");
  }

  public ComputeDevice device() {
    return device;
  }

  /** Runs {@code work} with the model of {@code dir}, loading it if needed. */
  public <T> T with(Path dir, Function<TrainedModel, T> work) {
    TrainedModel model;
    synchronized (models) {
      model = models.get(dir.toAbsolutePath());
      if (model == null) {
        model = TrainedModel.load(dir, device);
        models.put(dir.toAbsolutePath(), model);
        evict();
      }
    }
    synchronized (model) {
      return work.apply(model);
    }
  }

  private void evict() {
    while (models.size() > capacity) {
      Path eldest = models.keySet().iterator().next();
      TrainedModel m = models.remove(eldest);
      synchronized (m) {
        m.close();
      }
    }
  }

  @Override
  public void close() {
    synchronized (models) {
      models.values().forEach(TrainedModel::close);
      models.clear();
    }
  }
}
