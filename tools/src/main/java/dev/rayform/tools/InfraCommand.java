package dev.rayform.tools;

import dev.rayform.devstack.DevStackMain;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rayform infra kafka|postgres|s3}: one of the embedded services alone in this process, for a
 * cluster of separate processes on one machine (scripts/cluster-up, the fault-injection tests).
 */
@Command(name = "infra", mixinStandardHelpOptions = true,
    description = {
      "Run one infrastructure service alone in this process until SIGTERM: a Kafka broker (KRaft), PostgreSQL or the",
      "S3-compatible store. Prints '<service> ready: <address>' (what serve's --kafka, --pg or --store takes) when it",
      "answers. The data and the port stay in --dir, so a restart on the same folder keeps both. Development and tests",
      "only (PostgreSQL runs with fsync off and trust authentication on loopback; S3 keys rayform-dev/rayform-dev-secret)."
    })
final class InfraCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "kafka, postgres or s3.")
  String service;

  @Option(names = "--dir", required = true, description = "Data folder of this service.")
  Path dir;

  @Option(names = "--port", defaultValue = "0", description = "Port; 0 keeps the one used before in --dir, or picks a free one.")
  int port;

  @Override
  public Integer call() throws Exception {
    if (!service.matches("kafka|postgres|s3")) {
      throw new IllegalArgumentException("service must be kafka, postgres or s3, not '" + service + "'");
    }
    DevStackMain.runService(DevStackMain.Service.valueOf(service.toUpperCase(Locale.ROOT)), dir, port);
    return 0;
  }
}
