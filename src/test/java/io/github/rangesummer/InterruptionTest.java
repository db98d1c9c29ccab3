/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.await;
import static io.github.rangesummer.TestSupport.awaitStable;
import static io.github.rangesummer.TestSupport.awaitUnderWay;
import static io.github.rangesummer.TestSupport.closedForm;
import static io.github.rangesummer.TestSupport.onNewThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A synchronous caller that is interrupted stops, throws a {@link RangeSummerException} caused by
 * an {@link InterruptedException}, and keeps its interrupt flag; the summer stays usable. Part of
 * the contract suite: tests run on every strategy, except those that need the caller to compute
 * chunks itself, which run on the in-JVM ones.
 */
class InterruptionTest {

  /** What a sum on another thread ended with: its exception and the interrupt flag after it. */
  private static final class Outcome {
    final Throwable thrown;
    final boolean interrupted;

    Outcome(Throwable thrown, boolean interrupted) {
      this.thrown = thrown;
      this.interrupted = interrupted;
    }
  }

  private static CompletableFuture<Outcome> sumOnNewThread(Runnable sum) {
    return onNewThread(
        "interrupted-caller",
        () -> {
          try {
            sum.run();
            return new Outcome(null, Thread.currentThread().isInterrupted());
          } catch (Throwable thrown) {
            return new Outcome(thrown, Thread.currentThread().isInterrupted());
          }
        });
  }

  private static void assertInterruptedOutcome(Outcome outcome) {
    if (outcome.thrown == null) {
      fail("the sum returned although its caller was interrupted");
    }
    RangeSummerException e = assertInstanceOf(RangeSummerException.class, outcome.thrown);
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertTrue(outcome.interrupted, "the interrupt flag stays set");
  }

