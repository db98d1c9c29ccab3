/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Run by {@link MemoryTest} in a JVM with a small heap: prints its maximum heap, then the exact
 * sum of {@code [0, 10^10)} on every strategy, one {@code name=sum} line each. The workers of
 * {@code multiProcess(2)} have heaps of their own; this JVM holds the job and merges their chunks.
 */
final class SmallHeapMain {

  static final long END = 10_000_000_000L;

  private SmallHeapMain() {}

  static Map<String, Supplier<RangeSummer>> strategies(ForkJoinPool pool) {
    Map<String, Supplier<RangeSummer>> strategies = new LinkedHashMap<>();
    strategies.put("sequential()", RangeSummer::sequential);
    strategies.put("threaded(2)", () -> RangeSummer.threaded(2));
    strategies.put("forkJoin()", RangeSummer::forkJoin);
    strategies.put("forkJoin(pool)", () -> RangeSummer.forkJoin(pool));
    strategies.put("multiProcess(2)", () -> RangeSummer.multiProcess(2));
    return strategies;
  }

  public static void main(String[] args) {
    ForkJoinPool pool = new ForkJoinPool(2);
    System.out.println("maxMemory=" + Runtime.getRuntime().maxMemory());
    for (Map.Entry<String, Supplier<RangeSummer>> strategy : strategies(pool).entrySet()) {
      try (RangeSummer summer = strategy.getValue().get()) {
        System.out.println(strategy.getKey() + "=" + summer.sumExact(0, END));
      }
    }
    pool.shutdown();
  }
}
