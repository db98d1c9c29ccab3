/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one result collector of a job: every chunk's partial sum is merged here, under a lock, on
 * whichever thread or process computed it, and the last one makes the result. Thread-safe.
 *
 * @param <A> the accumulator
 * @param <R> the caller's type
 */
final class Collector<A, R> {

  private final PartialSums<A> partials;
  private final Finisher<A, R> finisher;
  private final AtomicInteger pending;
  private A total; // guarded by this

  Collector(PartialSums<A> partials, Finisher<A, R> finisher, int chunks) {
    this.partials = partials;
    this.finisher = finisher;
    this.pending = new AtomicInteger(chunks);
  }

  /** Merges one chunk's partial sum, and returns whether it was the last one. */
  boolean add(A part) {
    synchronized (this) {
      if (total == null) {
        total = part;
      } else {
        partials.merge(total, part);
      }
    }
    return pending.decrementAndGet() == 0;
  }

  /**
   * Returns the caller's value of the merged total, once every chunk was added.
   *
   * @throws ArithmeticException if it does not fit the caller's type
   */
  R finish(Supplier<String> subject) {
    A sum;
    synchronized (this) {
      sum = total;
    }
    return finisher.finish(sum, subject);
  }
}