  @EveryStrategy
  void sum_callerInterrupted_stopsThrowsAndKeepsFlag(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      CountingTerm counting = new CountingTerm();
      List<Thread> callers = new CopyOnWriteArrayList<>();
      CompletableFuture<Outcome> outcome =
          sumOnNewThread(
              () -> {
                callers.add(Thread.currentThread());
                summer.sum(0, Long.MAX_VALUE, counting.term);
              });
      counting.awaitCalls();
      callers.get(0).interrupt();

      assertInterruptedOutcome(outcome.get(HANG.toSeconds(), TimeUnit.SECONDS));
      counting.awaitStopped();
      assertEquals(closedForm(0, 5_000_000).longValue(), summer.sum(0, 5_000_000));
    }
  }

  /** The interrupt reaches the caller while it computes a chunk itself. */
  @EveryInJvmStrategy
  void sum_callerInterruptedWhileComputing_stopsThrowsAndKeepsFlag(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      LongAdder calls = new LongAdder();
      AtomicBoolean callerStarted = new AtomicBoolean();
      List<Thread> callers = new CopyOnWriteArrayList<>();
      CompletableFuture<Outcome> outcome =
          sumOnNewThread(
              () -> {
                callers.add(Thread.currentThread());
                summer.sum(
                    0,
                    Long.MAX_VALUE,
                    i -> {
                      calls.increment();
                      if (!callerStarted.get() && Thread.currentThread() == callers.get(0)) {
                        callerStarted.set(true);
                      }
                      return i;
                    });
              });
      await("the caller computes", callerStarted::get);
      callers.get(0).interrupt();

      assertInterruptedOutcome(outcome.get(HANG.toSeconds(), TimeUnit.SECONDS));
      awaitStable("term calls", calls::sum);
      assertEquals(closedForm(0, 5_000_000).longValue(), summer.sum(0, 5_000_000));
    }
  }

  @EveryStrategy
  void sum_identityCallerInterrupted_stopsThrowsAndKeepsFlag(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      AtomicBoolean started = new AtomicBoolean();
      CompletableFuture<Outcome> outcome =
          sumOnNewThread(
              () ->
                  summer
                      .withProgress((done, total) -> started.set(true), Duration.ofMillis(1))
                      .sum(Long.MIN_VALUE, Long.MAX_VALUE));
      awaitUnderWay(strategy, started::get);
      Thread caller = findThread("interrupted-caller");
      caller.interrupt();

      assertInterruptedOutcome(outcome.get(HANG.toSeconds(), TimeUnit.SECONDS));
      assertEquals(
          closedForm(-3, 7_000_000).longValue(), summer.sumAsync(-3, 7_000_000).get());
    }
  }

  private static Thread findThread(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no thread " + name));
  }

  @EveryStrategy
  void sum_callerAlreadyInterrupted_throwsAndKeepsFlag(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      CountingTerm counting = new CountingTerm();
      CompletableFuture<Outcome> outcome =
          sumOnNewThread(
              () -> {
                Thread.currentThread().interrupt();
                summer.sum(0, Long.MAX_VALUE, counting.term);
              });
      assertInterruptedOutcome(outcome.get(HANG.toSeconds(), TimeUnit.SECONDS));
      counting.awaitStopped();
      assertEquals(closedForm(0, 5_000).longValue(), summer.sum(0, 5_000, i -> i));
    }
  }

  @EveryStrategy
  void sumExactAndSumDouble_callerInterrupted_throwAndKeepFlag(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      Outcome exact =
          sumOnNewThread(
                  () -> {
                    Thread.currentThread().interrupt();
                    summer.sumExact(Long.MIN_VALUE, Long.MAX_VALUE);
                  })
              .get(HANG.toSeconds(), TimeUnit.SECONDS);
      assertInterruptedOutcome(exact);
      Outcome floating =
          sumOnNewThread(
                  () -> {
                    Thread.currentThread().interrupt();
                    summer.sumDouble(0, Long.MAX_VALUE, i -> 0.5);
                  })
              .get(HANG.toSeconds(), TimeUnit.SECONDS);
      assertInterruptedOutcome(floating);
    }
  }

  /**
   * An interrupted caller used to abandon each chunk it held after one block yet count it as
   * done, so the job could complete with a partial sum and report {@code done == total} to the
   * listener although the call failed.
   */
  @EveryInJvmStrategy
  void sum_callerInterruptedMidChunk_reportsNoFinalProgress(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      long end = 2_000_000;
      List<long[]> reports = new CopyOnWriteArrayList<>();
      LongAdder calls = new LongAdder();
      AtomicBoolean interrupted = new AtomicBoolean();
      AtomicBoolean callerComputes = new AtomicBoolean();
      List<Thread> callers = new CopyOnWriteArrayList<>();
      RangeSummer reporting =
          summer
              .withMinChunkSize(10_000)
              .withProgress((done, total) -> reports.add(new long[] {done, total}));
      CompletableFuture<Outcome> outcome =
          sumOnNewThread(
              () -> {
                callers.add(Thread.currentThread());
                reporting.sum(
                    0,
                    end,
                    i -> {
                      calls.increment();
                      if (Thread.currentThread() != callers.get(0)) {
                        // Helpers wait until the caller computes too: with many helpers on a
                        // busy machine, they could otherwise take every chunk before it does.
                        await("the caller computes a chunk", callerComputes::get);
                      } else {
                        callerComputes.set(true);
                        // The caller interrupts itself once, in the middle of a chunk.
                        if (i % 10_000 == 5_000 && interrupted.compareAndSet(false, true)) {
                          Thread.currentThread().interrupt();
                        }
                      }
                      return i;
                    });
              });
      assertInterruptedOutcome(outcome.get(HANG.toSeconds(), TimeUnit.SECONDS));
      awaitStable("term calls", calls::sum);
      for (long[] report : reports) {
        assertTrue(report[0] < end, () -> "reported " + report[0] + " of " + end);
      }
    }
  }

  /**
   * The same abandoned chunks, counted as done, used to make a sum return a wrong value when the
   * interrupt flag was cleared before the caller waited for the result, as by a term that
   * swallows interrupts. A sum returns the exact value or throws, nothing in between.
   */
  @EveryInJvmStrategy
  void sum_termSwallowsCallerInterrupt_neverReturnsPartialSum(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      long end = 2_000_000;
      AtomicBoolean interrupted = new AtomicBoolean();
      AtomicBoolean swallowed = new AtomicBoolean();
      AtomicLong previous = new AtomicLong(-2);
      List<Thread> callers = new CopyOnWriteArrayList<>();
      RangeSummer small = summer.withMinChunkSize(10_000);
      CompletableFuture<Long> result =
          onNewThread(
              "swallowing-caller",
              () -> {
                callers.add(Thread.currentThread());
                return small.sum(
                    0,
                    end,
                    i -> {
                      if (Thread.currentThread() == callers.get(0)) {
                        boolean newChunk = i != previous.getAndSet(i) + 1;
                        if (!interrupted.get() && i % 1_000 == 500) {
                          interrupted.set(true);
                          Thread.currentThread().interrupt(); // an interrupt arrives
                        } else if (interrupted.get() && !swallowed.get() && newChunk) {
                          // and the term eats it, in the next chunk the caller computes
                          swallowed.set(Thread.interrupted());
                        }
                      }
                      return i;
                    });
              });
      try {
        long sum = result.get(HANG.toSeconds(), TimeUnit.SECONDS);
        assertEquals(closedForm(0, end).longValue(), sum, "a sum is exact or throws");
      } catch (ExecutionException e) {
        assertInstanceOf(RuntimeException.class, e.getCause());
      }
    }
  }
}
