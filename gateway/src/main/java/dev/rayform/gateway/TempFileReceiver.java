package dev.rayform.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;

/**
 * Spools a body stream into a temporary file without blocking, honouring the file's back-pressure,
 * and fails with 413 as soon as more than {@code limit} bytes arrive (the partial file is deleted).
 */
final class TempFileReceiver {
  private final Vertx vertx;
  private final Path dir;
  private final long limit;

  TempFileReceiver(Vertx vertx, Path dir, long limit) {
    this.vertx = vertx;
    this.dir = dir;
    this.limit = limit;
  }

  /** The source must be paused by the caller; it is resumed here. */
  Future<Path> receive(ReadStream<Buffer> source) {
    String folder = dir == null ? null : dir.toString();
    return vertx.fileSystem().createTempFile(folder, "rayform-upload-", ".part", (String) null)
        .compose(path -> vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setTruncateExisting(true))
            .compose(file -> copy(source, file))
            .map(Path.of(path))
            .recover(e -> vertx.fileSystem().delete(path).transform(x -> Future.<Path>failedFuture(e))));
  }

  private Future<Void> copy(ReadStream<Buffer> source, AsyncFile file) {
    Promise<Void> done = Promise.promise();
    long[] received = {0};
    boolean[] closing = {false};
    source.exceptionHandler(e -> {
      if (closing[0]) {
        done.tryFail(e);
        return;
      }
      closing[0] = true;
      file.close().onComplete(x -> done.tryFail(e));
    });
    source.handler(buf -> {
      if (done.future().isComplete()) {
        return;
      }
      received[0] += buf.length();
      if (received[0] > limit) {
        // Closed once: the end (or an error) of the request may arrive before this close completes.
        closing[0] = true;
        source.handler(b -> {});
        file.close().onComplete(x -> done.tryFail(ApiError.tooLarge(limit)));
        return;
      }
      file.write(buf);
      if (file.writeQueueFull()) {
        source.pause();
        file.drainHandler(v -> source.resume());
      }
    });
    source.endHandler(v -> {
      if (!done.future().isComplete() && !closing[0]) {
        closing[0] = true;
        file.close().onComplete(ar -> {
          if (ar.succeeded()) {
            done.tryComplete();
          } else {
            done.tryFail(ar.cause());
          }
        });
      }
    });
    source.resume();
    return done.future();
  }
}
