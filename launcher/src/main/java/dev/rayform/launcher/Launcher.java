package dev.rayform.launcher;

import dev.rayform.core.PlatformException;
import dev.rayform.core.job.ProductJobOptions;
import dev.rayform.core.launch.InvalidSetting;
import java.io.UncheckedIOException;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the production images: the platform's processes ({@code serve}), its database
 * ({@code migrate}) and its API keys ({@code keys}). The developer's {@code rayform} (tools module)
 * adds the science commands and the embedded default to the same commands.
 */
@Command(
    name = "rayform",
    mixinStandardHelpOptions = true,
    versionProvider = Launcher.Version.class,
    description = "Product photos to 3D meshes at catalogue scale: the platform's processes.",
    subcommands = {ServeCommand.class, MigrateCommand.class, KeysCommand.class, CommandLine.HelpCommand.class})
public final class Launcher implements Runnable {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it directly. */
  public static CommandLine commandLine() {
    return withErrors(new CommandLine(new Launcher()), e -> null);
  }

  /**
   * Makes {@code cl} print every failure as one line {@code error[code]: message} and exit with 2 for
   * bad input, 1 otherwise. {@code more} describes the errors of other layers (the tools' recon errors):
   * for such an error it returns the line and the status, else null.
   */
  public static CommandLine withErrors(CommandLine cl, Function<Exception, Failure> more) {
    cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      Failure f = more.apply(e);
      if (f == null) {
        f = describe(e);
      }
      cmd.getErr().println(f.line());
      if (Boolean.getBoolean("rayform.debug")) {
        e.printStackTrace(cmd.getErr());
      }
      return f.exit();
    });
    return cl;
  }

  /** A failure as the command line reports it. */
  public record Failure(String line, int exit) {
    /** Bad input: exit status 2. */
    public static Failure badInput(String code, String message) {
      return new Failure("error[" + code + "]: " + message, 2);
    }
  }

  /** The line and exit status of a failure of the platform's commands. */
  static Failure describe(Exception e) {
    if (e instanceof InvalidSetting || e instanceof ProductJobOptions.InvalidOption) {
      return Failure.badInput(((PlatformException) e).code(), e.getMessage());
    }
    if (e instanceof PlatformException pe) {
      return new Failure("error[" + pe.code() + "]: " + pe.getMessage(), 1);
    }
    if (e instanceof IllegalArgumentException) {
      return Failure.badInput("invalid_argument", e.getMessage());
    }
    if (e instanceof UncheckedIOException io) {
      return new Failure("error[io_error]: " + io.getMessage() + " (" + io.getCause().getMessage() + ")", 1);
    }
    return new Failure("error[internal]: " + e + " (run with RAYFORM_JAVA_OPTS=-Drayform.debug=true for the stack trace)", 1);
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }

  /** Reports the version of the build. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Launcher.class.getPackage().getImplementationVersion();
      return new String[] {"rayform " + (v != null ? v : "0.1.0-SNAPSHOT")};
    }
  }
}
