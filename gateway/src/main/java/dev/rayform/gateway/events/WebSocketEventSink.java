package dev.rayform.gateway.events;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/** An {@link EventSink} over a server websocket: one text frame per event. */
public final class WebSocketEventSink implements EventSink {
  private final ServerWebSocket ws;

  public WebSocketEventSink(ServerWebSocket ws) {
    this.ws = ws;
  }

  @Override
  public boolean writeQueueFull() {
    return ws.writeQueueFull();
  }

  @Override
  public void write(JsonObject frame) {
    ws.writeTextMessage(frame.encode());
  }

  @Override
  public void onDrain(Runnable action) {
    ws.drainHandler(v -> {
      ws.drainHandler(null);
      action.run();
    });
  }

  @Override
  public void close(short code, String reason) {
    if (!ws.isClosed()) {
      ws.close(code, reason);
    }
  }
}
