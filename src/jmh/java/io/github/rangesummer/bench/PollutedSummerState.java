/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import io.github.rangesummer.RangeSummer;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Like {@link SummerState}, a summer per strategy, but its setup first runs eight other distinct terms through the library,
 * on the same summer (so in its worker JVMs too), long enough for the JIT to compile the kernels
 * they went through. An application that has summed several terms looks like this; a kernel with
 * one call site for every term would now call the next term through a megamorphic site.
 */
@State(Scope.Benchmark)
public class PollutedSummerState {

  @Param({"sequential", "threaded2", "forkJoin", "multiProcess2"})
  public String strategy;

  RangeSummer summer;

  private static final List<LongTerm> OTHER_TERMS =
      List.of(
          i -> i * 3,
          i -> i ^ 0x55,
          i -> i >>> 3,
          i -> i * i,
          i -> i | 1,
          i -> -i,
          i -> i & 0xF0F0,
          i -> Long.rotateLeft(i, 7));

  private static final List<DoubleTerm> OTHER_DOUBLE_TERMS =
      List.of(
          i -> i * 0.5,
          i -> 1.0 / (i + 2),
          i -> Math.sqrt(i),
          i -> -i,
          i -> i * 1e-300,
          i -> (i & 1) - 0.5,
          i -> i * 3.0,
          i -> Math.scalb(1.0, (int) (i & 63)));

  @Setup(Level.Trial)
  public void openAndPollute() {
    summer = Strategies.create(strategy);
    for (int round = 0; round < 5; round++) {
      for (LongTerm other : OTHER_TERMS) {
        summer.sumExact(0, 20_000_000, other);
      }
      for (DoubleTerm other : OTHER_DOUBLE_TERMS) {
        summer.sumDouble(0, 5_000_000, other);
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    summer.close();
  }
}
