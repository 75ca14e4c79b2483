package dev.rayform.tools;

import picocli.CommandLine.Command;

/** {@code rayform bench ...}: speed measurements that go to BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure speed; results are printed and written to BENCHMARKS.md.",
    subcommands = {GeometryBenchCommand.class, ModelBenchCommand.class, QualityBenchCommand.class, QualityCompareCommand.class, TrainBenchCommand.class, PlatformBenchCommand.class})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
