package dev.rayform.recon.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.rayform.recon.ReconException;
import java.util.Locale;

/**
 * Where networks run: {@code cpu}, {@code gpu} (the first CUDA device; an error when libtorch sees
 * none) or {@code auto} (the first GPU when libtorch sees one, else the CPU: DJL's default).
 * Whether libtorch can see a GPU at all depends on the native library on the classpath: the default
 * build carries the CPU one, the {@code -Pcuda} build the CUDA one.
 */
public enum ComputeDevice {
  AUTO,
  CPU,
  GPU;

  /** Error code when {@code gpu} is asked for and libtorch sees no CUDA device. */
  public static final String GPU_UNAVAILABLE = "gpu_unavailable";
  /** Error code for a name that is none of cpu, gpu, auto. */
  public static final String INVALID_DEVICE = "invalid_device";

  /** {@code cpu}, {@code gpu} or {@code auto} (any case); null or blank is {@code auto}. */
  public static ComputeDevice parse(String name) {
    if (name == null || name.isBlank()) {
      return AUTO;
    }
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "cpu" -> CPU;
      case "gpu" -> GPU;
      default -> throw new ReconException(INVALID_DEVICE, "unknown device '" + name + "': use cpu, gpu or auto");
    };
  }

  /** The lower-case name, as {@link #parse} takes it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The DJL device this setting means here.
   *
   * @throws ReconException {@code gpu_unavailable} for {@code gpu} when libtorch sees no CUDA device
   */
  public Device resolve() {
    return switch (this) {
      case CPU -> Device.cpu();
      case AUTO -> Engine.getInstance().defaultDevice();
      case GPU -> {
        Engine engine = Engine.getInstance();
        if (engine.getGpuCount() < 1) {
          throw new ReconException(GPU_UNAVAILABLE, "device gpu was asked for but libtorch sees no CUDA GPU (engine "
              + engine.getEngineName() + " " + engine.getVersion() + "; a GPU needs the -Pcuda build, an NVIDIA driver"
              + " and a visible device, e.g. a pod with an nvidia.com/gpu limit); use --device cpu or auto to run on the CPU");
        }
        yield Device.gpu();
      }
    };
  }
}
