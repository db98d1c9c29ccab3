/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.DoubleTerm;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongToDoubleFunction;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The price of a correctly rounded {@code sumDouble} over cheap terms.
 *
 * <p>Questions: {@code summer:sequential} vs {@code naiveLoop}, a plain {@code double} loop (goal:
 * within 1.5x); {@code summer:threaded2} vs {@code doubleStreamParallel} (goal: 2x);
 * {@code doubleStream} is the sequential stream, which sums with compensation. Three terms:
 * {@code harmonic}, {@code 1 / (i + 1)}; {@code scalb}, mantissas of up to ten bits spread over
 * 64 binary orders of magnitude; and {@code halfZeros}, the harmonic term at odd {@code i} and
 * {@code 0.0} at even {@code i}, since zeros take the superaccumulator's rare path. {@code
 * summerPolluted} runs after eight other long and eight other double terms went through the same
 * summer (goal: within 1.1x of {@code summer}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class DoubleSumBenchmark {

  @Param("200000000")
  public long n;

  @Param({"harmonic", "scalb", "halfZeros"})
  public String term;

  private DoubleTerm summerTerm;
  private LongToDoubleFunction streamTerm;

  static double harmonic(long i) {
    return 1.0 / (i + 1);
  }

  static double scalb(long i) {
    return Math.scalb((double) (i & 1023), (int) (i % 64) - 32);
  }

  static double halfZeros(long i) {
    return (i & 1) == 0 ? 0.0 : 1.0 / (i + 1);
  }

  /** The same static method behind both interfaces, so that only the summation differs. */
  @Setup(Level.Trial)
  public void chooseTerm() {
    switch (term) {
      case "harmonic":
        summerTerm = DoubleSumBenchmark::harmonic;
        streamTerm = DoubleSumBenchmark::harmonic;
        break;
      case "scalb":
        summerTerm = DoubleSumBenchmark::scalb;
        streamTerm = DoubleSumBenchmark::scalb;
        break;
      case "halfZeros":
        summerTerm = DoubleSumBenchmark::halfZeros;
        streamTerm = DoubleSumBenchmark::halfZeros;
        break;
      default:
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "term (%s) must be harmonic, scalb or halfZeros", term));
    }
  }

  @Benchmark
  public double summer(SummerState state) {
    return state.summer.sumDouble(0, n, summerTerm);
  }

  @Benchmark
  public double summerPolluted(PollutedSummerState state) {
    return state.summer.sumDouble(0, n, summerTerm);
  }

  @Benchmark
  public double naiveLoop() {
    LongToDoubleFunction f = streamTerm;
    long limit = n;
    double s = 0;
    for (long i = 0; i < limit; i++) {
      s += f.applyAsDouble(i);
    }
    return s;
  }

  @Benchmark
  public double doubleStream() {
    return LongStream.range(0, n).mapToDouble(streamTerm).sum();
  }

  @Benchmark
  public double doubleStreamParallel() {
    return LongStream.range(0, n).parallel().mapToDouble(streamTerm).sum();
  }
}
