/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.closedForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A term may call a summer, even the one computing it: the synchronous caller helps, so nested
 * sums cannot starve a pool whose threads all wait on them.
 */
class NestedCallsTest {

  private static final int OUTER = 24;
  private static final long INNER = 200_000;

  /** The sum over {@code [0, OUTER)} of the inner sums over {@code [0, INNER + i)}. */
  private static long expected() {
    long total = 0;
    for (int i = 0; i < OUTER; i++) {
      total += closedForm(0, INNER + i).longValueExact();
    }
    return total;
  }

  /** Sums, for every index of a small range, a nested identity sum and a nested term sum. */
  private static long nested(RangeSummer outer, RangeSummer inner) {
    RangeSummer fineOuter = outer.withMinChunkSize(1);
    RangeSummer fineInner = inner.withMinChunkSize(1_000);
    return fineOuter.sum(
        0,
        OUTER,
        i -> {
          long identity = inner.sum(0, INNER + i);
          long viaTerm = fineInner.sum(0, INNER + i, j -> j);
          assertEquals(identity, viaTerm);
          return identity;
        });
  }

  @Test
  void threaded_termCallsSameSummer_completes() {
    for (int workers : new int[] {1, 2, 3}) {
      try (RangeSummer summer = RangeSummer.threaded(workers)) {
        assertEquals(expected(), assertTimeoutPreemptively(HANG, () -> nested(summer, summer)));
      }
    }
  }

  @Test
  void threaded_threeLevelsOnTwoThreads_completes() {
    try (RangeSummer summer = RangeSummer.threaded(2)) {
      RangeSummer fine = summer.withMinChunkSize(1);
      long sum =
          assertTimeoutPreemptively(
              HANG,
              () ->
                  fine.sum(
                      0,
                      8,
                      i -> fine.sum(0, 8, j -> summer.withMinChunkSize(100).sum(0, 1_000, k -> k))));
      assertEquals(64 * 499_500L, sum);
    }
  }

  @Test
  void forkJoin_termCallsForkJoin_completes() {
    try (RangeSummer summer = RangeSummer.forkJoin()) {
      assertEquals(expected(), assertTimeoutPreemptively(HANG, () -> nested(summer, summer)));
      try (RangeSummer other = RangeSummer.forkJoin()) {
        assertEquals(expected(), assertTimeoutPreemptively(HANG, () -> nested(summer, other)));
      }
    }
  }

  @Test
  void forkJoinBorrowedSingleThread_termCallsSameSummer_completes() {
    ForkJoinPool pool = new ForkJoinPool(1);
    try (RangeSummer summer = RangeSummer.forkJoin(pool)) {
      assertEquals(expected(), assertTimeoutPreemptively(HANG, () -> nested(summer, summer)));
    } finally {
      pool.shutdownNow();
    }
  }

  @EveryInJvmStrategy
  void sum_termCallsSameSummer_completes(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      assertEquals(expected(), assertTimeoutPreemptively(HANG, () -> nested(summer, summer)));
    }
  }

  /** The outer sum runs on the summer's own threads, with no caller to help it. */
  @EveryInJvmStrategy
  void sumAsync_termCallsSameSummer_completes(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      long sum =
          assertTimeoutPreemptively(
              HANG,
              () ->
                  summer
                      .withMinChunkSize(1)
                      .sumAsync(0, OUTER, i -> summer.sum(0, INNER + i))
                      .get(HANG.toSeconds(), TimeUnit.SECONDS));
      assertEquals(expected(), sum);
    }
  }
}
