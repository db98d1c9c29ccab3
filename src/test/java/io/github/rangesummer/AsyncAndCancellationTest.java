/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.awaitStable;
import static io.github.rangesummer.TestSupport.awaitUnderWay;
import static io.github.rangesummer.TestSupport.closedForm;
import static io.github.rangesummer.TestSupport.failureOf;
import static io.github.rangesummer.TestSupport.get;
import static io.github.rangesummer.TestSupport.onNewThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code sumAsync} completes with what {@code sum} would return or throw; cancelling or completing
 * its future, or closing the summer, stops the work, and the summer stays usable. Part of the
 * contract suite: every test runs on every strategy.
 */
class AsyncAndCancellationTest {

  private static void assertUsable(RangeSummer summer) throws Exception {
    assertEquals(closedForm(0, 30_000_000).longValue(), summer.sum(0, 30_000_000));
    assertEquals(closedForm(-7, 300_000).longValue(), get(summer.sumAsync(-7, 300_000, i -> i)));
  }

  @EveryStrategy
  void sumAsync_returnsClosedForm(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      long[][] ranges = {
        {0, 0}, {0, 1}, {-1, 2}, {0, 100_000_000}, {-50_000_000, 50_000_001},
        {Long.MIN_VALUE, Long.MIN_VALUE + 1}, {Long.MAX_VALUE - 1, Long.MAX_VALUE},
        {3_037_000_000L, 3_037_000_499L}, {-1_000_000_000_000L, -999_999_000_000L},
      };
      for (long[] range : ranges) {
        long expected = closedForm(range[0], range[1]).longValueExact();
        assertEquals(expected, get(summer.sumAsync(range[0], range[1])));
        if (range[1] - range[0] <= 1_000_000) {
          assertEquals(expected, get(summer.sumAsync(range[0], range[1], i -> i)));
        }
      }
    }
  }

  @EveryStrategy
  void sumAsync_overflow_failsWithArithmeticException(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      for (CompletableFuture<Long> future :
          List.of(
              summer.sumAsync(Long.MAX_VALUE - 10, Long.MAX_VALUE),
              summer.sumAsync(Long.MIN_VALUE, Long.MIN_VALUE + 3),
              summer.sumAsync(0, 1_000_000, i -> Long.MAX_VALUE))) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(future));
        assertInstanceOf(ArithmeticException.class, e.getCause());
      }
      // The same sum, exactly
      assertEquals(
          BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(1_000_000)),
          summer.sumExact(0, 1_000_000, i -> Long.MAX_VALUE));
      // Partial sums that overflow on the way still give an exact long, also from odd chunks.
      LongTerm seesaw = i -> i % 2 == 0 ? Long.MAX_VALUE : -Long.MAX_VALUE;
      assertEquals(0L, get(summer.sumAsync(0, 2_000_000, seesaw)));
      assertEquals(0L, get(summer.withMinChunkSize(1_001).sumAsync(0, 2_000_000, seesaw)));
    }
  }

  @EveryStrategy
  void sumAsync_cancel_stopsTheWork(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      CountingTerm counting = new CountingTerm();
      CompletableFuture<Long> future = summer.sumAsync(0, Long.MAX_VALUE, counting.term);
      counting.awaitCalls();

      assertTrue(future.cancel(true));
      counting.awaitStopped();
      assertThrows(CancellationException.class, () -> get(future));
      assertUsable(summer);
    }
  }

  @EveryStrategy
  void sumAsync_identityCancel_stopsTheWork(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      LongAdder reports = new LongAdder();
      CompletableFuture<Long> future =
          summer
              .withProgress((done, total) -> reports.increment(), Duration.ofMillis(1))
              .sumAsync(Long.MIN_VALUE, Long.MAX_VALUE);
      awaitUnderWay(strategy, () -> reports.sum() > 0);

      assertTrue(future.cancel(true));
      assertThrows(CancellationException.class, () -> get(future));
      // Progress is reported only by running chunk loops: once it stops, they have.
      awaitStable("progress reports", reports::sum);
      assertUsable(summer);
    }
  }

  @EveryStrategy
  void sumAsync_completedFromOutside_stopsTheWork(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      CountingTerm counting = new CountingTerm();
      CompletableFuture<Long> future = summer.sumAsync(0, Long.MAX_VALUE, counting.term);
      counting.awaitCalls();

      assertTrue(future.complete(42L));
      counting.awaitStopped();
      assertEquals(42L, get(future));

      CountingTerm failing = new CountingTerm();
      CompletableFuture<Long> failed = summer.sumAsync(0, Long.MAX_VALUE, failing.term);
      failing.awaitCalls();
      IllegalStateException reason = new IllegalStateException("no longer needed");
      assertTrue(failed.completeExceptionally(reason));
      failing.awaitStopped();
      assertSame(reason, assertThrows(ExecutionException.class, () -> get(failed)).getCause());
      assertUsable(summer);
    }
  }

  @EveryStrategy
  void sumAsync_orTimeout_stopsTheWork(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      CountingTerm counting = new CountingTerm();
      CompletableFuture<Long> future =
          summer.sumAsync(0, Long.MAX_VALUE, counting.term).orTimeout(50, TimeUnit.MILLISECONDS);
      ExecutionException e = assertThrows(ExecutionException.class, () -> get(future));
      assertInstanceOf(TimeoutException.class, e.getCause());
      counting.awaitStopped();
      assertUsable(summer);
    }
  }

  @EveryStrategy
  void close_duringAsyncSum_failsItWithCancellationException(Strategy strategy)
      throws Exception {
    RangeSummer summer = strategy.get();
    CountingTerm counting = new CountingTerm();
    CompletableFuture<Long> future = summer.sumAsync(0, Long.MAX_VALUE, counting.term);
    counting.awaitCalls();

    summer.close();
    assertThrows(CancellationException.class, () -> get(future));
    assertTrue(future.isCompletedExceptionally());
    counting.awaitStopped();
  }

  @EveryStrategy
  void close_duringSyncSum_throwsCancellationException(Strategy strategy)
      throws Exception {
    RangeSummer summer = strategy.get();
    CountingTerm counting = new CountingTerm();
    CompletableFuture<Long> sum =
        onNewThread("closed-caller", () -> summer.sum(0, Long.MAX_VALUE, counting.term));
    counting.awaitCalls();

    summer.close();
    assertInstanceOf(CancellationException.class, failureOf(sum));
    counting.awaitStopped();
  }

  /**
   * A synchronous sum of one chunk runs on its caller alone, with no helper dispatched; close used
   * to miss it, since only dispatched jobs were tracked, and it ran on after close.
   */
  @EveryStrategy
  void close_duringSingleChunkSyncSum_throwsCancellationException(Strategy strategy)
      throws Exception {
    RangeSummer summer = strategy.get();
    CountingTerm counting = new CountingTerm();
    RangeSummer oneChunk = summer.withMinChunkSize(Long.MAX_VALUE);
    CompletableFuture<Long> sum =
        onNewThread("closed-caller", () -> oneChunk.sum(0, Long.MAX_VALUE, counting.term));
    counting.awaitCalls();

    summer.close();
    assertInstanceOf(CancellationException.class, failureOf(sum));
    counting.awaitStopped();
  }

  @EveryStrategy
  void close_duringIdentitySum_throwsCancellationException(Strategy strategy)
      throws Exception {
    RangeSummer summer = strategy.get();
    LongAdder reports = new LongAdder();
    RangeSummer reporting =
        summer.withProgress((done, total) -> reports.increment(), Duration.ofMillis(1));
    CompletableFuture<BigInteger> sum =
        onNewThread("closed-caller", () -> reporting.sumExact(Long.MIN_VALUE, Long.MAX_VALUE));
    awaitUnderWay(strategy, () -> reports.sum() > 0);

    summer.close();
    assertInstanceOf(CancellationException.class, failureOf(sum));
  }

  @EveryStrategy
  void close_cancelsOnlyItsOwnSums(Strategy strategy) throws Exception {
    try (RangeSummer other = strategy.get()) {
      RangeSummer closed = strategy.get();
      CompletableFuture<Long> survivor = other.sumAsync(0, 50_000_000, i -> i);
      CountingTerm counting = new CountingTerm();
      CompletableFuture<Long> victim = closed.sumAsync(0, Long.MAX_VALUE, counting.term);
      counting.awaitCalls();

      closed.close();
      assertThrows(CancellationException.class, () -> get(victim));
      assertEquals(closedForm(0, 50_000_000).longValue(), get(survivor));
      counting.awaitStopped();
    }
  }
}
