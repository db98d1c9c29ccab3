/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.LongTerm;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
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
 * {@code sum(0, n, term)} with a cheap term, against the same term inlined by hand in a loop and
 * against {@code LongStream.range(0, n).parallel().map(term).sum()}, in a JVM that has seen only
 * that term; and again after eight other terms went through the library ({@code summerPolluted}).
 *
 * <p>Questions: {@code summer:sequential} vs {@code handLoop} (goal: at least as fast, floor
 * 0.8x); {@code summer:threaded2} vs {@code longStreamParallel} (goal 1.3x, floor 1.0x); {@code
 * summerPolluted} vs {@code summer} per strategy (goal within 1.1x, floor 1.3x); with {@code -p
 * n=4000000000}, {@code summer:multiProcess2} vs {@code summer:threaded2} (goal within 1.3x).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CheapTermBenchmark {

  @Param("400000000")
  public long n;

  /**
   * {@code mul31and1023}: {@code (i * 31) & 1023}; {@code and255}: {@code i & 0xFF}; {@code mod7};
   * {@code mod64}: {@code i % 64}, which compiles to a mask only where {@code i} is known to be
   * non-negative.
   */
  @Param({"mul31and1023", "and255", "mod7", "mod64"})
  public String term;

  private LongTerm summerTerm;
  private LongUnaryOperator streamTerm;

  @Setup(Level.Trial)
  public void chooseTerm() {
    switch (term) {
      case "mul31and1023":
        summerTerm = i -> (i * 31) & 1023;
        streamTerm = i -> (i * 31) & 1023;
        break;
      case "and255":
        summerTerm = i -> i & 0xFF;
        streamTerm = i -> i & 0xFF;
        break;
      case "mod7":
        summerTerm = i -> i % 7;
        streamTerm = i -> i % 7;
        break;
      case "mod64":
        summerTerm = i -> i % 64;
        streamTerm = i -> i % 64;
        break;
      default:
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "term (%s) must be mul31and1023, and255, mod7 or mod64", term));
    }
  }

  @Benchmark
  public long summer(SummerState state) {
    return state.summer.sum(0, n, summerTerm);
  }

  @Benchmark
  public long summerPolluted(PollutedSummerState state) {
    return state.summer.sum(0, n, summerTerm);
  }

  /** The term written into the loop by hand: what a user would write without the library. */
  @Benchmark
  public long handLoop() {
    long limit = n;
    long s = 0;
    switch (term) {
      case "mul31and1023":
        for (long i = 0; i < limit; i++) {
          s += (i * 31) & 1023;
        }
        return s;
      case "and255":
        for (long i = 0; i < limit; i++) {
          s += i & 0xFF;
        }
        return s;
      case "mod7":
        for (long i = 0; i < limit; i++) {
          s += i % 7;
        }
        return s;
      default:
        for (long i = 0; i < limit; i++) {
          s += i % 64;
        }
        return s;
    }
  }

  @Benchmark
  public long longStreamParallel() {
    return LongStream.range(0, n).parallel().map(streamTerm).sum();
  }
}
