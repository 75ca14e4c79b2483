package dev.rayform.tools;

import dev.rayform.recon.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

/**
 * BENCHMARKS.md: one section per benchmark, between {@code <!-- bench:NAME -->} markers, replaced in
 * place by each run so the file always shows the latest figures with their machine and command.
 */
final class BenchmarkReport {
  private BenchmarkReport() {}

  static Path defaultPath() {
    return inRepository("BENCHMARKS.md");
  }

  /** QUALITY.md, where the quality benchmark writes its sections. */
  static Path qualityPath() {
    return inRepository("QUALITY.md");
  }

  private static Path inRepository(String file) {
    return Path.of(System.getProperty("rayform.root", ".")).resolve(file);
  }

  /** Writes {@code body} as the section {@code name}, creating the file or the section if needed. */
  static void update(Path file, String name, String body) {
    String section = start(name) + "\n" + body.strip() + "\n" + end(name);
    String text = Files.exists(file) ? read(file)
        : "# Benchmarks\n\nWritten by `rayform bench ...`; each section shows the machine and the command that produced it.\n";
    int[] at = find(text, name);
    String updated = at != null
        ? text.substring(0, at[0]) + section + text.substring(at[1] + end(name).length())
        : text.stripTrailing() + "\n\n" + section + "\n";
    AtomicFiles.write(file, updated.getBytes(StandardCharsets.UTF_8));
  }

  /** The body of the section {@code name}, or null when the file or the section is not there. */
  static String section(Path file, String name) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String text = read(file);
    int[] at = find(text, name);
    return at != null ? text.substring(at[0] + start(name).length(), at[1]).strip() : null;
  }

  /** Where the section's start and end markers stand in {@code text}, or null when it has no such section. */
  private static int[] find(String text, String name) {
    int a = text.indexOf(start(name)), b = text.indexOf(end(name));
    return a >= 0 && b > a ? new int[] {a, b} : null;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String start(String name) {
    return "<!-- bench:" + name + " -->";
  }

  private static String end(String name) {
    return "<!-- /bench:" + name + " -->";
  }

  /** The machine, as a markdown line: CPU model, cores, memory, JVM, date. */
  static String machine() {
    String cpu = "unknown CPU";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
    } catch (IOException | UncheckedIOException ignored) {
      // Not Linux: the CPU stays unknown.
    }
    long memGiB = Math.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024));
    return String.format("%s, %d cores, %d GiB RAM, Java %s (%s), %s", cpu, Runtime.getRuntime().availableProcessors(),
        memGiB, System.getProperty("java.version"), System.getProperty("java.vm.name"), LocalDate.now());
  }
}
