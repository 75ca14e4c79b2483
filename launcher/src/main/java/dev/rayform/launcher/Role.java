package dev.rayform.launcher;

import java.util.Locale;

/** What a {@code rayform serve} process runs: the gateway, a worker, or both. */
public enum Role {
  ALL, GATEWAY, WORKER;

  public boolean runsGateway() {
    return this != WORKER;
  }

  public boolean runsWorker() {
    return this != GATEWAY;
  }

  /** The name as the command line and the Helm chart write it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** From {@code all}, {@code gateway} or {@code worker} (any case); anything else is refused. */
  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return r;
      }
    }
    throw new IllegalArgumentException("--role must be all, gateway or worker, not '" + text + "'");
  }
}
