package dev.rayform.recon.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory (Java heap and native, libtorch included), from /proc on Linux. */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** Current resident set size in MiB, or NaN where /proc is not available. */
  public static double rssMiB() {
    return field("VmRSS:");
  }

  /** Peak resident set size in MiB, or NaN. */
  public static double peakRssMiB() {
    return field("VmHWM:");
  }

  private static double field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
