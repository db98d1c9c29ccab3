/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import io.github.rangesummer.RangeSummer;
import java.math.BigInteger;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;

/** One way to sum {@code [start, end)} that {@code compare} and {@code scaling} time. */
interface Contender extends AutoCloseable {

  /** The strategy's name, such as {@code threaded}. */
  String name();

  /** How many threads or processes compute, besides the calling thread if it helps. */
  int workers();

  /**
   * Whether the calling thread computes too, besides the {@link #workers()}: true for fork/join
   * pools, whose {@code invoke} runs tasks on the caller.
   */
  boolean callerHelps();

  /** The sum; a JDK baseline's may have wrapped around. */
  BigInteger sum(long start, long end);

  /** Releases threads, pools and processes. */
  @Override
  void close();

  /**
   * A strategy of the library with {@code workers} threads or processes, summing exactly with
   * {@link RangeSummer#sumExact(long, long)} and reporting progress to {@code bar} if it draws.
   */
  static Contender of(Strategy strategy, int workers, ProgressBar bar) {
    return of(strategy, workers, null, bar);
  }

  /** As {@link #of(Strategy, int, ProgressBar)}, on {@code cluster} if the strategy needs one. */
  static Contender of(
      Strategy strategy, int workers, ClusterSupport.Connection cluster, ProgressBar bar) {
    Strategy.Lease lease = strategy.open(workers, cluster, bar);
    int actual = strategy.singleWorker() ? 1 : workers;
    return new Contender() {
      @Override
      public String name() {
        return strategy.toString();
      }

      @Override
      public int workers() {
        return actual;
      }

      @Override
      public boolean callerHelps() {
        return strategy.callerHelps();
      }

      @Override
      public BigInteger sum(long start, long end) {
        return lease.sumExact(start, end);
      }

      @Override
      public void close() {
        lease.close();
      }
    };
  }

  /** The plain loop a Java programmer would write: one thread, a {@code long} that wraps. */
  static Contender jdkLoop() {
    return new Baseline("jdkLoop", 1, false) {
      @Override
      public BigInteger sum(long start, long end) {
        return BigInteger.valueOf(loop(start, end));
      }
    };
  }

  /**
   * {@code LongStream.range(start, end).parallel().sum()}: the common fork/join pool plus the
   * calling thread, a {@code long} that wraps.
   */
  static Contender jdkParallelStream() {
    return new Baseline("jdkParallelStream", ForkJoinPool.getCommonPoolParallelism(), true) {
      @Override
      public BigInteger sum(long start, long end) {
        return BigInteger.valueOf(LongStream.range(start, end).parallel().sum());
      }
    };
  }

  private static long loop(long start, long end) {
    long sum = 0;
    for (long i = start; i < end; i++) {
      sum += i;
    }
    return sum;
  }

  /** A JDK baseline: nothing to close. */
  abstract class Baseline implements Contender {
    private final String name;
    private final int workers;
    private final boolean callerHelps;

    Baseline(String name, int workers, boolean callerHelps) {
      this.name = name;
      this.workers = workers;
      this.callerHelps = callerHelps;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int workers() {
      return workers;
    }

    @Override
    public boolean callerHelps() {
      return callerHelps;
    }

    @Override
    public void close() {}
  }
}
