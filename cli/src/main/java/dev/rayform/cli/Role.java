package dev.rayform.cli;

import java.util.Locale;

/** What a {@code rayform serve} process runs: the gateway, a worker, or both. */
enum Role {
  ALL, GATEWAY, WORKER;

  boolean runsGateway() {
    return this != WORKER;
  }

  boolean runsWorker() {
    return this != GATEWAY;
  }

  /** The name as the command line and the Helm chart write it. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** From {@code all}, {@code gateway} or {@code worker} (any case); anything else is refused. */
  static Role parse(String text) {
    for (Role r : values()) {
      if (r.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return r;
      }
    }
    throw new IllegalArgumentException("--role must be all, gateway or worker, not '" + text + "'");
  }
}
