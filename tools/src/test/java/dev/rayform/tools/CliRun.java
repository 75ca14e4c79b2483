package dev.rayform.tools;

import dev.rayform.launcher.CommandRun;

/** Runs the developer's {@code rayform} command line in this JVM and keeps what it printed, for the tools' tests. */
final class CliRun {
  private CliRun() {}

  static CommandRun.Result run(String... args) {
    return CommandRun.run(Main::commandLine, args);
  }
}
