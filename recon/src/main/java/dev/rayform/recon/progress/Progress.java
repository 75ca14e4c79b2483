package dev.rayform.recon.progress;

/**
 * Progress of a long operation, reported by recon and shown by its caller (a CLI progress bar, job
 * progress events). Implementations must be thread-safe: steps arrive from worker threads.
 */
public interface Progress {
  Progress NONE = new Progress() {
    @Override
    public void start(String task, long total) {}

    @Override
    public void step(long done) {}

    @Override
    public void message(String text) {}

    @Override
    public void finish() {}
  };

  /** A new task of {@code total} steps begins. */
  void start(String task, long total);

  /** {@code done} more steps are complete. */
  void step(long done);

  /** A short status line (e.g. the current item). */
  void message(String text);

  /** The current task is complete. */
  void finish();
}
