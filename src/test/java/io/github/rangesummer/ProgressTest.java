/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.assertFromTerm;
import static io.github.rangesummer.TestSupport.await;
import static io.github.rangesummer.TestSupport.awaitStable;
import static io.github.rangesummer.TestSupport.closedForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Progress arrives at a bounded rate, never overlapping, never going backwards, and ends with
 * exactly one {@code done == total} report on success and none on failure. Part of the contract
 * suite: every test runs on every strategy.
 */
class ProgressTest {

  private static final Duration INTERVAL = Duration.ofMillis(5);
  private static final long END = 1_000_000;

  /** Chunks small enough that every worker, thread or process, reports several times. */
  private static final long CHUNK = 10_000;

  /**
   * The identity, slowed by a 5 ms pause every 10,000 indexes: half a second of pauses in all, so
   * that even spread over every thread the sum spans many reporting intervals, and each worker
   * process sends several progress frames (one per 50 ms) over its chunks.
   */
  private static final LongTerm SLOW =
      i -> {
        if (i % 10_000 == 0) {
          LockSupport.parkNanos(5_000_000);
        }
        return i;
      };

  @EveryStrategy
  void sum_withProgress_reportsMonotonicallyUpToTotalOnce(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      RecordingListener listener = new RecordingListener();
      long start = System.nanoTime();
      long sum = summer.withMinChunkSize(CHUNK).withProgress(listener, INTERVAL).sum(0, END, SLOW);
      long elapsed = System.nanoTime() - start;

      assertEquals(closedForm(0, END).longValue(), sum);
      listener.assertWellFormed(END, true);
      listener.assertRateBounded(elapsed, INTERVAL.toNanos());
      assertTrue(listener.count() >= 3, () -> listener.count() + " reports, expected several");
    }
  }

  @EveryStrategy
  void everyCall_withProgress_reportsTotalOnceOnSuccess(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      RangeSummer small = summer.withMinChunkSize(CHUNK);
      RecordingListener exact = new RecordingListener();
      assertEquals(closedForm(-5, END), small.withProgress(exact, INTERVAL).sumExact(-5, END));
      exact.assertWellFormed(END + 5, true);

      RecordingListener floating = new RecordingListener();
      assertEquals(END / 4.0, small.withProgress(floating, INTERVAL).sumDouble(0, END, i -> 0.25));
      floating.assertWellFormed(END, true);

      RecordingListener async = new RecordingListener();
      CompletableFuture<Long> future = small.withProgress(async, INTERVAL).sumAsync(0, END, SLOW);
      assertEquals(closedForm(0, END).longValue(), future.get(HANG.toSeconds(), TimeUnit.SECONDS));
      async.assertWellFormed(END, true); // the final report comes before the future completes

      RecordingListener defaults = new RecordingListener();
      assertEquals(45, summer.withProgress(defaults).sum(0, 10));
      defaults.assertWellFormed(10, true);

      RecordingListener single = new RecordingListener();
      assertEquals(7, summer.withProgress(single).sum(7, 8));
      single.assertWellFormed(1, true);
    }
  }

  @EveryStrategy
  void sum_emptyRange_reportsNothing(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      RecordingListener listener = new RecordingListener();
      RangeSummer reporting = summer.withProgress(listener, INTERVAL);
      assertEquals(0, reporting.sum(5, 5));
      assertEquals(0, reporting.sumAsync(5, 5, i -> i).get());
      assertEquals(0, listener.count(), "the total is never zero");
    }
  }

  @EveryStrategy
  void sum_withProgress_rateBoundedByTimeNotElements(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      RecordingListener listener = new RecordingListener();
      Duration interval = Duration.ofMillis(50);
      long end = 1_000_000_000;
      long start = System.nanoTime();
      long sum = summer.withProgress(listener, interval).sum(0, end);
      long elapsed = System.nanoTime() - start;

      assertEquals(closedForm(0, end).longValue(), sum);
      listener.assertWellFormed(end, true);
      listener.assertRateBounded(elapsed, interval.toNanos());
    }
  }

  @EveryStrategy
  void sum_termFails_noFinalReport(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      RecordingListener listener = new RecordingListener();
      IllegalStateException failure = new IllegalStateException("term failed");
      SharedLongs calls = SharedLongs.create(1);
      RangeSummer reporting = summer.withMinChunkSize(CHUNK).withProgress(listener, INTERVAL);
      Throwable thrown =
          assertThrows(
              RuntimeException.class, () -> reporting.sum(0, END, failing(calls, failure)));
      assertFromTerm(strategy, failure, thrown);
      RecordingListener.Allowance atFailure = listener.allowanceAfterEnd();
      // Other threads and workers stop; frames still on their way must not be reported.
      awaitStable("term calls", () -> calls.get(0));
      listener.assertNoReportBegunAfter(atFailure, "the sum failed");
      listener.assertWellFormed(END, false);
    }
  }

  /**
   * What {@code withProgress} promises when a sum ends: a report under way then may still be
   * running when {@code cancel} returns (cancel never waits for a listener), but no other report
   * begins. Before, this test assumed the report under way ended before cancel returned, and
   * failed when it did not (issue 21).
   */
  @EveryStrategy
  void sumAsync_cancelled_onlyTheReportUnderWayMayFollow(Strategy strategy) {
    // A sum of the whole long domain finishes no chunk within a test, so a strategy that reports
    // progress per finished chunk reports nothing here; DistributedTest covers its reports.
    assumeTrue(strategy.progressWithinChunks(), "progress is reported per finished chunk");
    try (RangeSummer summer = strategy.get()) {
      RecordingListener listener = new RecordingListener();
      CountingTerm counting = new CountingTerm();
      CompletableFuture<Long> future =
          summer
              .withProgress(listener, Duration.ofMillis(1))
              .sumAsync(0, Long.MAX_VALUE, counting.term);
      await("progress is reported", () -> listener.count() >= 3);

      assertTrue(future.cancel(true));
      RecordingListener.Allowance atCancel = listener.allowanceAfterEnd();
      counting.awaitStopped();
      listener.assertNoReportBegunAfter(atCancel, "cancel returned");
      listener.assertWellFormed(Long.MAX_VALUE, false);
      assertThrows(CancellationException.class, future::join);
    }
  }

  /** Fails with {@code failure} in the middle of {@code [0, END)}, counting its calls. */
  private static LongTerm failing(SharedLongs calls, RuntimeException failure) {
    return i -> {
      calls.increment(0);
      if (i == END / 2 + 1) {
        throw failure;
      }
      return SLOW.applyAsLong(i);
    };
  }

  @EveryStrategy
  void sum_listenerThrows_failsTheSumWithIt(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      IllegalStateException early = new IllegalStateException("listener failed early");
      RangeSummer failingEarly =
          summer.withProgress(
              (done, total) -> {
                throw early;
              },
              INTERVAL);
      RangeSummer failingEarlySmall = failingEarly.withMinChunkSize(CHUNK);
      assertSame(
          early,
          assertThrows(IllegalStateException.class, () -> failingEarlySmall.sum(0, END, SLOW)));

      IllegalStateException last = new IllegalStateException("listener failed at the end");
      RangeSummer failingLast =
          summer.withProgress(
              (done, total) -> {
                if (done == total) {
                  throw last;
                }
              },
              INTERVAL);
      assertSame(last, assertThrows(IllegalStateException.class, () -> {
        failingLast.sum(0, 100);
      }));
      assertEquals(closedForm(0, END).longValue(), summer.sum(0, END, i -> i));
    }
  }

  @EveryStrategy
  void sumAsync_fullLongDomain_reportsUnsignedCounts(Strategy strategy) {
    // A sum of the whole long domain finishes no chunk within a test, so a strategy that reports
    // progress per finished chunk reports nothing here; DistributedTest covers its reports.
    assumeTrue(strategy.progressWithinChunks(), "progress is reported per finished chunk");
    try (RangeSummer summer = strategy.get()) {
      RecordingListener listener = new RecordingListener();
      CompletableFuture<Long> future =
          summer
              .withProgress(listener, Duration.ofMillis(1))
              .sumAsync(Long.MIN_VALUE, Long.MAX_VALUE);
      await("progress is reported", () -> listener.count() >= 2);
      future.cancel(true);

      long total = -1L; // 2^64 - 1 elements, unsigned
      listener.assertWellFormed(total, false);
      for (long[] report : listener.reports()) {
        double fraction = ProgressListener.fraction(report[0], report[1]);
        assertTrue(fraction > 0 && fraction < 1, () -> "fraction " + fraction);
      }
    }
  }
}
