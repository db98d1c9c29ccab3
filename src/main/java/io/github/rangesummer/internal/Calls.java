/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.ProgressListener;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Turns a call on a summer into a {@link Job} on its runner: checks the range, applies the
 * summer's options (deadline, progress, chunk size) and converts the exact accumulator into the
 * caller's type. Immutable; one per configured summer.
 */
public final class Calls {

  private final ChunkRunner<?> runner;
  private final Duration timeout;
  private final ProgressListener listener;
  private final Duration progressInterval;
  private final long minChunk;
  private final Object owner;

  /**
   * Creates the call configuration of a summer.
   *
   * @param runner where chunks run
   * @param timeout deadline per call, or {@code null}
   * @param listener progress listener, or {@code null}
   * @param progressInterval minimum time between progress reports
   * @param minChunk smallest chunk handed to another worker, or 0 for the default
   * @param owner kept reachable while a call runs
   */
  public Calls(
      ChunkRunner<?> runner,
      Duration timeout,
      ProgressListener listener,
      Duration progressInterval,
      long minChunk,
      Object owner) {
    this.runner = runner;
    this.timeout = timeout;
    this.listener = listener;
    this.progressInterval = progressInterval;
    this.minChunk = minChunk;
    this.owner = owner;
  }

  /**
   * Throws unless {@code start <= end}.
   *
   * @throws IllegalArgumentException naming both bounds
   */
  public static void checkRange(long start, long end) {
    if (start > end) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "start (%d) must be <= end (%d)", start, end));
    }
  }

  /** Sums exactly and returns a {@code long}, or throws {@link ArithmeticException}. */
  public long sumLong(long start, long end, Summation<Int128> summation) {
    checkRange(start, end);
    runner.checkOpen();
    if (start == end) {
      return 0;
    }
    return runner.invoke(job(start, end, summation, exactLong(start, end)));
  }

  /** Sums exactly and returns a {@code BigInteger}. */
  public BigInteger sumBig(long start, long end, Summation<Int128> summation) {
    checkRange(start, end);
    runner.checkOpen();
    if (start == end) {
      return BigInteger.ZERO;
    }
    return runner.invoke(job(start, end, summation, Int128::toBigInteger));
  }

  /** Sums floating-point terms exactly and rounds once. */
  public double sumDouble(long start, long end, Summation<DoubleAccumulator> summation) {
    checkRange(start, end);
    runner.checkOpen();
    if (start == end) {
      return 0.0;
    }
    return runner.invoke(job(start, end, summation, DoubleAccumulator::round));
  }

  /** Starts an exact {@code long} sum off the calling thread. */
  public CompletableFuture<Long> sumAsync(long start, long end, Summation<Int128> summation) {
    checkRange(start, end);
    runner.checkOpen();
    if (start == end) {
      return CompletableFuture.completedFuture(0L);
    }
    return runner.submit(job(start, end, summation, exactLong(start, end)));
  }

  private static Function<Int128, Long> exactLong(long start, long end) {
    return sum -> {
      if (!sum.fitsInLong()) {
        throw new ArithmeticException(
            String.format(
                Locale.ROOT,
                "the sum over [%d, %d) is %s, outside the range of long; sumExact returns it",
                start,
                end,
                sum));
      }
      return sum.low();
    };
  }

  private <A, R> Job<A, R> job(
      long start, long end, Summation<A> summation, Function<? super A, ? extends R> finisher) {
    long grain = minChunk > 0 ? minChunk : summation.defaultMinChunk();
    Partition partition = Partition.of(start, end, runner.parallelism(), grain);
    Job<A, R> job =
        new Job<>(
            summation,
            partition,
            finisher,
            runner.name(),
            listener,
            saturatedNanos(progressInterval),
            owner);
    if (timeout != null && saturatedNanos(timeout) != Long.MAX_VALUE) {
      job.scheduleDeadline(timeout.toNanos(), timeout.toString());
    }
    return job;
  }

  /**
   * Returns a positive duration in nanoseconds, or {@link Long#MAX_VALUE} (about 292 years) for
   * any longer one, such as {@code ChronoUnit.FOREVER}: no practical limit.
   */
  public static long saturatedNanos(Duration duration) {
    return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0
        ? Long.MAX_VALUE
        : duration.toNanos();
  }
}
