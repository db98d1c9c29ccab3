/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.await;
import static io.github.rangesummer.TestSupport.failureOf;
import static io.github.rangesummer.TestSupport.onNewThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Closing a summer whatever its terms and its caller do (issue 13): from an interrupted thread,
 * with a term that never returns, and after sums smaller than the worker count.
 */
class HostileCloseTest {

  private static Set<Long> children() {
    return ProcessHandle.current()
        .children()
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  @Test
  void multiProcess_closeFromInterruptedThread_reapsEveryWorkerAndKeepsFlag() throws Exception {
    Set<Long> before = children();
    RangeSummer summer = RangeSummer.multiProcess(4);
    assertEquals(
        TestSupport.closedForm(0, 1_000_000).longValue(),
        summer.withMinChunkSize(1_000).sum(0, 1_000_000, i -> i));
    Set<Long> workers = children();
    workers.removeAll(before);
    assertEquals(4, workers.size(), () -> "four workers, not " + workers);

    closeFromInterruptedThread(summer);
    List<Long> alive = new ArrayList<>();
    for (long pid : workers) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        alive.add(pid);
      }
    }
    assertEquals(List.of(), alive, "workers alive right after close()");
  }

  /**
   * The same on {@code distributed}, with a sum running on the members: {@code close()} from an
   * interrupted thread returns, keeps the flag, and the sum's loops on the members stop.
   */
  @Test
  void distributed_closeFromInterruptedThread_stopsItsSumAndKeepsFlag() throws Exception {
    RangeSummer summer = RangeSummer.distributed(HazelcastMembers.executor(), 4);
    CountingTerm counting = new CountingTerm();
    java.util.concurrent.CompletableFuture<Long> sum =
        summer.sumAsync(0, Long.MAX_VALUE, counting.term);
    counting.awaitCalls();
    closeFromInterruptedThread(summer);
    assertTrue(sum.isCompletedExceptionally(), "the running sum was cancelled");
    counting.awaitStopped();
  }

  /** Closes {@code summer} from a thread that is interrupted, and checks that it stays so. */
  private static void closeFromInterruptedThread(RangeSummer summer) throws Exception {
    boolean interrupted =
        onNewThread(
                "interrupted-closer",
                () -> {
                  Thread.currentThread().interrupt();
                  summer.close();
                  return Thread.currentThread().isInterrupted();
                })
            .get(TestSupport.HANG.toSeconds(), TimeUnit.SECONDS);
    assertTrue(interrupted, "close() keeps the interrupt flag");
  }

  @Test
  void threaded_closeFromInterruptedThread_endsIdleThreadsAndKeepsFlag() throws Exception {
    RangeSummer summer = RangeSummer.threaded(4);
    summer.withMinChunkSize(1).sum(0, 1_000, i -> i);
    closeFromInterruptedThread(summer);
    await("no threaded pool thread is left", () -> poolThreads(summer).isEmpty());
  }

  private static List<String> poolThreads(RangeSummer summer) {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("range-summer-threaded-"))
        .toList();
  }

  /** Collects what the library logs. */
  private static final class Recorder extends Handler {
    final List<LogRecord> records = new ArrayList<>();

    @Override
    public synchronized void publish(LogRecord record) {
      records.add(record);
    }

    synchronized List<String> warnings() {
      List<String> messages = new ArrayList<>();
      for (LogRecord record : records) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          messages.add(new java.util.logging.SimpleFormatter().formatMessage(record));
        }
      }
      return messages;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void threaded_closeWhileTermIgnoresInterrupts_returnsAndSaysWhichThreadsRemain()
      throws Exception {
    Logger logger = Logger.getLogger("io.github.rangesummer");
    Recorder recorder = new Recorder();
    logger.addHandler(recorder);
    AtomicBoolean release = new AtomicBoolean();
    AtomicInteger inside = new AtomicInteger();
    LongTerm stubborn =
        i -> {
          inside.incrementAndGet();
          long deadline = System.nanoTime() + TestSupport.HANG.toNanos();
          while (!release.get() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait(); // ignores interrupts
          }
          return i;
        };
    RangeSummer summer = RangeSummer.threaded(2);
    try {
      CompletableFuture<Long> sum = summer.withMinChunkSize(1).sumAsync(0, 2, stubborn);
      await("both threads are in the term", () -> inside.get() == 2);
      // Bounded: close() may wait a little for the term, never for ever.
      onNewThread("closer", () -> {
            summer.close();
            return null;
          })
          .get(TestSupport.HANG.toSeconds() / 2, TimeUnit.SECONDS);
      assertInstanceOf(CancellationException.class, failureOf(sum));
      List<String> warnings = recorder.warnings();
      assertFalse(warnings.isEmpty(), "close() says that threads are still running");
      assertTrue(
          warnings.get(0).contains("range-summer-threaded-"),
          () -> "the warning names the threads: " + warnings);
    } finally {
      release.set(true);
      logger.removeHandler(recorder);
    }
    await("the threads end once the term returns", () -> poolThreads(summer).isEmpty());
  }

  @Test
  void multiProcess_moreWorkersThanChunks_startsOneWorkerPerChunk() throws Exception {
    Set<Long> before = children();
    try (RangeSummer summer = RangeSummer.multiProcess(8)) {
      assertEquals(45, summer.sum(0, 10));
      Set<Long> workers = children();
      workers.removeAll(before);
      assertEquals(1, workers.size(), () -> "one chunk, one worker, not " + workers);
      assertEquals(45, summer.withMinChunkSize(1).sum(0, 10, i -> i));
    }
  }
}
