package dev.rayform.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code rayform} command. */
@Command(
    name = "rayform",
    mixinStandardHelpOptions = true,
    version = "rayform 0.1.0",
    description = "Product photos to 3D meshes at catalogue scale.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }
}
