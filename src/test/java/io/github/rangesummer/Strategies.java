/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Every in-JVM strategy, each as created and with small minimum chunk sizes that force many chunks
 * (and so many merges of partial sums). Built once per test container and closed after it.
 */
final class Strategies implements AutoCloseable {

  /** Chunk sizes that cut even short ranges into as many chunks as the parallelism allows. */
  private static final long[] SMALL_CHUNKS = {1, 3, 100};

  private final ForkJoinPool pool = new ForkJoinPool(3);
  private final List<RangeSummer> created = new ArrayList<>();
  private final List<RangeSummer> configured = new ArrayList<>();
  private final RangeSummer sequential = RangeSummer.sequential();

  Strategies() {
    created.add(sequential);
    for (int workers = 1; workers <= 8; workers++) {
      created.add(RangeSummer.threaded(workers));
    }
    created.add(RangeSummer.forkJoin());
    created.add(RangeSummer.forkJoin(pool));
    for (RangeSummer summer : created) {
      configured.add(summer);
      for (long size : SMALL_CHUNKS) {
        configured.add(summer.withMinChunkSize(size));
      }
    }
  }

  /** Returns every strategy, with and without small chunks. */
  List<RangeSummer> all() {
    return configured;
  }

  /** Returns one of {@link #all()}. */
  Arbitrary<RangeSummer> arbitrary() {
    return Arbitraries.of(configured);
  }

  /** Returns the plain sequential summer, the reference for the others. */
  RangeSummer sequential() {
    return sequential;
  }

  @Override
  public void close() {
    for (RangeSummer summer : created) {
      summer.close();
    }
    // The summers only borrowed the pool; it is ours to shut down.
    MoreExecutors.shutdownAndAwaitTermination(pool, Duration.ofSeconds(10));
  }
}
