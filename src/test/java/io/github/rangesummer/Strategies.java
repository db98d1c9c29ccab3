/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.cli.Strategy.DISTRIBUTED;
import static io.github.rangesummer.cli.Strategy.FORK_JOIN;
import static io.github.rangesummer.cli.Strategy.MULTI_PROCESS;
import static io.github.rangesummer.cli.Strategy.SEQUENTIAL;
import static io.github.rangesummer.cli.Strategy.THREADED;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * The strategies that the contract suite and the properties run against, and summers of them that
 * a test class shares.
 *
 * <p><b>Adding a strategy is one line in {@link #ALL}</b>, made from the project's one list of
 * strategies ({@code io.github.rangesummer.cli.Strategy}), every constant of which {@code
 * StrategiesTest} finds here. Every test annotated {@link
 * EveryStrategy} (the contract: exactness, overflow, bad arguments, term exceptions,
 * cancellation, deadlines, interruption, progress, concurrent callers, close) and every property
 * of {@code SumPropertiesTest} and {@code SumDoublePropertiesTest} then runs on it; tests that
 * watch terms through plain objects use {@link EveryInJvmStrategy}, the in-JVM part of the list.
 * A strategy that needs a fixture (a cluster, say) starts it lazily in its factory, once per JVM.
 */
final class Strategies implements AutoCloseable {

  /** The pool lent to {@code forkJoin(pool)} summers; it outlives every test (daemon threads). */
  static final ForkJoinPool BORROWED_POOL = new ForkJoinPool(3);

  /** Every strategy under test: the one list. */
  static final List<Strategy> ALL =
      List.of(
          Strategy.inJvm("sequential()", SEQUENTIAL, 1),
          Strategy.inJvm("threaded(1)", THREADED, 1),
          Strategy.inJvm("threaded(2)", THREADED, 2),
          Strategy.inJvm("threaded(7)", THREADED, 7),
          Strategy.inJvm("forkJoin()", FORK_JOIN, 0),
          Strategy.inJvm("forkJoin(pool)", FORK_JOIN, BORROWED_POOL),
          Strategy.remote("multiProcess(1)", MULTI_PROCESS, 1),
          Strategy.remote("multiProcess(2)", MULTI_PROCESS, 2),
          Strategy.remotePerChunk(
              "distributed(hazelcast, 4)", DISTRIBUTED, 4, HazelcastMembers::executor));

  /** Chunk sizes that cut even short ranges into as many chunks as the parallelism allows. */
  private static final long[] SMALL_CHUNKS = {1, 3, 100};

  private final Map<Strategy, RangeSummer> shared = new ConcurrentHashMap<>();

  /** Every strategy, for {@link EveryStrategy}. */
  static Stream<Strategy> all() {
    return ALL.stream();
  }

  /** The strategies whose terms run in this JVM, for {@link EveryInJvmStrategy}. */
  static Stream<Strategy> inJvm() {
    return ALL.stream().filter(Strategy::inJvm);
  }

  /** Returns this container's summer of {@code strategy}, made on first use. */
  RangeSummer shared(Strategy strategy) {
    return shared.computeIfAbsent(strategy, Strategy::get);
  }

  /**
   * Returns this container's summer of {@code strategy} and summers derived from it with small
   * minimum chunk sizes, which force many chunks (and so many merges of partial sums).
   */
  List<RangeSummer> configured(Strategy strategy) {
    RangeSummer summer = shared(strategy);
    List<RangeSummer> configured = new ArrayList<>(List.of(summer));
    for (long size : SMALL_CHUNKS) {
      configured.add(summer.withMinChunkSize(size));
    }
    return configured;
  }

  /** Closes this container's summers; the borrowed pool stays up for the other classes. */
  @Override
  public void close() {
    shared.values().forEach(RangeSummer::close);
    shared.clear();
  }
}
