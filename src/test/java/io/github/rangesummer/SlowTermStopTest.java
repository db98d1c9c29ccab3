/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.await;
import static io.github.rangesummer.TestSupport.awaitStable;
import static io.github.rangesummer.TestSupport.failureOf;
import static io.github.rangesummer.TestSupport.onNewThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A stop takes effect within a few calls of a slow term, not after a fixed number of calls: a
 * deadline, a cancel, an interrupt and {@code close()} stop every thread's loop after the call it
 * is in. Before blocks were sized by time, every loop went on to the end of a 1,024-call block:
 * ten seconds with a 10 ms term.
 */
class SlowTermStopTest {

  /** How long one call of the slow term takes. */
  private static final long CALL_NANOS = 10_000_000;

  /**
   * Calls a loop may make after a stop: the one each thread is in, and one more if it read the
   * flag just before the stop; generous for five threads.
   */
  private static final long CALLS_AFTER_STOP = 20;

  private final AtomicLong calls = new AtomicLong();

  private final LongTerm slow =
      i -> {
        calls.incrementAndGet();
        LockSupport.parkNanos(CALL_NANOS);
        return 1;
      };

  @EveryInJvmStrategy
  void deadline_slowTerm_stopsFarBeforeAThousandCalls(Supplier<RangeSummer> strategy) {
    try (RangeSummer summer = strategy.get()) {
      RangeSummer timed = summer.withMinChunkSize(1).withTimeout(Duration.ofMillis(100));
      RangeSummerException thrown =
          assertThrows(RangeSummerException.class, () -> timed.sum(0, 100_000, slow));
      assertInstanceOf(TimeoutException.class, thrown.getCause());
    }
    // At 10 ms a call, 100 ms are about ten calls per thread. A thousand would take a deadline
    // seconds late; a loop that finishes a 1,024-call block makes more.
    long made = awaitStable("the term's calls", calls::get);
    assertTrue(made < 1_000, () -> made + " calls");
  }

  @Test
  void deadline_slowDoubleTerm_stopsFarBeforeAThousandCalls() {
    try (RangeSummer summer = RangeSummer.sequential()) {
      RangeSummer timed = summer.withTimeout(Duration.ofMillis(100));
      assertThrows(
          RangeSummerException.class,
          () -> timed.sumDouble(0, 100_000, i -> slow.applyAsLong(i) * 0.5));
    }
    long made = calls.get();
    assertTrue(made < 1_000, () -> made + " calls");
  }

