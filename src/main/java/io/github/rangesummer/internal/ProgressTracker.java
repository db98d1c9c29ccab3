/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.ProgressListener;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Counts the elements of one sum and reports them to a {@link ProgressListener} at a bounded rate:
 * a thread that advances the count reports only if the interval has passed since the previous
 * report returned and no other thread is reporting, so reports never overlap, never go backwards
 * and never exceed the total, and a listener slower than the interval is not called back to back.
 */
final class ProgressTracker {

  private final ProgressListener listener;
  private final long total;
  private final long intervalNanos;
  private final AtomicLong done = new AtomicLong();
  private final ReentrantLock reporting = new ReentrantLock();
  private volatile long nextReportNanos;
  private long reported; // guarded by reporting
  private volatile boolean finished; // set once, by finish() or abandon()
  private final LongSupplier clock;

  ProgressTracker(ProgressListener listener, long total, long intervalNanos) {
    this(listener, total, intervalNanos, System::nanoTime);
  }

  /** Creates a tracker that reads the time from {@code clock}, in nanoseconds; for tests. */
  ProgressTracker(ProgressListener listener, long total, long intervalNanos, LongSupplier clock) {
    this.listener = listener;
    this.total = total;
    this.intervalNanos = intervalNanos;
    this.clock = clock;
    this.nextReportNanos = clock.getAsLong() + intervalNanos;
  }

  /** Adds {@code elements} to the count; may call the listener. */
  void advance(long elements) {
    done.addAndGet(elements);
    long now = clock.getAsLong();
    if (now - nextReportNanos >= 0 && reporting.tryLock()) {
      try {
        if (!finished && now - nextReportNanos >= 0) {
          nextReportNanos = now + intervalNanos;
          long current = done.get();
          if (Long.compareUnsigned(current, total) >= 0) {
            current = total - 1; // the full total is reported only on success
          }
          if (Long.compareUnsigned(current, reported) > 0) {
            reported = current;
            listener.onProgress(current, total);
            // The interval counts from the report's end: a listener slower than the interval
            // must not be called at every checkpoint of the threads that compute chunks.
            nextReportNanos = clock.getAsLong() + intervalNanos;
          }
        }
      } finally {
        reporting.unlock();
      }
    }
  }

  /**
   * Takes back elements counted for work that was lost and will be done again, as when a worker
   * process died with a chunk. Reports stay monotonic: they resume once the count passes them.
   */
  void retract(long elements) {
    done.addAndGet(-elements);
  }

  /** Reports the total once, after the sum succeeded; no report follows. */
  void finish() {
    reporting.lock();
    try {
      if (!finished) {
        finished = true;
        listener.onProgress(total, total);
      }
    } finally {
      reporting.unlock();
    }
  }

  /**
   * Stops reporting after a failure. It takes no lock: the failing thread may be the one that
   * delivers a deadline, and must not wait for a listener that is slow to return. A report that
   * is under way when the sum fails still completes; none starts after this. That is the promise
   * of {@code withProgress}: a reporter decides under its lock, by reading {@link #finished},
   * whether to call the listener, so once this has returned only the lock's holder can still call
   * it, once.
   */
  void abandon() {
    finished = true;
  }
}
