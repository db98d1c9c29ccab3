/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.RangeSummer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One summer per strategy, opened once per trial and closed after it: the state the benchmarks
 * share. Worker JVMs of {@code multiProcess2} start here, outside the measurement; the warm-up
 * iterations then warm them up. Choose strategies with {@code -p strategy=threaded2,forkJoin}.
 */
@State(Scope.Benchmark)
public class SummerState {

  @Param({"sequential", "threaded2", "forkJoin", "multiProcess2"})
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
