/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.util.function.Supplier;

/**
 * A strategy under test, named as a user creates it: {@link #get()} makes a new summer of it,
 * which the test closes. Listed once, in {@link Strategies#ALL}.
 *
 * @param name the factory call, such as {@code threaded(2)}
 * @param factory makes a new summer
 * @param inJvm whether terms run in this JVM, so that a test can watch them through plain
 *     objects and a term's exception arrives as the same instance; remote strategies run terms
 *     in other JVMs, where each sum is a round trip and costs more
 * @param progressWithinChunks whether progress is reported while a chunk runs, as on every
 *     strategy but {@code distributed}, which reports it per finished chunk: a sum of the whole
 *     {@code long} domain reports none there before it ends
 */
record Strategy(
    String name, Supplier<RangeSummer> factory, boolean inJvm, boolean progressWithinChunks)
    implements Supplier<RangeSummer> {

  /** A strategy whose terms run in this JVM. */
  static Strategy inJvm(String name, Supplier<RangeSummer> factory) {
    return new Strategy(name, factory, true, true);
  }

  /** A strategy whose terms run in other JVMs. */
  static Strategy remote(String name, Supplier<RangeSummer> factory) {
    return new Strategy(name, factory, false, true);
  }

  /** A strategy whose terms run in other JVMs and that reports progress per finished chunk. */
  static Strategy remotePerChunk(String name, Supplier<RangeSummer> factory) {
    return new Strategy(name, factory, false, false);
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
