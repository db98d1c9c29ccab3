/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * User callbacks that never return in time (issue 13): code attached to a {@code sumAsync} future
 * and progress listeners. They run on threads that deliver no other summer's deadline, so a stuck
 * callback stalls only its own sum's reports, never another sum's deadline.
 */
class HostileCallbacksTest {

  /** Released at the end of each test, so that no callback outlives it. */
  private final CountDownLatch release = new CountDownLatch(1);

  /** A term slow enough that a sum of a million elements outlasts every test. */
  private static long slow(long index) {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return index;
  }

  private void hold() {
    try {
      release.await(TestSupport.HANG.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Another summer's deadline passes while the stuck callback holds its thread. */
  private static void assertDeadlineStillFires() throws Exception {
    try (RangeSummer other = RangeSummer.sequential()) {
      CompletableFuture<Long> hurried =
          other
              .withTimeout(Duration.ofMillis(100))
              .sumAsync(0, 1_000_000, HostileCallbacksTest::slow);
      try {
        // Bounded well below the callback's hold: a stalled deadline is a failure, not a hang.
        hurried.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        assertInstanceOf(TimeoutException.class, e.getCause());
        return;
      } finally {
        hurried.cancel(true);
      }
    }
    throw new AssertionError("the other sum finished, which it cannot in time");
  }

  @EveryStrategy
  void whenComplete_blocksOnTimedOutFuture_otherDeadlinesStillFire(
      Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      CountDownLatch stuck = new CountDownLatch(1);
      CompletableFuture<Long> first =
          summer
              .withTimeout(Duration.ofMillis(50))
              .withMinChunkSize(1)
              .sumAsync(0, 1_000_000, HostileCallbacksTest::slow);
      first.whenComplete(
          (value, failure) -> {
            stuck.countDown();
            hold();
          });
      try {
        assertTrue(stuck.await(TestSupport.HANG.toSeconds(), TimeUnit.SECONDS), "completed");
        assertDeadlineStillFires();
      } finally {
        release.countDown();
      }
    }
  }

  @EveryStrategy
  void whenComplete_blocksOnTimedOutFuture_summerStaysUsable(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      CountDownLatch stuck = new CountDownLatch(1);
      summer
          .withTimeout(Duration.ofMillis(50))
          .sumAsync(0, 1_000_000, HostileCallbacksTest::slow)
          .whenComplete(
              (value, failure) -> {
                stuck.countDown();
                hold();
              });
      try {
        assertTrue(stuck.await(TestSupport.HANG.toSeconds(), TimeUnit.SECONDS), "completed");
        // The timed-out sum let go of its threads or workers, though its callback is stuck.
        CompletableFuture<Long> next =
            TestSupport.onNewThread("next", () -> summer.withMinChunkSize(1).sum(0, 10, i -> i));
        assertEquals(45L, next.get(10, TimeUnit.SECONDS));
      } finally {
        release.countDown();
      }
    }
  }

  /**
   * A listener that never returns holds up its own reports only: its sum still reaches its
   * deadline. The first report must come before that deadline, which on a loaded machine a
   * worker's first progress frame may not (issue 21); a run without a report proves nothing, so
   * the test runs again with a deadline twice as long, up to about six seconds.
   */
  @EveryStrategy
  void progressListener_blocks_ownDeadlineAndOthersStillFire(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      summer.sum(0, 10); // worker processes start before the deadline counts
      for (long timeout = 200; ; timeout *= 2) {
        CountDownLatch stuck = new CountDownLatch(1);
        RangeSummer reporting =
            summer
                .withTimeout(Duration.ofMillis(timeout))
                .withProgress(
                    (done, total) -> {
                      stuck.countDown();
                      hold();
                    },
                    Duration.ofNanos(1));
        // A strategy that reports progress per finished chunk gets a sum whose first half is
        // quick, so that its chunks finish before the deadline; the second half outlasts it.
        CompletableFuture<Long> first =
            !strategy.progressWithinChunks()
                ? reporting
                    .withMinChunkSize(1_000)
                    .sumAsync(0, 64_000, i -> i < 32_000 ? 1 : slow(i))
                : reporting.withMinChunkSize(1).sumAsync(0, Long.MAX_VALUE, i -> i & 1);
        TestSupport.await("a report or the deadline", () -> stuck.getCount() == 0 || first.isDone());
        if (stuck.getCount() != 0) {
          assertTrue(timeout < 6_400, "no report came before a deadline of " + timeout + " ms");
          continue; // the deadline came first: nothing was shown; again, with more time
        }
        try {
          // The stuck listener delays its own reports only: its sum still times out.
          CompletableFuture<Throwable> failure =
              TestSupport.onNewThread("waiter", () -> failureOf(first));
          assertInstanceOf(TimeoutException.class, failure.get(20, TimeUnit.SECONDS));
          assertDeadlineStillFires();
        } finally {
          release.countDown();
        }
        return;
      }
    }
  }
}
