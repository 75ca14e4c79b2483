package dev.rayform.recon.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.rayform.recon.ReconException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A network with its parameters and {@link ModelInfo}, owning the native memory they live in. */
public final class TrainedModel implements AutoCloseable {
  private final ReconstructionNetwork network;
  private final ModelInfo info;
  private final NDManager manager;
  private final ParameterStore store;

  private TrainedModel(ReconstructionNetwork network, ModelInfo info, NDManager manager) {
    this.network = network;
    this.info = info;
    this.manager = manager;
    this.store = new ParameterStore(manager, false);
  }

  /** A freshly initialised network on DJL's default device; the seed makes its random weights reproducible. */
  public static TrainedModel create(ModelInfo info, long seed) {
    return create(info, seed, ComputeDevice.AUTO);
  }

  /**
   * A freshly initialised network whose parameters live on {@code device} (everything computed
   * from them follows: inputs are created in sub-managers of {@link #manager()}).
   *
   * @throws ReconException {@code gpu_unavailable} when {@code device} is gpu and there is none;
   *     {@code native_kernels_faulty} when libtorch computes wrong values on this CPU ({@link NativeKernelCheck})
   */
  public static TrainedModel create(ModelInfo info, long seed, ComputeDevice device) {
    Device on = device.resolve();
    Engine.getInstance().setRandomSeed((int) seed);
    NDManager manager = NDManager.newBaseManager(on);
    ReconstructionNetwork net = ReconstructionNetwork.create(info.config());
    net.initializeParameters(manager);
    NativeKernelCheck.require(net);
    return new TrainedModel(net, info, manager);
  }

  /** Loads {@code model.json} and {@code params.bin} of a model folder onto DJL's default device. */
  public static TrainedModel load(Path dir) {
    return load(dir, ComputeDevice.AUTO);
  }

  /** Loads {@code model.json} and {@code params.bin} of a model folder onto {@code device}. */
  public static TrainedModel load(Path dir, ComputeDevice device) {
    ModelInfo info = ModelInfo.read(dir);
    Path params = dir.resolve(ModelInfo.PARAMS);
    if (!Files.isRegularFile(params)) {
      throw new ReconException("model_not_found", dir + " has no " + ModelInfo.PARAMS);
    }
    TrainedModel model = create(info, 0, device);
    try {
      ParameterFile.load(model.network, params);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  public ReconstructionNetwork network() {
    return network;
  }

  public ModelConfig config() {
    return info.config();
  }

  public ModelInfo info() {
    return info;
  }

  /** The device its parameters live on. */
  public Device device() {
    return manager.getDevice();
  }

  public NDManager manager() {
    return manager;
  }

  public ParameterStore store() {
    return store;
  }

  @Override
  public void close() {
    manager.close();
  }
}
