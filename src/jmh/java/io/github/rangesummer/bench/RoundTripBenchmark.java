/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.LongTerm;
import java.util.concurrent.TimeUnit;
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
 * The cost of handing a sum to the workers and back: a range just large enough to be split
 * ({@code 2^20} elements: 8 chunks on two workers), with the identity and with a small term that
 * must travel to the worker. For in-JVM strategies this is the hand-off to the pool; for worker
 * processes it will be the protocol's round trip.
 *
 * <p>For {@code multiProcess2} the worker JVMs start in the trial's setup, outside the
 * measurement: this is the warm round trip to a worker process and back.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RoundTripBenchmark {

  private static final LongTerm SQUARE = i -> i * i;

  @Param("1048576")
  public long n;

  @Benchmark
  public long identity(SummerState state) {
    return state.summer.sum(0, n);
  }

  @Benchmark
  public long term(SummerState state) {
    return state.summer.sum(0, n, SQUARE);
  }
}
