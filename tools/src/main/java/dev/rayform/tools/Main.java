package dev.rayform.tools;

import dev.rayform.launcher.KeysCommand;
import dev.rayform.launcher.Launcher;
import dev.rayform.launcher.MigrateCommand;
import dev.rayform.launcher.ServeCommand;
import dev.rayform.recon.ReconException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the developer's {@code rayform} (scripts/rayform): the launcher's commands (serve,
 * migrate, keys), here with the embedded default, and the tools: datasets, training, evaluation,
 * reconstruction, rendering, benchmarks, the local cluster's services.
 */
@Command(
    name = "rayform",
    mixinStandardHelpOptions = true,
    versionProvider = Launcher.Version.class,
    description = "Product photos to 3D meshes at catalogue scale.",
    subcommands = {
      DatasetCommand.class,
      MeshMetricsCommand.class,
      RenderCommand.class,
      TrainCommand.class,
      ServeCommand.class,
      MigrateCommand.class,
      KeysCommand.class,
      InfraCommand.class,
      ConvertCommand.class,
      ReconstructCommand.class,
      EvaluateCommand.class,
      ModelCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it directly. */
  public static CommandLine commandLine() {
    return Launcher.withErrors(new CommandLine(new Main()),
        e -> e instanceof ReconException re ? Launcher.Failure.badInput(re.code(), re.getMessage()) : null);
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }
}
