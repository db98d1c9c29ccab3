/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.RangeSummer;
import java.util.Locale;

/**
 * Creates a summer from the {@code strategy} parameter of a benchmark, so that every benchmark
 * names strategies the same way ({@code -p strategy=threaded2} on the JMH command line).
 */
final class Strategies {

  private Strategies() {}

  /**
   * Returns a new summer for {@code strategy}: {@code sequential}, {@code threadedN} (such as
   * {@code threaded2}) or {@code forkJoin} (the common pool).
   *
   * @throws IllegalArgumentException for an unknown strategy
   */
  static RangeSummer create(String strategy) {
    if (strategy.equals("sequential")) {
      return RangeSummer.sequential();
    }
    if (strategy.equals("forkJoin")) {
      return RangeSummer.forkJoin();
    }
    if (strategy.startsWith("threaded")) {
      return RangeSummer.threaded(Integer.parseInt(strategy.substring("threaded".length())));
    }
    // MULTI-PROCESS: once RangeSummer.multiProcess(int) exists, add here
    //   if (strategy.startsWith("multiProcess")) {
    //     return RangeSummer.multiProcess(
    //         Integer.parseInt(strategy.substring("multiProcess".length())));
    //   }
    // and "multiProcess2" to the strategy parameters of RoundTripBenchmark (and, if wanted,
    // ExpensiveTermBenchmark). See docs/benchmarks.md.
    throw new IllegalArgumentException(
        String.format(Locale.ROOT, "strategy (%s) must be sequential, threadedN or forkJoin",
            strategy));
  }
}
