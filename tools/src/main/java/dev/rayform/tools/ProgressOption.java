package dev.rayform.tools;

import picocli.CommandLine.Option;

/** The {@code --no-progress} option of every long command, and the progress bar it governs. */
final class ProgressOption {
  @Option(names = "--no-progress", description = "Hide the progress bar.")
  boolean off;

  /** A progress bar on stderr, unless turned off (or {@code alsoOff}, e.g. when printing JSON). */
  ConsoleProgress bar(boolean alsoOff) {
    return new ConsoleProgress(!off && !alsoOff);
  }

  ConsoleProgress bar() {
    return bar(false);
  }
}
