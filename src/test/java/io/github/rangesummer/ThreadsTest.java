/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.await;
import static io.github.rangesummer.TestSupport.closedForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Uninterruptibles;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Who owns which threads: {@code threaded(n)} owns named daemon threads that end when idle or
 * closed; a borrowed fork/join pool is never shut down.
 */
class ThreadsTest {

  private static final Pattern THREADED_NAME = Pattern.compile("range-summer-threaded-\\d+-\\d+");

  private static Set<Thread> liveThreads(String namePrefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(namePrefix) && thread.isAlive())
        .collect(Collectors.toSet());
  }

  /** Sums with a term that records which threads call it, slowly enough to involve helpers. */
  private static Set<Thread> threadsOf(RangeSummer summer, boolean async) throws Exception {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    LongTerm term =
        i -> {
          threads.add(Thread.currentThread());
          if (i % 100 == 0) {
            LockSupport.parkNanos(100_000);
          }
          return i;
        };
    RangeSummer fine = summer.withMinChunkSize(100);
    long sum =
        async
            ? fine.sumAsync(0, 20_000, term).get(HANG.toSeconds(), TimeUnit.SECONDS)
            : fine.sum(0, 20_000, term);
    assertEquals(closedForm(0, 20_000).longValue(), sum);
    return threads;
  }

  @Test
  void threaded_close_endsItsThreads() throws Exception {
    RangeSummer summer = RangeSummer.threaded(4);
    Set<Thread> threads = threadsOf(summer, true);
    threads.addAll(threadsOf(summer, false));
    threads.remove(Thread.currentThread());
    assertFalse(threads.isEmpty(), "pool threads took part");
    String name = threads.iterator().next().getName();
    String prefix = name.substring(0, name.lastIndexOf('-') + 1);
    for (Thread thread : threads) {
      assertTrue(THREADED_NAME.matcher(thread.getName()).matches(), thread::getName);
      assertTrue(thread.getName().startsWith(prefix), "one pool per summer: " + thread.getName());
      assertTrue(thread.isDaemon(), thread::getName);
    }

    summer.close();
    await("the pool's threads end", () -> liveThreads(prefix).isEmpty());
    await("the recorded threads end", () -> threads.stream().noneMatch(Thread::isAlive));
  }

  /** Code attached to a future runs on a pool thread, and may close the summer from there. */
  @Test
  void threaded_closeFromItsOwnThread_doesNotWaitForItself() throws Exception {
    RangeSummer summer = RangeSummer.threaded(2);
    boolean[] interruptedAfterClose = new boolean[1];
    String[] closingThread = new String[1];
    CountDownLatch attached = new CountDownLatch(1);
    CompletableFuture<Long> running =
        summer.sumAsync(
            0,
            1_000,
            i -> {
              Uninterruptibles.awaitUninterruptibly(attached); // complete after thenApply is set
              return i;
            });
    CompletableFuture<Long> closed =
        running.thenApply(
                value -> {
                  closingThread[0] = Thread.currentThread().getName();
                  summer.close();
                  interruptedAfterClose[0] = Thread.currentThread().isInterrupted();
                  return value;
                });
    attached.countDown();
    assertEquals(closedForm(0, 1_000).longValueExact(), closed.get(HANG.toMillis(), TimeUnit.MILLISECONDS));
    assertTrue(THREADED_NAME.matcher(closingThread[0]).matches(), closingThread[0]);
    assertFalse(interruptedAfterClose[0], "close() interrupted its own caller");
    assertThrows(IllegalStateException.class, () -> summer.sum(0, 10));
    String prefix = closingThread[0].substring(0, closingThread[0].lastIndexOf('-') + 1);
    await("the pool's threads end", () -> liveThreads(prefix).isEmpty());
  }

  @Test
  void threaded_threadsOfSeparateSummers_haveSeparateNames() throws Exception {
    try (RangeSummer first = RangeSummer.threaded(2);
        RangeSummer second = RangeSummer.threaded(2)) {
      Set<String> firstNames =
          threadsOf(first, true).stream().map(Thread::getName).collect(Collectors.toSet());
      Set<String> secondNames =
          threadsOf(second, true).stream().map(Thread::getName).collect(Collectors.toSet());
      assertTrue(
          firstNames.stream().noneMatch(secondNames::contains), firstNames + " " + secondNames);
    }
  }

  /** The class Javadoc's one-liner, in a loop and never closed, must not pile up threads. */
  @Test
  void threaded_unclosedInLoop_threadsEndWhenIdle() {
    Set<Thread> before = liveThreads("range-summer-threaded-");
    for (int i = 0; i < 50; i++) {
      assertEquals(4999999950000000L, RangeSummer.threaded(4).sum(0, 100_000_000));
      liveThreads("range-summer-threaded-")
          .forEach(thread -> assertTrue(thread.isDaemon(), thread::getName));
    }
    await(
        "the threads of unclosed summers end when idle",
        () -> {
          Set<Thread> now = liveThreads("range-summer-threaded-");
          now.removeAll(before);
          return now.isEmpty();
        });
  }

  @EveryInJvmStrategy
  void libraryThreads_areDaemons(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      Set<Thread> threads = threadsOf(summer, true);
      threads.addAll(threadsOf(summer.withTimeout(Duration.ofMinutes(1)), false));
      threads.remove(Thread.currentThread());
      threads.addAll(liveThreads("range-summer-"));
      assertFalse(threads.isEmpty());
      for (Thread thread : threads) {
        assertTrue(thread.isDaemon(), thread::getName);
      }
    }
  }

  @Test
  void sequential_sumRunsOnCaller_sumAsyncOnItsOwnThread() throws Exception {
    try (RangeSummer summer = RangeSummer.sequential()) {
      assertEquals(Set.of(Thread.currentThread()), threadsOf(summer, false));
      Set<Thread> async = threadsOf(summer, true);
      assertEquals(1, async.size());
      Thread thread = async.iterator().next();
      assertTrue(thread.getName().startsWith("range-summer-sequential-"), thread::getName);
      assertTrue(thread.isDaemon());
    }
  }

  @Test
  void threaded_sum_computesOnAtMostWorkersThreads() throws Exception {
    try (RangeSummer summer = RangeSummer.threaded(3)) {
      for (int i = 0; i < 5; i++) {
        Set<Thread> sync = threadsOf(summer, false);
        assertTrue(sync.size() <= 3, "caller and helpers: " + sync);
        Set<Thread> async = threadsOf(summer, true);
        assertTrue(async.size() <= 3, "pool threads: " + async);
        assertFalse(async.contains(Thread.currentThread()));
      }
    }
  }

  @Test
  void forkJoinBorrowed_close_leavesPoolRunning() throws Exception {
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      RangeSummer summer = RangeSummer.forkJoin(pool);
      assertEquals(closedForm(0, 50_000_000).longValue(), summer.sum(0, 50_000_000));
      summer.close();
      summer.close();

      assertFalse(pool.isShutdown());
      assertEquals(42, pool.submit(() -> 42).get(HANG.toSeconds(), TimeUnit.SECONDS));
      try (RangeSummer again = RangeSummer.forkJoin(pool)) {
        assertEquals(closedForm(0, 50_000_000).longValue(), again.sum(0, 50_000_000));
        assertEquals(
            closedForm(0, 50_000).longValue(),
            again.sumAsync(0, 50_000, i -> i).get(HANG.toSeconds(), TimeUnit.SECONDS));
      }
      assertFalse(pool.isShutdown());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void forkJoinBorrowed_shutDownPool_rejectsPromptly() throws Exception {
    ForkJoinPool pool = new ForkJoinPool(2);
    RangeSummer summer = RangeSummer.forkJoin(pool);
    assertEquals(4_950, summer.sum(0, 100));
    pool.shutdown();
    assertTrue(pool.awaitTermination(HANG.toSeconds(), TimeUnit.SECONDS));

    Executable[] calls = {
      () -> summer.sum(0, 0),
      () -> summer.sum(0, 10),
      () -> summer.sum(0, Long.MAX_VALUE),
      () -> summer.sum(0, Long.MAX_VALUE, i -> i),
      () -> summer.sumExact(Long.MIN_VALUE, Long.MAX_VALUE),
      () -> summer.sumDouble(0, Long.MAX_VALUE, i -> i),
      () -> summer.sumAsync(0, 10),
      () -> summer.sumAsync(Long.MIN_VALUE, Long.MAX_VALUE),
      () -> summer.withMinChunkSize(Long.MAX_VALUE).sum(0, Long.MAX_VALUE),
      () -> RangeSummer.forkJoin(pool).sum(0, Long.MAX_VALUE),
    };
    // Promptly: a shut-down pool must not leave a sum of [0, Long.MAX_VALUE) to the caller.
    assertTimeoutPreemptively(
        HANG,
        () -> {
          for (Executable call : calls) {
            assertThrows(RejectedExecutionException.class, call);
          }
        });
    summer.close();
  }
}
