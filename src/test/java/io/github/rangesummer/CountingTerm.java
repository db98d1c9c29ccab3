/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.await;
import static io.github.rangesummer.TestSupport.awaitStable;

/**
 * A term that counts its calls in {@link SharedLongs}, so that a test sees them wherever the term
 * runs, in this JVM or in worker processes; for sums that would run for ages unless stopped.
 */
final class CountingTerm {

  private final SharedLongs calls = SharedLongs.create(1);

  /** The term {@code i & 1}, counting its calls. */
  final LongTerm term = counting(calls);

  /** Built in a static method: a lambda here would capture this, which cannot travel. */
  private static LongTerm counting(SharedLongs calls) {
    return i -> {
      calls.increment(0);
      return i & 1;
    };
  }

  /** Returns how often the term was called so far. */
  long calls() {
    return calls.get(0);
  }

  /** Waits until the term has been called many times. */
  void awaitCalls() {
    await("the term is called", () -> calls() > 10_000);
  }

  /** Waits until no thread or worker calls the term any more. */
  void awaitStopped() {
    awaitStable("term calls", this::calls);
  }
}
