/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.RangeSummer;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The array sums of issue 23 against the JDK's streams and against hand-written loops on the
 * same two threads, which set the limit: summing naively, they read memory as fast as the
 * machine allows, or as fast as one dependent {@code double} add per element allows.
 *
 * <ul>
 *   <li>{@code library}: {@code sum(long[])}, {@code sum(int[])}, {@code sumDouble(double[])} on
 *       {@code strategy}.
 *   <li>{@code stream}: {@code Arrays.stream(values).parallel().sum()} ({@code asLongStream()} for
 *       ints), which wraps a {@code long} silently and rounds {@code double}s in an order that
 *       depends on the pool; it ignores {@code strategy}.
 *   <li>{@code limit}: two threads of the benchmark's own, each summing half the array in a plain
 *       loop ({@code long} and {@code double} accumulators, naively), then adding the halves.
 *   <li>{@code limitFourLanes}: the same with four independent accumulators per thread, which a
 *       {@code double} loop needs to reach memory's speed.
 *   <li>{@code naiveLoop}: one thread, the plain loop: {@code sequential}'s yardstick.
 * </ul>
 *
 * <p>{@code input} chooses the values: {@code uniform} (integers in ±2<sup>40</sup>, doubles in
 * [-1, 1)), and for doubles the inputs that are hard for a superaccumulator too: {@code spread}
 * (exponents over the whole range), {@code cancelling} (pairs of ±10<sup>300</sup> around small
 * values) and {@code subnormals} (one in four subnormal).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx3g")
@State(Scope.Benchmark)
public class ArraySumBenchmark {

  @Param("100000000")
  public int n;

  @Param({"long", "int", "double"})
  public String kind;

  @Param({"uniform"})
  public String input;

  @Param({"threaded2"})
  public String strategy;

  private long[] longs;
  private int[] ints;
  private double[] doubles;
  private RangeSummer summer;
  private ExecutorService two;

  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(42);
    switch (kind) {
      case "long" -> longs = random.longs(n, -(1L << 40), 1L << 40).toArray();
      case "int" -> ints = random.ints(n).toArray();
      case "double" -> doubles = doubles(random);
      default ->
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "kind (%s) must be long, int or double", kind));
    }
    summer = Strategies.create(strategy);
    two = Executors.newFixedThreadPool(2);
  }

  private double[] doubles(SplittableRandom random) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] =
          switch (input) {
            case "uniform" -> random.nextDouble(-1.0, 1.0);
            case "spread" ->
                Math.scalb(random.nextDouble(1.0, 2.0), random.nextInt(-1000, 1000))
                    * (random.nextBoolean() ? 1 : -1);
            case "cancelling" ->
                (i % 2 == 0 ? 1e300 : -1e300) + random.nextDouble(-1.0, 1.0);
            case "subnormals" ->
                i % 4 == 0
                    ? Double.MIN_NORMAL * random.nextDouble(-1.0, 1.0)
                    : random.nextDouble(-1.0, 1.0);
            default ->
                throw new IllegalArgumentException(
                    String.format(
                        Locale.ROOT,
                        "input (%s) must be uniform, spread, cancelling or subnormals",
                        input));
          };
    }
    return values;
  }

  @TearDown(Level.Trial)
  public void close() {
    summer.close();
    two.shutdownNow();
  }

  @Benchmark
  public Object library() {
    return switch (kind) {
      case "long" -> summer.sum(longs);
      case "int" -> summer.sum(ints);
      default -> summer.sumDouble(doubles);
    };
  }

  @Benchmark
  public Object stream() {
    return switch (kind) {
      case "long" -> Arrays.stream(longs).parallel().sum();
      case "int" -> Arrays.stream(ints).parallel().asLongStream().sum();
      default -> Arrays.stream(doubles).parallel().sum();
    };
  }

  @Benchmark
  public Object limit() throws Exception {
    return halves(false);
  }

  @Benchmark
  public Object limitFourLanes() throws Exception {
    return halves(true);
  }

  @Benchmark
  public Object naiveLoop() {
    return switch (kind) {
      case "long" -> naive(longs, 0, n);
      case "int" -> naive(ints, 0, n);
      default -> naive(doubles, 0, n);
    };
  }

  private Object halves(boolean lanes) throws Exception {
    int half = n / 2;
    return switch (kind) {
      case "long" -> {
        Future<Long> low = two.submit(() -> naive(longs, 0, half));
        Future<Long> high = two.submit(() -> naive(longs, half, n));
        yield low.get() + high.get();
      }
      case "int" -> {
        Future<Long> low = two.submit(() -> naive(ints, 0, half));
        Future<Long> high = two.submit(() -> naive(ints, half, n));
        yield low.get() + high.get();
      }
      default -> {
        Future<Double> low =
            two.submit(() -> lanes ? fourLanes(doubles, 0, half) : naive(doubles, 0, half));
        Future<Double> high =
            two.submit(() -> lanes ? fourLanes(doubles, half, n) : naive(doubles, half, n));
        yield low.get() + high.get();
      }
    };
  }

  private static long naive(long[] values, int from, int to) {
    long total = 0;
    for (int i = from; i < to; i++) {
      total += values[i];
    }
    return total;
  }

  private static long naive(int[] values, int from, int to) {
    long total = 0;
    for (int i = from; i < to; i++) {
      total += values[i];
    }
    return total;
  }

  private static double naive(double[] values, int from, int to) {
    double total = 0;
    for (int i = from; i < to; i++) {
      total += values[i];
    }
    return total;
  }

  private static double fourLanes(double[] values, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (int end = to - 3; i < end; i += 4) {
      s0 += values[i];
      s1 += values[i + 1];
      s2 += values[i + 2];
      s3 += values[i + 3];
    }
    for (; i < to; i++) {
      s0 += values[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