  @EveryInJvmStrategy
  void cancel_slowTerm_stopsEveryLoopWithinACall(Supplier<RangeSummer> strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      CompletableFuture<Long> sum = summer.withMinChunkSize(1).sumAsync(0, 100_000, slow);
      await("the term runs", () -> calls.get() >= 3);
      sum.cancel(true);
      long atStop = calls.get();
      assertInstanceOf(CancellationException.class, failureOf(sum));
      long after = awaitStable("the term's calls", calls::get) - atStop;
      assertTrue(after <= CALLS_AFTER_STOP, () -> after + " calls after the cancel");
    }
  }

  @EveryInJvmStrategy
  void interrupt_slowTerm_stopsEveryLoopWithinACall(Supplier<RangeSummer> strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      Thread[] caller = new Thread[1];
      CompletableFuture<Long> sum =
          onNewThread(
              "slow-term-caller",
              () -> {
                caller[0] = Thread.currentThread();
                return summer.withMinChunkSize(1).sum(0, 100_000, slow);
              });
      await("the term runs", () -> calls.get() >= 3);
      caller[0].interrupt();
      long atStop = calls.get();
      assertInstanceOf(InterruptedException.class, failureOf(sum).getCause());
      long after = awaitStable("the term's calls", calls::get) - atStop;
      assertTrue(after <= CALLS_AFTER_STOP, () -> after + " calls after the interrupt");
    }
  }

  @EveryInJvmStrategy
  void close_slowTerm_stopsEveryLoopWithinACall(Supplier<RangeSummer> strategy) throws Exception {
    RangeSummer summer = strategy.get();
    CompletableFuture<Long> sum = summer.withMinChunkSize(1).sumAsync(0, 100_000, slow);
    await("the term runs", () -> calls.get() >= 3);
    long atStop = calls.get();
    summer.close();
    assertInstanceOf(CancellationException.class, failureOf(sum));
    long after = awaitStable("the term's calls", calls::get) - atStop;
    assertTrue(after <= CALLS_AFTER_STOP, () -> after + " calls after close()");
  }

  /**
   * Calls a term that swallows interrupts may make after a stop on any strategy, wherever it
   * runs: the block each loop is in, plus the time a stop takes to reach a worker or member.
   * Chunks of 62,500 calls each are far longer: a loop that waits for an interrupt the term
   * swallowed, as tasks on {@code distributed} did (issue 25), runs on to the end of its chunk.
   */
  private static final long DEAF_CALLS_AFTER_STOP = 5_000;

  /** A millisecond's sleep, whose interrupt it swallows, counting its calls wherever it runs. */
  private static LongTerm deaf(SharedLongs counter) {
    return i -> {
      counter.increment(0);
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        // swallowed, as careless terms do
      }
      return 1;
    };
  }

  private static void assertFewCallsAfter(SharedLongs counter, long atStop, String stop) {
    long after = awaitStable("the term's calls", () -> counter.get(0)) - atStop;
    assertTrue(
        after <= DEAF_CALLS_AFTER_STOP,
        () -> after + " calls after " + stop + " of a term that swallows interrupts");
  }

  @EveryStrategy
  void cancel_termSwallowsInterrupts_stopsEveryLoopAnyway(Strategy strategy) throws Exception {
    SharedLongs counter = SharedLongs.create(1);
    try (RangeSummer summer = strategy.get()) {
      CompletableFuture<Long> sum =
          summer.withMinChunkSize(20_000).sumAsync(0, 1_000_000, deaf(counter));
      await("the term runs", () -> counter.get(0) >= 20);
      sum.cancel(true);
      long atStop = counter.get(0);
      assertInstanceOf(CancellationException.class, failureOf(sum));
      assertFewCallsAfter(counter, atStop, "cancel(true)");
    }
  }

  @EveryStrategy
  void deadline_termSwallowsInterrupts_stopsEveryLoopAnyway(Strategy strategy) {
    SharedLongs counter = SharedLongs.create(1);
    try (RangeSummer summer = strategy.get()) {
      RangeSummer timed = summer.withMinChunkSize(20_000).withTimeout(Duration.ofMillis(500));
      RangeSummerException thrown =
          assertThrows(RangeSummerException.class, () -> timed.sum(0, 1_000_000, deaf(counter)));
      assertInstanceOf(TimeoutException.class, thrown.getCause());
      assertFewCallsAfter(counter, counter.get(0), "the deadline");
    }
  }

  @EveryStrategy
  void close_termSwallowsInterrupts_stopsEveryLoopAnyway(Strategy strategy) throws Exception {
    SharedLongs counter = SharedLongs.create(1);
    RangeSummer summer = strategy.get();
    CompletableFuture<Long> sum =
        summer.withMinChunkSize(20_000).sumAsync(0, 1_000_000, deaf(counter));
    await("the term runs", () -> counter.get(0) >= 20);
    long atStop = counter.get(0);
    summer.close();
    assertInstanceOf(CancellationException.class, failureOf(sum));
    assertFewCallsAfter(counter, atStop, "close()");
  }

  @Test
  void multiProcess_deadline_busyTerm_stopsTheWorkerLoopSoItIsNotReplaced() {
    try (RangeSummer summer = RangeSummer.multiProcess(1)) {
      assertEquals(45, summer.sum(0, 10, i -> i)); // the worker is up
      Set<Long> workers = children();
      RangeSummer timed = summer.withMinChunkSize(1).withTimeout(Duration.ofMillis(200));
      // Spins rather than sleeps, so that interrupting the worker's compute thread cannot help.
      LongTerm busy =
          i -> {
            long end = System.nanoTime() + CALL_NANOS;
            while (System.nanoTime() - end < 0) {
              Thread.onSpinWait();
            }
            return 1;
          };
      assertThrows(RangeSummerException.class, () -> timed.sum(0, 100_000, busy));
      // A worker that does not answer a cancel within 2 s is killed and replaced; one whose
      // loop stops within a call answers at once and serves the next sum.
      assertEquals(45, summer.sum(0, 10, i -> i));
      assertEquals(workers, children());
    }
  }

  private static Set<Long> children() {
    return ProcessHandle.current()
        .children()
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }
}
