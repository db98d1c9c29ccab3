/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code sum(0, n)} on each strategy against the loops and streams a user would write instead.
 *
 * <p>Questions: {@code summer:sequential} vs {@code naiveLoop} (goal at least 1.5x faster);
 * {@code summer:threaded2} and {@code summer:forkJoin} vs {@code longStreamParallel} (goal at
 * least 1.5x); {@code summer:threaded2} vs {@code summer:sequential} (goal at least 1.8x on two
 * idle cores).
 *
 * <p>{@code n} is a non-final field of a state object, so the JIT cannot fold the baselines to a
 * constant; each returns its sum, which JMH consumes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class IdentitySumBenchmark {

  @Param("1000000000")
  public long n;

  @Benchmark
  public long summer(SummerState state) {
    return state.summer.sum(0, n);
  }

  @Benchmark
  public long naiveLoop() {
    long limit = n;
    long s = 0;
    for (long i = 0; i < limit; i++) {
      s += i;
    }
    return s;
  }

  /** The library's fast path by hand: eight independent accumulators, no exactness. */
  @Benchmark
  public long eightLaneLoop() {
    return Baselines.eightLanes(n);
  }

  @Benchmark
  public long longStream() {
    return LongStream.range(0, n).sum();
  }

  @Benchmark
  public long longStreamParallel() {
    return LongStream.range(0, n).parallel().sum();
  }
}
