/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.HazelcastMembers;
import io.github.rangesummer.RangeSummer;
import io.github.rangesummer.cli.Strategy;
import java.util.Locale;

/**
 * Creates a summer from the {@code strategy} parameter of a benchmark, so that every benchmark
 * names strategies the same way ({@code -p strategy=threaded2} on the JMH command line).
 */
final class Strategies {

  private Strategies() {}

  /**
   * Returns a new summer for {@code strategy}: a label of the project's one list of strategies
   * ({@link Strategy}) followed by its workers, such as {@code threaded2}, {@code multiProcess2}
   * (the caller warms it up in its setup) or {@code distributed4} ({@code 4} chunks in flight on
   * three Hazelcast members in this JVM, started on first use; {@link
   * HazelcastMembers#shutdownEmbedded()} ends them); {@code sequential} and {@code forkJoin} (the
   * common pool) take no number.
   *
   * @throws IllegalArgumentException for an unknown strategy
   */
  static RangeSummer create(String strategy) {
    int digits = strategy.length();
    while (digits > 0 && Character.isDigit(strategy.charAt(digits - 1))) {
      digits--;
    }
    String label = strategy.substring(0, digits);
    boolean numbered = digits < strategy.length();
    Strategy kind;
    try {
      kind = Strategy.of(label);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "strategy (%s): %s", strategy, e.getMessage()), e);
    }
    boolean takesWorkers = kind != Strategy.SEQUENTIAL && kind != Strategy.FORK_JOIN;
    if (numbered != takesWorkers) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "strategy (%s): %s %s",
              strategy,
              label,
              takesWorkers ? "needs its workers, such as " + label + "2" : "takes no number"));
    }
    int workers = numbered ? Integer.parseInt(strategy.substring(digits)) : 1;
    return kind.summer(workers, kind.needsCluster() ? HazelcastMembers.executor() : null);
  }
}
