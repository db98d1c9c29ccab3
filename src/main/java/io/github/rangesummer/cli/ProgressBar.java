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
 * it before the command prints its results. Thread-safe: progress arrives on the summers' threads.
 */
final class ProgressBar implements ProgressListener {

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
  private int shownLength; // 0 when nothing is on screen

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

  /** Erases the bar, if it is on screen. */
  synchronized void finish() {
    if (shownLength > 0) {
      err.print("\r" + " ".repeat(shownLength) + "\r");
      err.flush();
      shownLength = 0;
    }
  }

  private void update(double withinStep) {
    if (!enabled) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (now - startNanos < SHOW_AFTER_NANOS) {
      return;
    }
    if (shownLength > 0 && now - lastDrawNanos < REDRAW_NANOS) {
      return;
    }
    double fraction = (Math.max(step, 0) + Math.min(Math.max(withinStep, 0.0), 1.0)) / steps;
    String line = render(fraction, label);
    err.print("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())));
    err.flush();
    lastDrawNanos = now;
    shownLength = line.length();
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
