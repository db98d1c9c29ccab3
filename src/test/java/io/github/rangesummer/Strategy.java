/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * A strategy under test, named as a user creates it: {@link #get()} makes a new summer of it,
 * which the test closes. Listed once, in {@link Strategies#ALL}.
 *
 * @param name the factory call, such as {@code threaded(2)}
 * @param kind the strategy in the project's one list, whose {@code summer} makes it
 * @param factory makes a new summer
 * @param inJvm whether terms run in this JVM, so that a test can watch them through plain
 *     objects and a term's exception arrives as the same instance; remote strategies run terms
 *     in other JVMs, where each sum is a round trip and costs more
 * @param progressWithinChunks whether progress is reported while a chunk runs, as on every
 *     strategy but {@code distributed}, which reports it per finished chunk: a sum of the whole
 *     {@code long} domain reports none there before it ends
 */
record Strategy(
    String name,
    io.github.rangesummer.cli.Strategy kind,
    Supplier<RangeSummer> factory,
    boolean inJvm,
    boolean progressWithinChunks)
    implements Supplier<RangeSummer> {

  /** A strategy whose terms run in this JVM: {@code kind} with {@code workers}. */
  static Strategy inJvm(String name, io.github.rangesummer.cli.Strategy kind, int workers) {
    return new Strategy(name, kind, () -> kind.summer(workers, null), true, true);
  }

  /** A strategy whose terms run in this JVM, on a fork/join pool it borrows. */
  static Strategy inJvm(
      String name, io.github.rangesummer.cli.Strategy kind, ForkJoinPool pool) {
    return new Strategy(name, kind, () -> kind.summer(pool.getParallelism(), pool), true, true);
  }

  /** A strategy whose terms run in other JVMs. */
  static Strategy remote(String name, io.github.rangesummer.cli.Strategy kind, int workers) {
    return new Strategy(name, kind, () -> kind.summer(workers, null), false, true);
  }

  /**
   * A strategy whose terms run in other JVMs, on an executor made on first use, and that reports
   * progress per finished chunk.
   */
  static Strategy remotePerChunk(
      String name,
      io.github.rangesummer.cli.Strategy kind,
      int workers,
      Supplier<ExecutorService> executor) {
    return new Strategy(name, kind, () -> kind.summer(workers, executor.get()), false, false);
  }

  /** Returns a new summer of this strategy. */
  @Override
  public RangeSummer get() {
    return factory.get();
  }

  /**
   * Returns how many tries a property makes, or how many rounds a loop runs, on this strategy:
   * {@code inJvmCount} in this JVM; on a remote strategy a tenth of it, but at least 25 (the
   * tries of the remote properties before the contract suite) unless {@code inJvmCount} is less.
   */
  int scaled(int inJvmCount) {
    return inJvm ? inJvmCount : Math.min(inJvmCount, Math.max(25, inJvmCount / 10));
  }

  @Override
  public String toString() {
    return name;
  }
}
