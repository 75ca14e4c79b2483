package dev.rayform.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Copies a blocking stream (an object from the store) to a response: each chunk is read on a worker
 * thread, written on the event loop, and the next read waits while the response's queue is full.
 * The stream is closed at the end, on failure, or when the client goes away.
 */
final class InputStreamPump {
  private static final int CHUNK = 64 * 1024;

  private final Vertx vertx;
  private final InputStream in;
  private final HttpServerResponse out;
  private final Promise<Void> done = Promise.promise();
  private boolean closed;

  private InputStreamPump(Vertx vertx, InputStream in, HttpServerResponse out) {
    this.vertx = vertx;
    this.in = in;
    this.out = out;
  }

  static Future<Void> pump(Vertx vertx, InputStream in, HttpServerResponse out) {
    InputStreamPump p = new InputStreamPump(vertx, in, out);
    out.closeHandler(v -> p.finish(new IOException("client went away")));
    p.next();
    return p.done.future();
  }

  private void next() {
    vertx.executeBlocking(() -> in.readNBytes(CHUNK), false).onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.failed()) {
        finish(ar.cause());
        return;
      }
      byte[] chunk = ar.result();
      if (chunk.length == 0) {
        out.end().onComplete(x -> finish(null));
        return;
      }
      out.write(Buffer.buffer(chunk));
      if (out.writeQueueFull()) {
        out.drainHandler(v -> next());
      } else {
        next();
      }
    });
  }

  private void finish(Throwable failure) {
    if (closed) {
      return;
    }
    closed = true;
    vertx.executeBlocking(() -> {
      in.close();
      return null;
    }, false);
    if (failure == null) {
      done.tryComplete();
    } else {
      done.tryFail(failure);
    }
  }
}
