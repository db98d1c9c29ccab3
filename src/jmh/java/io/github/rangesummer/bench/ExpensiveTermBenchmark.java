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
 * A term that costs a few hundred nanoseconds, where the work is in the term and the question is
 * how well each strategy spreads it: every strategy against {@code LongStream.map(term).sum()},
 * sequential and parallel. {@code loop} divided by {@code n} is the cost of one term.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ExpensiveTermBenchmark {

  /** Rounds of the term; each is a sine, a square root and a division. */
  private static final int ROUNDS = 8;

  @Param("1000000")
  public long n;

  /**
   * The expensive term: depends on {@code i} through transcendental functions, so the JIT can
   * neither fold nor vectorise it.
   */
  static long term(long i) {
    double x = i;
    double acc = 0;
    for (int k = 1; k <= ROUNDS; k++) {
      acc += Math.sin(x / k) * Math.sqrt(x + k);
    }
    return (long) (acc * 1024);
  }

  @Benchmark
  public long summer(SummerState state) {
    return state.summer.sum(0, n, ExpensiveTermBenchmark::term);
  }

  @Benchmark
  public long loop() {
    long limit = n;
    long s = 0;
    for (long i = 0; i < limit; i++) {
      s += term(i);
    }
    return s;
  }

  @Benchmark
  public long longStream() {
    return LongStream.range(0, n).map(ExpensiveTermBenchmark::term).sum();
  }

  @Benchmark
  public long longStreamParallel() {
    return LongStream.range(0, n).parallel().map(ExpensiveTermBenchmark::term).sum();
  }
}
