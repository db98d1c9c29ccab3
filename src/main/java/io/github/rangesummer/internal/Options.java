/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.ProgressListener;
import java.time.Duration;

/**
 * The options of a summer, set by its {@code withX} methods and applied to every sum: the one
 * place they are kept. Immutable; arguments are checked by the public methods.
 *
 * @param timeout the deadline of each sum, or {@code null} for none
 * @param listener where progress goes, or {@code null} for no reports
 * @param progressInterval the least time between two reports
 * @param minChunk the smallest chunk handed to another thread or process, or 0 for the default
 *     of what is summed
 */
public record Options(
    Duration timeout, ProgressListener listener, Duration progressInterval, long minChunk) {

  /** No deadline, no progress, reports every 100 ms once a listener is set, default chunks. */
  public static final Options DEFAULTS = new Options(null, null, Duration.ofMillis(100), 0);

  /** Returns these options with a deadline. */
  public Options withTimeout(Duration timeout) {
    return new Options(timeout, listener, progressInterval, minChunk);
  }

  /** Returns these options with a progress listener and its interval. */
  public Options withProgress(ProgressListener listener, Duration interval) {
    return new Options(timeout, listener, interval, minChunk);
  }

  /** Returns these options with a smallest chunk. */
  public Options withMinChunk(long elements) {
    return new Options(timeout, listener, progressInterval, elements);
  }

  /**
   * Returns the deadline in nanoseconds, or {@link Long#MAX_VALUE} when there is none: a timeout
   * of that many nanoseconds (about 292 years) or more is no practical limit.
   */
  long timeoutNanos() {
    return timeout == null ? Long.MAX_VALUE : saturatedNanos(timeout);
  }

  /** Returns the progress interval in nanoseconds, saturated as {@link #timeoutNanos()}. */
  long progressIntervalNanos() {
    return saturatedNanos(progressInterval);
  }

  /**
   * Returns a positive duration in nanoseconds, or {@link Long#MAX_VALUE} (about 292 years) for
   * any longer one, such as {@code ChronoUnit.FOREVER}: no practical limit.
   */
  static long saturatedNanos(Duration duration) {
    return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0
        ? Long.MAX_VALUE
        : duration.toNanos();
  }

  /** Appends the options that differ from the defaults, as {@code RangeSummer.toString} shows. */
  void describe(StringBuilder text) {
    if (timeout != null) {
      text.append(", timeout=").append(timeout);
    }
    if (listener != null) {
      text.append(", progress every ").append(progressInterval);
    }
    if (minChunk > 0) {
      text.append(", minChunkSize=").append(minChunk);
    }
  }
}
