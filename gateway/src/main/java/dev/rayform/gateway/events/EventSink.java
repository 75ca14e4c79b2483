package dev.rayform.gateway.events;

import io.vertx.core.json.JsonObject;

/** Where a subscription writes: a websocket in production, a list in tests. */
public interface EventSink {
  /** True while the transport cannot take more without buffering. */
  boolean writeQueueFull();

  void write(JsonObject frame);

  /** Called once, when the transport can take more again. */
  void onDrain(Runnable action);

  void close(short code, String reason);
}
