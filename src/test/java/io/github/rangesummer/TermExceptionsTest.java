/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.awaitStable;
import static io.github.rangesummer.TestSupport.closedForm;
import static io.github.rangesummer.TestSupport.sneakyThrow;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/**
 * A term's exception reaches the caller: unchecked ones and errors unchanged, checked ones as the
 * cause of a {@link RangeSummerException}; the remaining chunks are cancelled.
 */
class TermExceptionsTest {

  private static final long FAILING_INDEX = 12_345;
  private static final long END = 100_000;

  /** Every call that takes a term, failing with {@code failure} at {@link #FAILING_INDEX}. */
  private static Executable[] callsFailingWith(RangeSummer summer, Throwable failure) {
    LongTerm term = i -> i == FAILING_INDEX ? throwIt(failure) : i;
    DoubleTerm doubleTerm = i -> i == FAILING_INDEX ? throwIt(failure) : i;
    RangeSummer small = summer.withMinChunkSize(100);
    return new Executable[] {
      () -> summer.sum(0, END, term),
      () -> summer.sumExact(0, END, term),
      () -> summer.sumDouble(0, END, doubleTerm),
      () -> small.sum(0, END, term),
      () -> small.sumDouble(0, END, doubleTerm),
    };
  }

  private static long throwIt(Throwable failure) {
    throw sneakyThrow(failure);
  }

  @EveryInJvmStrategy
  void sum_termThrowsUnchecked_rethrowsSameInstance(Supplier<RangeSummer> strategy) {
    try (RangeSummer summer = strategy.get()) {
      IllegalStateException failure = new IllegalStateException("term failed");
      for (Executable call : callsFailingWith(summer, failure)) {
        assertSame(failure, assertThrows(IllegalStateException.class, call));
      }
    }
  }

  @EveryInJvmStrategy
  void sum_termThrowsError_rethrowsSameInstance(Supplier<RangeSummer> strategy) {
    try (RangeSummer summer = strategy.get()) {
      AssertionError failure = new AssertionError("term failed");
      for (Executable call : callsFailingWith(summer, failure)) {
        assertSame(failure, assertThrows(AssertionError.class, call));
      }
    }
  }

  @EveryInJvmStrategy
  void sum_termThrowsChecked_wrapsItAsCause(Supplier<RangeSummer> strategy) {
    try (RangeSummer summer = strategy.get()) {
      IOException failure = new IOException("term failed");
      for (Executable call : callsFailingWith(summer, failure)) {
        RangeSummerException e = assertThrows(RangeSummerException.class, call);
        assertSame(failure, e.getCause());
        assertTrue(e.getMessage().contains("[0, " + END + ")"), e::getMessage);
      }
    }
  }

  /**
   * A term that joins a {@code CompletableFuture} throws {@code CompletionException}; it is
   * unchecked, so it must reach the caller as it is, not unwrapped into its cause.
   */
  @EveryInJvmStrategy
  void sum_termThrowsCompletionException_rethrowsSameInstance(Supplier<RangeSummer> strategy) {
    try (RangeSummer summer = strategy.get()) {
      CompletionException failure = new CompletionException(new IOException("inner failure"));
      for (Executable call : callsFailingWith(summer, failure)) {
        assertSame(failure, assertThrows(CompletionException.class, call));
      }
    }
  }

  @EveryInJvmStrategy
  void sumAsync_termThrows_failsFutureWithSameException(Supplier<RangeSummer> strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      for (Throwable failure :
          new Throwable[] {
            new IllegalStateException("unchecked"),
            new AssertionError("error"),
            new IOException("checked")
          }) {
        CompletableFuture<Long> future =
            summer.sumAsync(0, END, i -> i == FAILING_INDEX ? throwIt(failure) : i);
        ExecutionException e =
            assertThrows(
                ExecutionException.class, () -> future.get(HANG.toSeconds(), TimeUnit.SECONDS));
        assertSame(failure, e.getCause());
        assertSame(failure, future.handle((value, thrown) -> thrown).get());
      }
    }
  }

  @EveryInJvmStrategy
  void sum_termThrows_cancelsRemainingChunks(Supplier<RangeSummer> strategy) {
    try (RangeSummer summer = strategy.get()) {
      LongAdder calls = new LongAdder();
      LongAdder afterFailure = new LongAdder();
      IllegalStateException failure = new IllegalStateException("term failed");
      AtomicBoolean failed = new AtomicBoolean();
      LongTerm term =
          i -> {
            if (failed.get()) {
              afterFailure.increment();
            }
            calls.increment();
            if (calls.sum() >= 200_000 && failed.compareAndSet(false, true)) {
              throw failure;
            }
            return 1;
          };
      // Without cancellation, the other chunks of [0, Long.MAX_VALUE) would never end.
      Executable sum = () -> summer.sum(0, Long.MAX_VALUE, term);
      assertTimeoutPreemptively(
          HANG, () -> assertSame(failure, assertThrows(IllegalStateException.class, sum)));
      awaitStable("term calls", calls::sum);
      // Other threads leave their chunks at the next checkpoint, within 1,024 elements.
      assertTrue(
          afterFailure.sum() < 100_000, () -> afterFailure.sum() + " calls after the failure");
    }
  }

  @EveryInJvmStrategy
  void sum_afterTermFailure_remainsUsable(Supplier<RangeSummer> strategy) {
    try (RangeSummer summer = strategy.get()) {
      IllegalStateException failure = new IllegalStateException("term failed");
      for (Executable call : callsFailingWith(summer, failure)) {
        assertThrows(IllegalStateException.class, call);
        assertAll(
            () -> assertEquals(closedForm(0, 10_000_000), summer.sumExact(0, 10_000_000)),
            () -> assertEquals(closedForm(0, END).longValue(), summer.sum(0, END, i -> i)),
            () -> assertEquals(closedForm(-5, END).longValue(), summer.sumAsync(-5, END).get()));
      }
    }
  }

  @EveryInJvmStrategy
  void sum_termThrowsCancellationException_rethrowsSameInstance(Supplier<RangeSummer> strategy) {
    try (RangeSummer summer = strategy.get()) {
      CancellationException failure = new CancellationException("term gave up");
      for (Executable call : callsFailingWith(summer, failure)) {
        assertSame(failure, assertThrows(CancellationException.class, call));
      }
    }
  }
}
