/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.RangeSummer;
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
 * What exactness, cancellation checks and progress cost the sequential identity kernel.
 *
 * <p>{@code library} is {@code sequential().sum(0, n)}: blocks of 65,536 elements, eight
 * accumulators, a range check and 128-bit merge per block, and a checkpoint (interrupt flag, stop
 * flag) after each block. {@code blockedLoop} is the same block loop with none of that: the lanes
 * go into a plain {@code long}. {@code flatLoop} drops the blocks as well. {@code libraryWithProgress}
 * adds a progress listener, which reads the clock at every checkpoint. If the checks are cheap,
 * all four are within noise of each other.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CheckpointOverheadBenchmark {

  /** Elements per block, as in the library's identity kernel. */
  private static final int BLOCK = 1 << 16;

  @Param("1000000000")
  public long n;

  private RangeSummer sequential;
  private RangeSummer withProgress;

  @Setup(Level.Trial)
  public void open() {
    sequential = RangeSummer.sequential();
    withProgress = sequential.withProgress((done, total) -> {});
  }

  @TearDown(Level.Trial)
  public void close() {
    sequential.close();
  }

  @Benchmark
  public long library() {
    return sequential.sum(0, n);
  }

  @Benchmark
  public long libraryWithProgress() {
    return withProgress.sum(0, n);
  }

  /** The library's fast block loop without checkpoints, range checks or 128-bit merges. */
  @Benchmark
  public long blockedLoop() {
    long limit = n;
    long total = 0;
    for (long first = 0; first < limit; first += BLOCK) {
      int count = (int) Math.min(BLOCK, limit - first);
      long s0 = 0;
      long s1 = 0;
      long s2 = 0;
      long s3 = 0;
      long s4 = 0;
      long s5 = 0;
      long s6 = 0;
      long s7 = 0;
      int i = 0;
      for (int unrolled = count & ~7; i < unrolled; i += 8) {
        long x = first + i;
        s0 += x;
        s1 += x + 1;
        s2 += x + 2;
        s3 += x + 3;
        s4 += x + 4;
        s5 += x + 5;
        s6 += x + 6;
        s7 += x + 7;
      }
      for (; i < count; i++) {
        s0 += first + i;
      }
      total += s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
    }
    return total;
  }

  /** Eight accumulators over the whole range: no blocks at all. */
  @Benchmark
  public long flatLoop() {
    return Baselines.eightLanes(n);
  }
}
