package dev.rayform.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks loopback ports that are free right now (the usual bind-to-0 trick). */
final class FreePorts {

  static final String LOOPBACK = "127.0.0.1";

  private FreePorts() {}

  /** Returns {@code port} when positive, otherwise a port the OS reports free on 127.0.0.1. */
  static int orFree(int port) {
    return port > 0 ? port : pick();
  }

  static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
