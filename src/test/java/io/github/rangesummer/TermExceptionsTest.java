/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.assertFromTerm;
import static io.github.rangesummer.TestSupport.awaitStable;
import static io.github.rangesummer.TestSupport.closedForm;
import static io.github.rangesummer.TestSupport.sneakyThrow;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.function.Executable;

/**
 * A term's exception reaches the caller: unchecked ones and errors unchanged, checked ones as the
 * cause of a {@link RangeSummerException}, from worker processes as a {@link RemoteTermException}
 * (see {@link TestSupport#assertFromTerm}); the remaining chunks are cancelled. Part of the
 * contract suite: every test runs on every strategy.
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

  @EveryStrategy
  void sum_termThrowsUnchecked_rethrowsSameInstance(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      IllegalStateException failure = new IllegalStateException("term failed");
      for (Executable call : callsFailingWith(summer, failure)) {
        assertFromTerm(strategy, failure, assertThrows(RuntimeException.class, call));
      }
    }
  }

  @EveryStrategy
  void sum_termThrowsError_rethrowsSameInstance(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      AssertionError failure = new AssertionError("term failed");
      for (Executable call : callsFailingWith(summer, failure)) {
        assertFromTerm(strategy, failure, assertThrows(Throwable.class, call));
      }
    }
  }

  @EveryStrategy
  void sum_termThrowsChecked_wrapsItAsCause(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      IOException failure = new IOException("term failed");
      for (Executable call : callsFailingWith(summer, failure)) {
        RangeSummerException e = assertThrows(RangeSummerException.class, call);
        assertFromTerm(strategy, failure, e);
        if (strategy.inJvm()) {
          assertTrue(e.getMessage().contains("[0, " + END + ")"), e::getMessage);
        }
      }
    }
  }

  /**
   * A term that joins a {@code CompletableFuture} throws {@code CompletionException}; it is
   * unchecked, so it must reach the caller as it is, not unwrapped into its cause.
   */
  @EveryStrategy
  void sum_termThrowsCompletionException_rethrowsSameInstance(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      CompletionException failure = new CompletionException(new IOException("inner failure"));
      for (Executable call : callsFailingWith(summer, failure)) {
        assertFromTerm(strategy, failure, assertThrows(RuntimeException.class, call));
      }
    }
  }

  @EveryStrategy
  void sumAsync_termThrows_failsFutureWithSameException(Strategy strategy)
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
        // The future holds even a checked exception as it is.
        if (strategy.inJvm()) {
          assertSame(failure, e.getCause());
        } else {
          assertFromTerm(strategy, failure, e.getCause());
        }
        assertSame(e.getCause(), future.handle((value, thrown) -> thrown).get());
      }
    }
  }

  /**
   * The most calls a thread's chunk loop makes between two checkpoints: one block of a term,
   * {@code Summation.MAX_TERM_BLOCK}. Blocks are sized by time (about a millisecond each), so how
   * many calls a block holds depends on the machine's speed and load; this is the bound that does
   * not.
   */
  private static final long MAX_TERM_BLOCK = 1 << 20;

  /** Each thread's calls of the term of {@link #sum_termThrows_cancelsRemainingChunks}. */
  private static final Map<Thread, AtomicLong> CALLS_BY_THREAD = new ConcurrentHashMap<>();

  @EveryStrategy
  void sum_termThrows_cancelsRemainingChunks(Strategy strategy) {
    CALLS_BY_THREAD.clear();
    try (RangeSummer summer = strategy.get()) {
      // Calls and failures, seen from every thread and worker.
      SharedLongs counts = SharedLongs.create(2);
      IllegalStateException failure = new IllegalStateException("term failed");
      // Without cancellation, the other chunks of [0, Long.MAX_VALUE) would never end.
      Executable sum = () -> summer.sum(0, Long.MAX_VALUE, failingAfter(200_000, counts, failure));
      assertTimeoutPreemptively(
          HANG,
          () -> assertFromTerm(strategy, failure, assertThrows(RuntimeException.class, sum)));
      // The job stopped before its result failed: from here on, every thread's loop may finish
      // the block it is in, but starts no other block and no other chunk.
      Map<Thread, Long> atFailure = new HashMap<>();
      CALLS_BY_THREAD.forEach((thread, calls) -> atFailure.put(thread, calls.get()));
      awaitStable("term calls", () -> counts.get(0));
      if (strategy.inJvm()) {
        assertFalse(atFailure.isEmpty(), "the term ran on no thread");
        CALLS_BY_THREAD.forEach(
            (thread, calls) -> {
              long after = calls.get() - atFailure.getOrDefault(thread, 0L);
              assertTrue(
                  after <= MAX_TERM_BLOCK,
                  () -> after + " calls on " + thread.getName() + " after the failure");
            });
      }
      // Other workers stop only once the cancel has made its round trip through the parent:
      // that they stop at all is what awaitStable saw.
    }
  }

  /**
   * A term that returns 1 and fails once, after {@code calls} calls, counting each thread's calls
   * in {@link #CALLS_BY_THREAD} (in whichever JVM it runs).
   */
  private static LongTerm failingAfter(long calls, SharedLongs counts, RuntimeException failure) {
    return i -> {
      CALLS_BY_THREAD.computeIfAbsent(Thread.currentThread(), thread -> new AtomicLong())
          .incrementAndGet();
      if (counts.increment(0) >= calls && counts.get(1) == 0 && counts.increment(1) == 1) {
        throw failure;
      }
      return 1;
    };
  }

  @EveryStrategy
  void sum_afterTermFailure_remainsUsable(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      IllegalStateException failure = new IllegalStateException("term failed");
      for (Executable call : callsFailingWith(summer, failure)) {
        assertThrows(RuntimeException.class, call);
        assertAll(
            () -> assertEquals(closedForm(0, 10_000_000), summer.sumExact(0, 10_000_000)),
            () -> assertEquals(closedForm(0, END).longValue(), summer.sum(0, END, i -> i)),
            () -> assertEquals(closedForm(-5, END).longValue(), summer.sumAsync(-5, END).get()));
      }
    }
  }

  @EveryStrategy
  void sum_termThrowsCancellationException_rethrowsSameInstance(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      CancellationException failure = new CancellationException("term gave up");
      for (Executable call : callsFailingWith(summer, failure)) {
        assertFromTerm(strategy, failure, assertThrows(RuntimeException.class, call));
      }
    }
  }
}
