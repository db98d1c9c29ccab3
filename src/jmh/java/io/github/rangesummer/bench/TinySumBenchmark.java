/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.LongTerm;
import io.github.rangesummer.RangeSummer;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fixed cost of one call: {@code sum(0, 10)}, which every in-JVM strategy runs on the calling
 * thread without a hand-off. Goal: about a microsecond on {@code threaded4}, as on the others.
 * The streams are there for scale.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TinySumBenchmark {

  private static final LongTerm SQUARE = i -> i * i;

  @Param("10")
  public long n;

  /** One summer per strategy, opened once per trial. */
  @State(Scope.Benchmark)
  public static class Summer {

    @Param({"sequential", "threaded4", "threaded2", "forkJoin", "multiProcess2"})
    public String strategy;

    RangeSummer summer;

    @Setup(Level.Trial)
    public void open() {
      summer = Strategies.create(strategy);
    }

    @TearDown(Level.Trial)
    public void close() {
      summer.close();
    }
  }

  @Benchmark
  public long summer(Summer state) {
    return state.summer.sum(0, n);
  }

  @Benchmark
  public long summerWithTerm(Summer state) {
    return state.summer.sum(0, n, SQUARE);
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
