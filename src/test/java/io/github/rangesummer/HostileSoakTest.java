/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.await;
import static io.github.rangesummer.TestSupport.closedForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many threads mixing strategies, random cancels, deadlines, interrupts, slow listeners and
 * throwing terms for a bounded time (issue 13). Every sum returns the exact value or fails with
 * a documented exception, and once the summers are closed no library thread and no worker
 * process remains.
 */
class HostileSoakTest {

  private static final int THREADS = 8;
  private static final Duration RUN = Duration.ofSeconds(10);

  /** Thrown by terms on purpose, at a random index. */
  static final class Planned extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Planned(long index) {
      super("planned failure at " + index);
    }
  }

  @Test
  void soak_mixedStrategiesAndStops_exactOrDocumentedFailure_nothingLeftBehind() throws Exception {
    long seed = System.nanoTime();
    Set<Long> childrenBefore = children();
    ForkJoinPool pool = new ForkJoinPool(2);
    // Every strategy that needs no cluster, from the project's one list, and a borrowed pool.
    List<RangeSummer> summers = new ArrayList<>();
    for (var strategy : io.github.rangesummer.cli.Strategy.values()) {
      if (!strategy.needsCluster()) {
        summers.add(strategy.summer(Math.min(2, strategy.maxWorkers()), null));
      }
    }
    summers.add(RangeSummer.forkJoin(pool));
    AtomicLong outcomes = new AtomicLong();
    long deadline = System.nanoTime() + RUN.toNanos();
    try {
      List<CompletableFuture<Void>> threads =
          IntStream.range(0, THREADS)
              .mapToObj(
                  t ->
                      TestSupport.<Void>onNewThread(
                          "soak-" + t,
                          () -> {
                            SplittableRandom random = new SplittableRandom(seed + t);
                            int k = 0;
                            while (System.nanoTime() - deadline < 0) {
                              RangeSummer summer = summers.get(random.nextInt(summers.size()));
                              String where = "seed " + seed + ", thread " + t + ", sum " + k++;
                              once(summer, random, where);
                              outcomes.incrementAndGet();
                            }
                            return null;
                          }))
              .toList();
      for (CompletableFuture<Void> thread : threads) {
        thread.get(RUN.toSeconds() + TestSupport.HANG.toSeconds() * 2, TimeUnit.SECONDS);
      }
    } finally {
      for (RangeSummer summer : summers) {
        summer.close();
      }
      MoreExecutors.shutdownAndAwaitTermination(pool, TestSupport.HANG);
    }
    assertTrue(outcomes.get() > THREADS, "sums ran: " + outcomes);
    await("no library thread is left", () -> libraryThreads().isEmpty());
    await("no worker process is left", () -> childrenBefore.containsAll(children()));
  }

  private static void once(RangeSummer summer, SplittableRandom random, String where)
      throws Exception {
    long start = random.nextLong(-1L << 40, 1L << 40);
    long end = start + random.nextLong(random.nextBoolean() ? 1_000 : 2_000_000);
    long expected = closedForm(start, end).longValue();
    long failAt = random.nextInt(4) == 0 ? start + random.nextLong(end - start + 1) : Long.MIN_VALUE;
    LongTerm term =
        i -> {
          if (i == failAt) {
            throw new Planned(i);
          }
          return i;
        };
    if (random.nextBoolean()) {
      summer = summer.withMinChunkSize(1 + random.nextLong(50_000));
    }
    if (random.nextInt(3) == 0) {
      summer = summer.withTimeout(Duration.ofMillis(1 + random.nextInt(50)));
    }
    if (random.nextInt(3) == 0) {
      summer =
          summer.withProgress(
              // A slow listener. Its interval counts from the end of each report, so it is not
              // called at every checkpoint: on the shared common pool (one thread on two cores)
              // that would hold up every other forkJoin() sum for seconds.
              (done, total) -> LockSupport.parkNanos(1_000_000),
              Duration.ofMillis(5 + random.nextInt(5)));
    }
    boolean termFails = failAt != Long.MIN_VALUE && failAt < end;
    where += ", " + summer + ".sum(" + start + ", " + end + ")" + (termFails ? " failing" : "");
    switch (random.nextInt(3)) {
      case 0:
        {
          boolean interrupt = random.nextInt(8) == 0;
          if (interrupt) {
            Thread.currentThread().interrupt();
          }
          try {
            assertEquals(expected, summer.sum(start, end, term), where);
            assertTrue(!termFails, where + ": the term threw, yet the sum returned");
          } catch (RuntimeException e) {
            checkDocumented(e, where);
          } finally {
            Thread.interrupted();
          }
          break;
        }
      case 1:
        {
          CompletableFuture<Long> future = summer.sumAsync(start, end, term);
          if (random.nextBoolean()) {
            TestSupport.sleep(random.nextInt(5));
            future.cancel(true);
          }
          try {
            assertEquals(expected, future.get(TestSupport.HANG.toSeconds(), TimeUnit.SECONDS), where);
          } catch (java.util.concurrent.TimeoutException e) {
            fail(where + ": sumAsync did not complete; threads:\n" + threadDump(), e);
          } catch (CancellationException e) {
            assertTrue(future.isCancelled(), where);
          } catch (ExecutionException e) {
            checkDocumented(e.getCause(), where);
          }
          break;
        }
      default:
        try {
          assertEquals(closedForm(start, end).longValue(), summer.sum(start, end), where);
        } catch (RuntimeException e) {
          checkDocumented(e, where);
        }
        break;
    }
  }

  /** Fails unless {@code failure} is one the Javadoc of {@code sum} and {@code sumAsync} names. */
  private static void checkDocumented(Throwable failure, String where) {
    if (failure instanceof Planned || failure instanceof CancellationException) {
      return;
    }
    if (failure instanceof RemoteTermException) {
      assertEquals(Planned.class.getName(), ((RemoteTermException) failure).remoteClassName());
      return;
    }
    if (failure instanceof TimeoutException) {
      return; // sumAsync's deadline
    }
    if (failure instanceof RangeSummerException
        && (failure.getCause() instanceof TimeoutException
            || failure.getCause() instanceof InterruptedException)) {
      return;
    }
    fail(where + ": undocumented failure", failure);
  }

  private static String threadDump() {
    StringBuilder dump = new StringBuilder();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
      for (StackTraceElement frame : stack) {
        dump.append("    at ").append(frame).append('\n');
      }
    });
    return dump.toString();
  }

  /** The cleaner is one daemon thread per JVM, shared by all summers: it runs no sum. */
  private static List<String> libraryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("range-summer") && !name.equals("range-summer-cleaner"))
        .toList();
  }

  private static Set<Long> children() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
