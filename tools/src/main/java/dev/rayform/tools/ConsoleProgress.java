package dev.rayform.tools;

import dev.rayform.recon.progress.Progress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows recon's {@link Progress} as a terminal progress bar on stderr (one bar per task). */
final class ConsoleProgress implements Progress {
  private final boolean enabled;
  private ProgressBar bar;

  ConsoleProgress(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public synchronized void start(String task, long total) {
    finish();
    if (enabled) {
      bar = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
          .setUpdateIntervalMillis(250)
          .showSpeed()
          .build();
    }
  }

  @Override
  public synchronized void step(long done) {
    if (bar != null) {
      bar.stepBy(done);
    }
  }

  @Override
  public synchronized void message(String text) {
    if (bar != null) {
      bar.setExtraMessage(text);
    }
  }

  @Override
  public synchronized void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
