/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.await;
import static io.github.rangesummer.TestSupport.closedForm;
import static io.github.rangesummer.TestSupport.failureOf;
import static io.github.rangesummer.TestSupport.get;
import static io.github.rangesummer.TestSupport.onNewThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.util.concurrent.Uninterruptibles;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * What only worker processes add to the reliability contract, on {@code multiProcess(2)}: a worker
 * that dies twice fails the sum; cancellation, deadlines and interruption leave cooperative workers
 * in place and replace deaf ones; progress survives a killed worker; close ends every worker. What
 * callers see (results, failures, stops, progress, concurrent callers) is the contract suite's, on
 * every strategy: see {@link Strategies}.
 *
 * <p>What the workers do is watched through {@link SharedLongs}: how often they call a term, and
 * which two workers meet in one sum, each computing a chunk at the same time. A worker that kept
 * computing an abandoned chunk could not meet the other before the parent killed it, and would come
 * back under a new pid; so "the same two pids meet again" proves that both workers gave up their
 * chunks by themselves. The tests share one summer, whose workers start once, except the test that
 * closes its own. A test that hangs fails after a minute.
 */
@Timeout(60)
class MultiProcessReliabilityTest {

  /**
   * The silence this class's workers may keep, in milliseconds: shorter than the default 10 s,
   * so that its frozen workers cost seconds, and still three heartbeats.
   */
  private static final long SILENCE_MILLIS = 3_000;

  private static RangeSummer summer;

  @BeforeAll
  static void startSummer() {
    summer = multiProcess(2);
  }

  /** {@code multiProcess(workers)} with workers allowed {@link #SILENCE_MILLIS} of silence. */
  private static RangeSummer multiProcess(int workers) {
    String property = "rangesummer.worker.silenceMillis";
    System.setProperty(property, Long.toString(SILENCE_MILLIS));
    try {
      return RangeSummer.multiProcess(workers);
    } finally {
      System.clearProperty(property);
    }
  }

  @AfterAll
  static void closeSummer() {
    summer.close();
    await("every worker process ended", () -> children().isEmpty());
  }

