/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import io.github.rangesummer.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on standard error, redrawn in place with {@code \r}, over a command made
 * of a known number of steps (one per sum run). The current step reports its own progress as a
 * {@link ProgressListener}, so the bar also moves within a long sum.
 *
 * <p>The bar appears only once the command has run for {@link #SHOW_AFTER_NANOS}, so that quick
 * commands print nothing, and redraws at most every {@link #REDRAW_NANOS}. {@link #finish()} erases
 * it before the command prints its results, for good. Lines printed with {@link #printAbove} go
 * above it. Thread-safe: progress arrives on the summers' threads.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {

  static final long SHOW_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
  static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final int WIDTH = 30;
  private static final int MAX_LABEL = 40;

  private final PrintWriter err;
  private final boolean enabled;
  private final long steps;
  private final LongSupplier nanoClock;
  private final long startNanos;

  private long step = -1;
  private String label = "";
  private long lastDrawNanos;
  private String shown = ""; // what is on screen: "" when nothing is
  private boolean finished;
  private Runnable onClose = () -> {};

  /**
   * A bar over {@code steps} steps.
   *
   * @param err where to draw
   * @param enabled false for a bar that never draws
   * @param steps the number of {@link #beginStep(String)} calls to come, at least 1
   * @param nanoClock {@link System#nanoTime()}, or a fake one in tests
   */
  ProgressBar(PrintWriter err, boolean enabled, long steps, LongSupplier nanoClock) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps (" + steps + ") must be >= 1");
    }
    this.err = err;
    this.enabled = enabled;
    this.steps = steps;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  ProgressBar(PrintWriter err, boolean enabled, long steps) {
    this(err, enabled, steps, System::nanoTime);
  }

  /** Whether this bar draws: summers report to it only then. */
  boolean enabled() {
    return enabled;
  }

  /** Starts the next step, named by {@code label}. */
  synchronized void beginStep(String label) {
    step = Math.min(step + 1, steps - 1);
    this.label = label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL) : label;
    update(0.0);
  }

  /** Reports progress within the current step. */
  @Override
  public synchronized void onProgress(long done, long total) {
    update(ProgressListener.fraction(done, total));
  }

  /**
   * Routes log records to lines above this bar ({@link LogAboveBar}) until {@link #close()}, if it
   * draws. On the module path without {@code java.logging}, there is no such log to route.
   *
   * @return this bar
   */
  ProgressBar routingLog() {
    if (enabled && ModuleLayer.boot().findModule("java.logging").isPresent()) {
      onClose = LogAboveBar.install(this);
    }
    return this;
  }

  /** Erases the bar, if it is on screen, and draws it no more. */
  synchronized void finish() {
    erase();
    finished = true;
  }

  /** {@link #finish()}, and stops routing log records here. */
  @Override
  public void close() {
    try {
      finish();
    } finally {
      onClose.run();
    }
  }

  /**
   * Prints {@code text} on lines of its own: erases the bar, prints the text (with a line break at
   * its end if it has none) and draws the bar again.
   */
  synchronized void printAbove(String text) {
    String bar = shown;
    erase();
    err.print(text.endsWith("\n") ? text : text + System.lineSeparator());
    if (!bar.isEmpty()) {
      err.print(bar);
      shown = bar;
    }
    err.flush();
  }

  private void erase() {
    if (!shown.isEmpty()) {
      err.print("\r" + " ".repeat(shown.length()) + "\r");
      err.flush();
      shown = "";
    }
  }

  private void update(double withinStep) {
    if (!enabled || finished) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - startNanos < SHOW_AFTER_NANOS) {
      return;
    }
    if (!shown.isEmpty() && now - lastDrawNanos < REDRAW_NANOS) {
      return;
    }
    double fraction = (Math.max(step, 0) + Math.min(Math.max(withinStep, 0.0), 1.0)) / steps;
    String line = render(fraction, label);
    err.print("\r" + line + " ".repeat(Math.max(0, shown.length() - line.length())));
    err.flush();
    lastDrawNanos = now;
    shown = line;
  }

  /**
   * Renders {@code [#########---------------------] 30% label}; the percentage rounds down, so it
   * reads 100% only when all is done.
   */
  static String render(double fraction, String label) {
    double clamped = Math.min(Math.max(fraction, 0.0), 1.0);
    int filled = (int) Math.floor(clamped * WIDTH);
    int percent = (int) Math.floor(clamped * 100);
    return String.format(
        Locale.ROOT,
        "[%s%s] %3d%%  %s",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        percent,
        label);
  }
}
