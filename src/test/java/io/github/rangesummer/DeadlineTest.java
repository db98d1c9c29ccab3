/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.closedForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Uninterruptibles;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.function.Executable;

/**
 * {@code withTimeout} fails sums that outlive their deadline and leaves the others alone. Part of
 * the contract suite: every test runs on every strategy.
 */
class DeadlineTest {

  private static final Duration SHORT = Duration.ofMillis(100);

  @EveryStrategy
  void sum_deadlinePasses_throwsWithTimeoutCause(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      RangeSummer hurried = summer.withTimeout(SHORT);
      CountingTerm counting = new CountingTerm();
      Executable[] sums = {
        () -> hurried.sum(Long.MIN_VALUE, Long.MAX_VALUE),
        () -> hurried.sumExact(Long.MIN_VALUE, Long.MAX_VALUE),
        () -> hurried.sum(0, Long.MAX_VALUE, counting.term),
        () -> hurried.sumDouble(0, Long.MAX_VALUE, i -> 1.0 / (i + 1)),
      };
      for (Executable sum : sums) {
        RangeSummerException e =
            assertTimeoutPreemptively(HANG, () -> assertThrows(RangeSummerException.class, sum));
        TimeoutException cause = assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(cause.getMessage().contains("PT0.1S"), cause::getMessage);
      }
      counting.awaitStopped();
      assertEquals(closedForm(0, 10_000_000).longValue(), summer.sum(0, 10_000_000));
    }
  }

  @EveryStrategy
  void sumAsync_deadlinePasses_failsWithTimeoutException(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      CountingTerm counting = new CountingTerm();
      CompletableFuture<Long> future =
          summer.withTimeout(SHORT).sumAsync(0, Long.MAX_VALUE, counting.term);
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> future.get(HANG.toSeconds(), TimeUnit.SECONDS));
      assertInstanceOf(TimeoutException.class, e.getCause());
      counting.awaitStopped();

      CompletableFuture<Long> identity =
          summer.withTimeout(SHORT).sumAsync(Long.MIN_VALUE, Long.MAX_VALUE);
      e = assertThrows(
          ExecutionException.class, () -> identity.get(HANG.toSeconds(), TimeUnit.SECONDS));
      assertInstanceOf(TimeoutException.class, e.getCause());
    }
  }

  @EveryStrategy
  void sum_finishesInTime_isUnaffected(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      RangeSummer patient = summer.withTimeout(Duration.ofMinutes(5));
      // Remote strategies: fewer, longer sums.
      int rounds = strategy.scaled(200);
      for (int i = 0; i < rounds; i++) {
        long end = (strategy.inJvm() ? 1_000L : 100_000L) * i;
        assertEquals(closedForm(-i, end).longValue(), patient.sum(-i, end));
        assertEquals(closedForm(-i, end).longValue(), patient.sum(-i, end, x -> x));
        assertEquals(
            closedForm(-i, end).longValue(),
            patient.sumAsync(-i, end).get(HANG.toSeconds(), TimeUnit.SECONDS));
      }
      assertEquals(closedForm(0, 200_000_000).longValue(), patient.sum(0, 200_000_000));
    }
  }

  /**
   * A sum that finished in time is not touched by its deadline later, and neither is the next
   * sum on the same threads or workers, which runs while the first sum's deadline passes.
   */
  @EveryStrategy
  void sum_deadlineOfFinishedSum_doesNotFireLater(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      // Start every worker process first, so that the deadline counts only the sum; and give a
      // round trip to workers on a busy machine more time than a sum on threads.
      summer.withMinChunkSize(1).sum(0, 1_000, i -> i);
      Duration timeout = strategy.inJvm() ? SHORT : Duration.ofSeconds(1);
      CompletableFuture<Long> future = summer.withTimeout(timeout).sumAsync(0, 1_000, i -> i);
      assertEquals(499_500L, future.get(HANG.toSeconds(), TimeUnit.SECONDS));

      long pause = 2 * timeout.toMillis(); // past the first sum's deadline
      LongTerm pausing =
          i -> {
            if (i == 0) {
              Uninterruptibles.sleepUninterruptibly(pause, TimeUnit.MILLISECONDS);
            }
            return i;
          };
      assertEquals(499_500L, summer.sum(0, 1_000, pausing));
      assertEquals(499_500L, future.getNow(null));
      assertFalse(future.isCompletedExceptionally());
    }
  }
}
