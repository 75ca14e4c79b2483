package dev.rayform.recon.model;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * libtorch's autograd switch is per thread and on by default, and DJL turns it off only on the
 * thread that loads the engine. Work outside a gradient collector (optimiser updates, inference)
 * runs here with it off, whatever thread it is on: in-place updates of leaves are then allowed,
 * and inference builds no graph.
 */
public final class GradMode {
  private GradMode() {}

  public static <T> T off(Supplier<T> work) {
    boolean was = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return work.get();
    } finally {
      JniUtils.setGradMode(was);
    }
  }

  public static void off(Runnable work) {
    off(() -> {
      work.run();
      return null;
    });
  }
}
