/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import java.math.BigInteger;
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
 * {@code sumExact(start, start + n)} near zero and far from it: around 2<sup>52</sup> and
 * 2<sup>62</sup>, where a kernel adding the elements themselves in {@code long} lanes could
 * overflow.
 *
 * <p>Questions: {@code summer} at {@code start=4503599627370496} (2<sup>52</sup>) and {@code
 * 4611686018427387904} (2<sup>62</sup>) vs {@code start=0}, per strategy (goal: within 1.2x);
 * {@code summer:threaded2} vs {@code longStreamParallel} (goal: at least 2.5x; the stream wraps).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class IdentityFarBenchmark {

  @Param("400000000")
  public long n;

  @Param({"0", "4503599627370496", "4611686018427387904"})
  public long start;

  @Benchmark
  public BigInteger summer(SummerState state) {
    return state.summer.sumExact(start, start + n);
  }

  @Benchmark
  public long longStreamParallel() {
    return LongStream.range(start, start + n).parallel().sum();
  }
}
