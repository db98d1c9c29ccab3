/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.DoubleSum;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;
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
 * {@link DoubleSum} as a stream's mutable reduction, {@code DoubleStream.of(values).collect(
 * DoubleSum::new, DoubleSum::add, DoubleSum::add)}, against the stream's own compensated {@code
 * sum()}, whose result depends on the order and, in parallel, on the pool's size.
 *
 * <p>Questions: {@code collect} vs {@code sum} (goal: at most 2x its time); {@code
 * collectParallel} vs {@code sumParallel}, on the common pool (goal: at least as fast). Four
 * inputs of 10<sup>7</sup> values: {@code uniform} in [-1, 1), a few binades as most data has;
 * {@code spread}, exponents over the whole finite range, so that values hit every entry of the
 * superaccumulator's table; {@code cancelling}, values of 60 binades and their negations,
 * shuffled, whose exact sum is 0; {@code subnormals}, half of them subnormal, each of which takes
 * the accumulator's rare path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DoubleSumStreamBenchmark {

  @Param("10000000")
  public int n;

  @Param({"uniform", "spread", "cancelling", "subnormals"})
  public String input;

  private double[] values;

  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(42);
    values = new double[n];
    switch (input) {
      case "uniform":
        for (int i = 0; i < n; i++) {
          values[i] = random.nextDouble(-1.0, 1.0);
        }
        break;
      case "spread":
        for (int i = 0; i < n; i++) {
          long exponent = 1 + random.nextInt(2046);
          long signAndFraction = random.nextLong() & ~(0x7FFL << 52);
          values[i] = Double.longBitsToDouble(signAndFraction | (exponent << 52));
        }
        break;
      case "cancelling":
        for (int i = 0; i + 1 < n; i += 2) {
          values[i] = Math.scalb(random.nextDouble(1.0, 2.0), random.nextInt(-30, 30));
          values[i + 1] = -values[i];
        }
        shuffle(random);
        break;
      case "subnormals":
        for (int i = 0; i < n; i++) {
          values[i] =
              (i & 1) == 0
                  ? Double.longBitsToDouble(random.nextLong(1, 1L << 52) | (i & 2L) << 62)
                  : random.nextDouble(-1.0, 1.0);
        }
        break;
      default:
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "input (%s) must be uniform, spread, cancelling or subnormals",
                input));
    }
  }

  private void shuffle(SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double swapped = values[i];
      values[i] = values[j];
      values[j] = swapped;
    }
  }

  @Benchmark
  public double collect() {
    return DoubleStream.of(values)
        .collect(DoubleSum::new, DoubleSum::add, DoubleSum::add)
        .doubleValue();
  }

  @Benchmark
  public double sum() {
    return DoubleStream.of(values).sum();
  }

  @Benchmark
  public double collectParallel() {
    return DoubleStream.of(values)
        .parallel()
        .collect(DoubleSum::new, DoubleSum::add, DoubleSum::add)
        .doubleValue();
  }

  @Benchmark
  public double sumParallel() {
    return DoubleStream.of(values).parallel().sum();
  }
}
