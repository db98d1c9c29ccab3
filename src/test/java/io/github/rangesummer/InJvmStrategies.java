/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The in-JVM strategies that reliability tests run against, each named as a user creates it.
 * Every call of a supplier returns a new summer, which the test closes.
 */
final class InJvmStrategies {

  /** The pool lent to {@code forkJoin(pool)} summers; it outlives every test and is never shut. */
  static final ForkJoinPool BORROWED_POOL = new ForkJoinPool(3);

  private InJvmStrategies() {}

  /** Every in-JVM strategy, including the degenerate {@code threaded(1)}. */
  static Stream<Named<Supplier<RangeSummer>>> all() {
    return Stream.of(
        Named.of("sequential()", RangeSummer::sequential),
        Named.of("threaded(1)", () -> RangeSummer.threaded(1)),
        Named.of("threaded(4)", () -> RangeSummer.threaded(4)),
        Named.of("forkJoin()", RangeSummer::forkJoin),
        Named.of("forkJoin(pool)", () -> RangeSummer.forkJoin(BORROWED_POOL)));
  }

  /** The strategies that compute a synchronous sum on more than one thread. */
  static Stream<Named<Supplier<RangeSummer>>> parallel() {
    return Stream.of(
        Named.of("threaded(4)", () -> RangeSummer.threaded(4)),
        Named.of("forkJoin()", RangeSummer::forkJoin),
        Named.of("forkJoin(pool)", () -> RangeSummer.forkJoin(BORROWED_POOL)));
  }
}
