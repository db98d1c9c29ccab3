/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.HANG;
import static io.github.rangesummer.TestSupport.closedForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One summer shared by many threads gives every one of them the closed form. Part of the contract
 * suite: every test runs on every strategy.
 */
class ConcurrencyTest {

  private static final int THREADS = 16;
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** A task of one thread; {@code thread} tells them apart. */
  interface Task {
    void run(int thread) throws Exception;
  }

  /** Runs {@code task} on {@link #THREADS} threads released together, and rethrows a failure. */
  static void onSixteenThreads(Task task) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            executor.submit(
                () -> {
                  start.await();
                  task.run(thread);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdownNow();
      assertTrue(executor.awaitTermination(HANG.toSeconds(), TimeUnit.SECONDS));
    }
  }

  @EveryStrategy
  void sum_sixteenThreadsSharingOneSummer_allExact(Strategy strategy)
      throws Exception {
    // Each sum on a remote strategy is a round trip per chunk: fewer of them.
    int rounds = strategy.inJvm() ? 10 : 4;
    try (RangeSummer summer = strategy.get()) {
      onSixteenThreads(
          thread -> {
            for (int k = 0; k < rounds; k++) {
              long start = -100_000L * thread - k;
              long end = 300_000L * (thread + 1) + k;
              long expected = closedForm(start, end).longValueExact();
              long middle = start + 10_000L * k;
              assertEquals(expected, summer.sum(start, end));
              assertEquals(expected, summer.sum(start, middle, i -> i) + summer.sum(middle, end));
              assertEquals(closedForm(start, end), summer.sumExact(start, end));
              assertEquals(expected, summer.sumAsync(start, end).get(60, TimeUnit.SECONDS));
              assertEquals(
                  closedForm(start, middle).doubleValue(), summer.sumDouble(start, middle, i -> i));
            }
          });
    }
  }

  /**
   * Thousands of random sums from sixteen threads over the whole {@code long} domain, with random
   * chunk sizes on summers derived from one shared summer, against the closed form.
   */
  @EveryStrategy
  void soak_randomSumsFromSixteenThreads_matchClosedForm(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      long seed = System.nanoTime();
      // Each sum on a remote strategy is a round trip: fewer of them.
      int sums = strategy.inJvm() ? 250 : 60;
      onSixteenThreads(
          thread -> {
            SplittableRandom random = new SplittableRandom(seed + thread);
            for (int k = 0; k < sums; k++) {
              soakOnce(summer, random, "seed " + seed + ", thread " + thread + ", sum " + k);
            }
          });
    }
  }

  /**
   * Checks one random sum on {@code shared}, or on a summer derived from it with a random minimum
   * chunk size, against the closed form.
   */
  static void soakOnce(RangeSummer shared, SplittableRandom random, String where)
      throws Exception {
    long length = random.nextLong(random.nextBoolean() ? 1_000 : 1L << 20);
    long start;
    switch (random.nextInt(4)) {
      case 0:
        start = Long.MIN_VALUE + random.nextLong(1_000);
        break;
      case 1:
        start = Long.MAX_VALUE - length - random.nextLong(1_000);
        break;
      case 2:
        start = random.nextLong(-1L << 40, 1L << 40);
        break;
      default:
        start = random.nextLong(Long.MIN_VALUE, Long.MAX_VALUE - length);
        break;
    }
    long end = start + length;
    RangeSummer summer =
        random.nextBoolean() ? shared : shared.withMinChunkSize(1 + random.nextLong(100_000));
    BigInteger expected = closedForm(start, end);
    boolean fits = expected.compareTo(LONG_MIN) >= 0 && expected.compareTo(LONG_MAX) <= 0;
    switch (random.nextInt(4)) {
      case 0:
        if (fits) {
          assertEquals(expected.longValue(), summer.sum(start, end), where);
        } else {
          assertThrows(ArithmeticException.class, () -> summer.sum(start, end), where);
        }
        break;
      case 1:
        assertEquals(expected, summer.sumExact(start, end), where);
        break;
      case 2:
        long shortEnd = start + Math.min(length, 50_000);
        assertEquals(closedForm(start, shortEnd), summer.sumExact(start, shortEnd, i -> i), where);
        break;
      default:
        if (fits) {
          assertEquals(
              expected.longValue(), summer.sumAsync(start, end).get(60, TimeUnit.SECONDS), where);
        }
        break;
    }
  }

  /** The identity, counting the calls of each index in {@code calls}, wherever it runs. */
  private static LongTerm counting(SharedLongs calls) {
    return i -> {
      calls.increment(Math.toIntExact(i));
      return i;
    };
  }

  @EveryStrategy
  void sum_concurrentSums_callTermOncePerIndex(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      int length = 100_000;
      SharedLongs calls = SharedLongs.create(THREADS * length);
      RangeSummer fine = summer.withMinChunkSize(1_000);
      onSixteenThreads(
          thread -> {
            long start = (long) thread * length;
            long sum = fine.sum(start, start + length, counting(calls));
            assertEquals(closedForm(start, start + length).longValue(), sum);
          });
      for (int i = 0; i < THREADS * length; i++) {
        assertCalledOnce(strategy, calls.get(i), i);
      }
    }
  }

  /**
   * Asserts that an index was called once: exactly, in this JVM; at least, on a remote strategy,
   * where a chunk may run again, a retry or a speculative attempt whose result is ignored.
   */
  static void assertCalledOnce(Strategy strategy, long calls, long index) {
    if (strategy.inJvm()) {
      assertEquals(1, calls, "calls of index " + index);
    } else {
      assertTrue(calls >= 1, "calls of index " + index + ": " + calls);
    }
  }
}
