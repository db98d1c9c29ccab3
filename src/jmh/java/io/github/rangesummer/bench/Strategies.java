/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.HazelcastMembers;
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
   * {@code threaded2}), {@code forkJoin} (the common pool) or {@code multiProcessN} (such as
   * {@code multiProcess2}; the caller warms it up in its setup) or {@code distributedN} (such as
   * {@code distributed4}: {@code N} chunks in flight on three Hazelcast members in this JVM,
   * started on first use; {@link HazelcastMembers#shutdownEmbedded()} ends them).
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
    if (strategy.startsWith("multiProcess")) {
      return RangeSummer.multiProcess(Integer.parseInt(strategy.substring("multiProcess".length())));
    }
    if (strategy.startsWith("distributed")) {
      return RangeSummer.distributed(
          HazelcastMembers.executor(),
          Integer.parseInt(strategy.substring("distributed".length())));
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "strategy (%s) must be sequential, threadedN, forkJoin, multiProcessN or distributedN",
            strategy));
  }
}
