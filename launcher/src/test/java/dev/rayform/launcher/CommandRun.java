package dev.rayform.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs a {@code rayform} command line in this JVM and keeps what it printed (the launcher's and the tools' tests). */
public final class CommandRun {
  private CommandRun() {}

  public record Result(int exit, String out, String err) {}

  /** Runs the launcher's commands. */
  public static Result run(String... args) {
    return run(Launcher::commandLine, args);
  }

  /** Runs {@code args} on the command line {@code commands} makes. */
  public static Result run(Supplier<CommandLine> commands, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      // Built after the streams are replaced: picocli's nested subcommands write to the System.err of their creation.
      int exit = commands.get().execute(args);
      return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }
}