  private static Set<Long> children() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  /**
   * A term for a sum of two one-element chunks: each call writes its worker's pid on the board and
   * waits for the other call, so the sum returns only once two workers compute at the same time.
   */
  private static LongTerm meeting(SharedLongs board) {
    return i -> {
      board.set((int) board.increment(0), ProcessHandle.current().pid());
      long deadline = System.nanoTime() + HANG.toNanos();
      while (board.get(0) < 2) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("no second worker took a chunk");
        }
        LockSupport.parkNanos(100_000);
      }
      return 0;
    };
  }

  /** Returns the pids of the two workers, once both are free to take a chunk at once. */
  private static Set<Long> freeWorkers() {
    SharedLongs board = SharedLongs.create(3);
    assertEquals(0, summer.withMinChunkSize(1).sum(0, 2, meeting(board)));
    Set<Long> pids = new HashSet<>(List.of(board.get(1), board.get(2)));
    assertEquals(2, pids.size(), () -> "two workers, not " + pids);
    return pids;
  }

  /**
   * A term that writes its worker's pid on the board, then sleeps for 30 s in one element, deaf to
   * interrupts and never reaching a checkpoint: only killing its worker stops it.
   */
  private static LongTerm stuck(SharedLongs board) {
    return i -> {
      board.set((int) board.increment(0), ProcessHandle.current().pid());
      Uninterruptibles.sleepUninterruptibly(30, TimeUnit.SECONDS);
      return i;
    };
  }

  /** Both workers are free and the same as before, and sums are exact again. */
  private static void assertWorkersKeptAndUsable(Set<Long> workers) throws Exception {
    assertEquals(workers, freeWorkers(), "the same workers, both free: none was killed");
    assertUsable();
  }

  private static void assertUsable() throws Exception {
    assertEquals(closedForm(0, 30_000_000).longValue(), summer.sum(0, 30_000_000));
    assertEquals(closedForm(-7, 300_000).longValue(), get(summer.sumAsync(-7, 300_000, i -> i)));
  }

  // Frozen workers and busy ones (issue 24)

  /**
   * A worker stopped with {@code SIGSTOP} mid-sum: its chunk gets another attempt on the other
   * worker, the sum is exact, the frozen worker is killed once it has been silent for {@link
   * #SILENCE_MILLIS} and replaced, and the next sum is exact.
   */
  @Test
  void sum_workerFrozenMidSum_isExact_andTheFrozenWorkerIsReplaced() throws Exception {
    SharedLongs board = SharedLongs.create(2);
    LongTerm slow =
        i -> {
          if (board.increment(1) == 1) {
            board.set(0, ProcessHandle.current().pid());
          }
          LockSupport.parkNanos(500_000);
          return i;
        };
    try (RangeSummer own = multiProcess(2)) {
      CompletableFuture<Long> sum = own.withMinChunkSize(1_000).sumAsync(0, 10_000, slow);
      await("a worker computes", () -> board.get(0) != 0 && board.get(1) > 2_000);
      long frozen = board.get(0);
      signal("STOP", frozen);
      try {
        assertEquals(closedForm(0, 10_000).longValue(), get(sum));
        await(
            "the frozen worker is killed",
            () -> !ProcessHandle.of(frozen).map(ProcessHandle::isAlive).orElse(false));
      } finally {
        signal("CONT", frozen); // in case it is still there
      }
      assertEquals(
          closedForm(0, 400_000).longValue(), own.withMinChunkSize(1).sum(0, 400_000, i -> i));
    }
  }

  /**
   * A worker in a term call longer than the silence a worker may keep is not killed: its
   * heartbeats come from a thread of its own.
   */
  @Test
  void sum_termCallLongerThanTheSilenceAllowed_workerIsKept() throws Exception {
    Set<Long> workers = freeWorkers();
    long longer = SILENCE_MILLIS + 2_000;
    assertEquals(
        7,
        summer.sum(
            0,
            1,
            i -> {
              Uninterruptibles.sleepUninterruptibly(longer, TimeUnit.MILLISECONDS);
              return 7;
            }));
    assertWorkersKeptAndUsable(workers);
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    kill.waitFor(HANG.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void multiProcess_workerSilenceOutOfRange_failsNamingThePropertyAndValue() {
    assertEquals(
        "rangesummer.worker.silenceMillis (1999) must be between 2000 and 86400000",
        refusal("rangesummer.worker.silenceMillis", "1999").getMessage());
    assertEquals(
        "rangesummer.worker.silenceMillis (ten seconds) must be a number of milliseconds",
        refusal("rangesummer.worker.silenceMillis", "ten seconds").getMessage());
    assertEquals(
        "rangesummer.worker.startMillis (0) must be between 1000 and 86400000",
        refusal("rangesummer.worker.startMillis", "0").getMessage());
  }

  /** What {@code multiProcess(1)} throws while {@code property} is {@code value}. */
  private static IllegalArgumentException refusal(String property, String value) {
    System.setProperty(property, value);
    try {
      return assertThrows(IllegalArgumentException.class, () -> RangeSummer.multiProcess(1));
    } finally {
      System.clearProperty(property);
    }
  }

  // Failures

  @Test
  void sumAsync_workerDiesTwice_failsWithWorkerProcessException() throws Exception {
    CompletableFuture<Long> future =
        summer.sumAsync(
            0,
            10,
            i -> {
              if (i == 5) {
                Runtime.getRuntime().halt(44);
              }
              return i;
            });
    ExecutionException e = assertThrows(ExecutionException.class, () -> get(future));
    WorkerProcessException dead = assertInstanceOf(WorkerProcessException.class, e.getCause());
    assertEquals(44, dead.exitCode().orElseThrow());
    assertTrue(dead.getMessage().contains("lost on all 2 attempts"), dead.getMessage());
    freeWorkers(); // the dead workers were replaced
    assertUsable();
  }

  // Cancellation: cooperative workers keep their processes, deaf ones are replaced

  @Test
  void sumAsync_cancel_workersAbandonTheirChunks() throws Exception {
    Set<Long> workers = freeWorkers();
    CountingTerm counting = new CountingTerm();
    CompletableFuture<Long> future = summer.sumAsync(0, Long.MAX_VALUE, counting.term);
    counting.awaitCalls();

    assertTrue(future.cancel(true));
    assertThrows(CancellationException.class, () -> get(future));
    counting.awaitStopped();
    assertWorkersKeptAndUsable(workers);
  }

  @Test
  void sumAsync_identityCancel_workersAbandonTheirChunks() throws Exception {
    Set<Long> workers = freeWorkers();
    AtomicBoolean started = new AtomicBoolean();
    CompletableFuture<Long> future =
        summer
            .withProgress((done, total) -> started.set(true), Duration.ofMillis(1))
            .sumAsync(Long.MIN_VALUE, Long.MAX_VALUE);
    await("the workers report progress", started::get);

    assertTrue(future.cancel(true));
    assertThrows(CancellationException.class, () -> get(future));
    assertWorkersKeptAndUsable(workers);
  }

  @Test
  void sumAsync_completedFromOutside_workersAbandonTheirChunks() throws Exception {
    Set<Long> workers = freeWorkers();
    CountingTerm completed = new CountingTerm();
    CompletableFuture<Long> future = summer.sumAsync(0, Long.MAX_VALUE, completed.term);
    completed.awaitCalls();
    assertTrue(future.complete(42L));
    completed.awaitStopped();
    assertEquals(42L, get(future));

    CountingTerm timedOut = new CountingTerm();
    CompletableFuture<Long> late =
        summer.sumAsync(0, Long.MAX_VALUE, timedOut.term).orTimeout(50, TimeUnit.MILLISECONDS);
    assertInstanceOf(TimeoutException.class, failureOf(late));
    timedOut.awaitStopped();
    assertWorkersKeptAndUsable(workers);
  }

  /**
   * A cancel that follows its chunk at once reaches the worker while the chunk is still queued or
   * just being taken up. A worker used to answer that it dropped such a chunk and then compute it
   * all the same: taken for idle, it was handed the next sum's chunks, which waited behind a chunk
   * of 2<sup>61</sup> elements. The race is narrow, so the test cancels many sums.
   */
  @Test
  void sumAsync_cancelledAtOnce_workersAbandonTheirChunks() throws Exception {
    Set<Long> workers = freeWorkers();
    CountingTerm counting = new CountingTerm();
    for (int k = 0; k < 2_000; k++) {
      CompletableFuture<Long> future =
          k % 2 == 0
              ? summer.sumAsync(Long.MIN_VALUE, Long.MAX_VALUE)
              : summer.sumAsync(0, Long.MAX_VALUE, counting.term);
      assertTrue(future.cancel(true));
    }
    counting.awaitStopped();
    assertWorkersKeptAndUsable(workers);
  }

  @Test
  void sumAsync_cancel_termIgnoresInterrupts_workersKilledAndReplaced() throws Exception {
    Set<Long> workers = freeWorkers();
    SharedLongs board = SharedLongs.create(3);
    CompletableFuture<Long> future = summer.withMinChunkSize(1).sumAsync(0, 2, stuck(board));
    // A worker counts itself in before it writes its pid: wait for both pids.
    await("both workers are stuck in the term", () -> board.get(1) != 0 && board.get(2) != 0);
    assertEquals(workers, Set.of(board.get(1), board.get(2)));

    assertTrue(future.cancel(true));
    assertThrows(CancellationException.class, () -> get(future));
    Set<Long> replacements = freeWorkers();
    for (long pid : workers) {
      assertFalse(replacements.contains(pid), "worker " + pid + " was replaced");
      ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());
    }
    assertEquals(
        closedForm(0, 1_000_000).longValue(),
        summer.withMinChunkSize(1_000).sum(0, 1_000_000, i -> i));
    assertUsable();
  }

  // Deadlines and interruption: cooperative workers abandon their chunks and stay

  @Test
  void sum_deadlinePasses_workersKeepTheirProcesses() throws Exception {
    Set<Long> workers = freeWorkers();
    RangeSummer hurried = summer.withTimeout(Duration.ofMillis(100));
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
    assertInstanceOf(
        TimeoutException.class, failureOf(hurried.sumAsync(0, Long.MAX_VALUE, counting.term)));
    assertInstanceOf(
        TimeoutException.class, failureOf(hurried.sumAsync(Long.MIN_VALUE, Long.MAX_VALUE)));
    counting.awaitStopped();
    assertWorkersKeptAndUsable(workers);
  }

  /** What a sum on another thread ended with: its exception and the interrupt flag after it. */
  private static final class Outcome {
    final Throwable thrown;
    final boolean interrupted;

    Outcome(Throwable thrown, boolean interrupted) {
      this.thrown = thrown;
      this.interrupted = interrupted;
    }
  }

  private static CompletableFuture<Outcome> sumOnNewThread(
      AtomicReference<Thread> caller, Runnable sum) {
    return onNewThread(
        "interrupted-caller",
        () -> {
          caller.set(Thread.currentThread());
          try {
            sum.run();
            return new Outcome(null, Thread.currentThread().isInterrupted());
          } catch (Throwable thrown) {
            return new Outcome(thrown, Thread.currentThread().isInterrupted());
          }
        });
  }

  private static void assertInterrupted(CompletableFuture<Outcome> future) throws Exception {
    Outcome outcome = get(future);
    if (outcome.thrown == null) {
      fail("the sum returned although its caller was interrupted");
    }
    RangeSummerException e = assertInstanceOf(RangeSummerException.class, outcome.thrown);
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertTrue(outcome.interrupted, "the interrupt flag stays set");
  }

  @Test
  void sum_callerInterrupted_stopsThrowsAndKeepsFlag() throws Exception {
    Set<Long> workers = freeWorkers();
    CountingTerm counting = new CountingTerm();
    AtomicReference<Thread> caller = new AtomicReference<>();
    CompletableFuture<Outcome> outcome =
        sumOnNewThread(caller, () -> summer.sum(0, Long.MAX_VALUE, counting.term));
    counting.awaitCalls();
    caller.get().interrupt();

    assertInterrupted(outcome);
    counting.awaitStopped();
    assertWorkersKeptAndUsable(workers);
  }

  @Test
  void sum_identityCallerInterrupted_stopsThrowsAndKeepsFlag() throws Exception {
    Set<Long> workers = freeWorkers();
    AtomicBoolean started = new AtomicBoolean();
    RangeSummer reporting =
        summer.withProgress((done, total) -> started.set(true), Duration.ofMillis(1));
    AtomicReference<Thread> caller = new AtomicReference<>();
    CompletableFuture<Outcome> outcome =
        sumOnNewThread(caller, () -> reporting.sumExact(Long.MIN_VALUE, Long.MAX_VALUE));
    await("the workers report progress", started::get);
    caller.get().interrupt();

    assertInterrupted(outcome);
    assertWorkersKeptAndUsable(workers);
  }

  @Test
  void sum_callerAlreadyInterrupted_throwsAndKeepsFlag() throws Exception {
    Set<Long> workers = freeWorkers();
    CountingTerm counting = new CountingTerm();
    AtomicReference<Thread> caller = new AtomicReference<>();
    Runnable[] sums = {
      () -> summer.sum(0, Long.MAX_VALUE, counting.term),
      () -> summer.sumExact(Long.MIN_VALUE, Long.MAX_VALUE),
      () -> summer.sumDouble(0, Long.MAX_VALUE, i -> 0.5),
    };
    for (Runnable sum : sums) {
      assertInterrupted(
          sumOnNewThread(
              caller,
              () -> {
                Thread.currentThread().interrupt();
                sum.run();
              }));
    }
    counting.awaitStopped();
    assertWorkersKeptAndUsable(workers);
  }

  // Progress

  private static final Duration INTERVAL = Duration.ofMillis(5);
  private static final long END = 1_000_000;

  /**
   * The identity, slowed by a 5 ms pause every 10,000 indexes: half a second of pauses, so that
   * each worker sends several progress frames (one per 50 ms) over its chunks.
   */
  private static final LongTerm SLOW =
      i -> {
        if (i % 10_000 == 0) {
          LockSupport.parkNanos(5_000_000);
        }
        return i;
      };

  /**
   * The elements a dead worker reported for its chunk are taken back when the chunk is retried:
   * reports never go backwards nor reach the total early, and the total comes once, at the end.
   */
  @Test
  void sum_workerKilledMidSum_progressStaysMonotonic() throws Exception {
    long victim = freeWorkers().iterator().next();
    RecordingListener listener = new RecordingListener();
    CompletableFuture<Long> future =
        summer.withMinChunkSize(10_000).withProgress(listener, INTERVAL).sumAsync(0, END, SLOW);
    await("progress is reported", () -> listener.count() >= 2);
    ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);

    assertEquals(closedForm(0, END).longValue(), get(future));
    listener.assertWellFormed(END, true);
    assertFalse(freeWorkers().contains(victim), "the killed worker was replaced");
  }

  // Close

  @Test
  void close_duringSums_failsThemWithCancellationExceptionAndEndsWorkers() throws Exception {
    Set<Long> before = children();
    RangeSummer closed = RangeSummer.multiProcess(2);
    // One worker sits in a term that ignores interrupts; the other computes a synchronous sum.
    SharedLongs board = SharedLongs.create(2);
    CompletableFuture<Long> stuckSum = closed.sumAsync(0, 1, stuck(board));
    await("a worker is stuck in the term", () -> board.get(0) == 1);
    CountingTerm counting = new CountingTerm();
    CompletableFuture<Long> syncSum =
        onNewThread("closed-caller", () -> closed.sum(0, Long.MAX_VALUE, counting.term));
    counting.awaitCalls();
    Set<Long> workers = children();
    workers.removeAll(before);
    assertEquals(2, workers.size(), () -> "two workers, not " + workers);

    closed.close();
    assertInstanceOf(CancellationException.class, failureOf(syncSum));
    assertInstanceOf(CancellationException.class, failureOf(stuckSum));
    for (long pid : workers) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid);
    }
    assertTrue(before.containsAll(children()), "no new process is left");
    assertThrows(IllegalStateException.class, () -> closed.sum(0, 10));
  }
}
