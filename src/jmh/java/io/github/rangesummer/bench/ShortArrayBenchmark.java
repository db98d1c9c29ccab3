/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.RangeSummer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * A short array, 16 elements, on {@code threaded2} against {@code sequential}: such a sum runs on
 * the calling thread with no hand-off (goal: within 2x of {@code sequential}'s time).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ShortArrayBenchmark {

  @Param({"sequential", "threaded2"})
  public String strategy;

  private final long[] longs = new SplittableRandom(1).longs(16).toArray();
  private final double[] doubles = new SplittableRandom(2).doubles(16).toArray();
  private RangeSummer summer;

  @Setup(Level.Trial)
  public void create() {
    summer = Strategies.create(strategy);
  }

  @TearDown(Level.Trial)
  public void close() {
    summer.close();
  }

  @Benchmark
  public Object longs() {
    return summer.sumExact(longs);
  }

  @Benchmark
  public double doubles() {
    return summer.sumDouble(doubles);
  }
}
