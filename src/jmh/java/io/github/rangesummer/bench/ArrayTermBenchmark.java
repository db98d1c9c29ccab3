/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import io.github.rangesummer.RangeSummer;
import java.util.Arrays;
import java.util.Locale;
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
 * Summing an array through a term, {@code i -> values[(int) i]}, against {@code
 * Arrays.stream(values).parallel().sum()}: which wraps silently for {@code long[]}, and for {@code
 * double[]} gives a result that depends on the pool's size, where {@code sumDouble} is correctly
 * rounded. Both may be bound by memory bandwidth: 10<sup>8</sup> elements are 800 MB.
 *
 * <p>Question: {@code summer:threaded2} vs {@code streamParallel} for {@code kind=long} and {@code
 * kind=double} (goal: at least as fast). In-JVM strategies only: the term captures the array.
 * {@code handLoop} and {@code streamSequential} show what one core reads; they ignore {@code
 * strategy}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class ArrayTermBenchmark {

  @Param("100000000")
  public int n;

  @Param({"long", "double"})
  public String kind;

  @Param({"sequential", "threaded2"})
  public String strategy;

  private long[] longs;
  private double[] doubles;
  private LongTerm longTerm;
  private DoubleTerm doubleTerm;
  private RangeSummer summer;

  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(42);
    switch (kind) {
      case "long":
        long[] l = longs = random.longs(n, -(1L << 40), 1L << 40).toArray();
        longTerm = i -> l[(int) i];
        break;
      case "double":
        double[] d = doubles = random.doubles(n, -1.0, 1.0).toArray();
        doubleTerm = i -> d[(int) i];
        break;
      default:
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "kind (%s) must be long or double", kind));
    }
    summer = Strategies.create(strategy);
  }

  @TearDown(Level.Trial)
  public void close() {
    summer.close();
  }

  @Benchmark
  public Object summer() {
    return longs != null ? summer.sum(0, n, longTerm) : summer.sumDouble(0, n, doubleTerm);
  }

  /** One thread, the plain loop: wraps for {@code long}; the speed of one core's memory reads. */
  @Benchmark
  public Object handLoop() {
    if (longs != null) {
      long[] values = longs;
      long total = 0;
      for (int i = 0; i < values.length; i++) {
        total += values[i];
      }
      return total;
    }
    double[] values = doubles;
    double total = 0;
    for (int i = 0; i < values.length; i++) {
      total += values[i];
    }
    return total;
  }

  @Benchmark
  public Object streamSequential() {
    return longs != null ? Arrays.stream(longs).sum() : Arrays.stream(doubles).sum();
  }

  @Benchmark
  public Object streamParallel() {
    return longs != null
        ? Arrays.stream(longs).parallel().sum()
        : Arrays.stream(doubles).parallel().sum();
  }
}
