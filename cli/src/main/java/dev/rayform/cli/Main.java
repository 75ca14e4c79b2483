package dev.rayform.cli;

import dev.rayform.core.PlatformException;
import dev.rayform.core.job.ProductJobOptions;
import dev.rayform.recon.ReconException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code rayform} command. */
@Command(
    name = "rayform",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
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
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      cmd.getErr().println(describe(e));
      if (Boolean.getBoolean("rayform.debug")) {
        e.printStackTrace(cmd.getErr());
      }
      return e instanceof ReconException || e instanceof IllegalArgumentException || e instanceof ProductJobOptions.InvalidOption ? 2 : 1;
    });
    return cl;
  }

  /** One line: {@code error[code]: message}, with the stable code of the failure. */
  static String describe(Exception e) {
    if (e instanceof ReconException re) {
      return "error[" + re.code() + "]: " + re.getMessage();
    }
    if (e instanceof PlatformException pe) {
      return "error[" + pe.code() + "]: " + pe.getMessage();
    }
    if (e instanceof IllegalArgumentException) {
      return "error[invalid_argument]: " + e.getMessage();
    }
    if (e instanceof UncheckedIOException io) {
      return "error[io_error]: " + io.getMessage() + " (" + io.getCause().getMessage() + ")";
    }
    return "error[internal]: " + e + " (run with RAYFORM_JAVA_OPTS=-Drayform.debug=true for the stack trace)";
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }

  /** Reports the version of the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rayform " + (v != null ? v : "0.1.0-SNAPSHOT")};
    }
  }
}
