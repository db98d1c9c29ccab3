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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cold first call of a new {@code multiProcess(workers)} summer: starting its worker JVMs,
 * sending the first chunk and getting the answer, {@code sum(0, 1000)}. Each measured call is a new
 * summer (single-shot time); the summer is closed after the iteration, outside the measurement.
 *
 * <p>Question: under 0.5 s with two workers on this machine?
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Thread)
public class ColdStartBenchmark {

  @Param("2")
  public int workers;

  private RangeSummer summer;

  @Benchmark
  public long firstCall() {
    summer = RangeSummer.multiProcess(workers);
    return summer.sum(0, 1000);
  }

  @TearDown(Level.Iteration)
  public void close() {
    if (summer != null) {
      summer.close();
      summer = null;
    }
  }
}
