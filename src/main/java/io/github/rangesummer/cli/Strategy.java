/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import io.github.rangesummer.RangeSummer;
import java.util.concurrent.ForkJoinPool;

/** The library's strategies, by the names of their factory methods. */
enum Strategy {
  SEQUENTIAL("sequential"),
  THREADED("threaded"),
  FORK_JOIN("forkJoin"),
  MULTI_PROCESS("multiProcess");

  private final String label;

  Strategy(String label) {
    this.label = label;
  }

  /** The most workers this strategy accepts. */
  int maxWorkers() {
    return switch (this) {
      case SEQUENTIAL -> 1;
      case THREADED, FORK_JOIN -> RangeSummer.MAX_THREADS;
      case MULTI_PROCESS -> RangeSummer.MAX_PROCESSES;
    };
  }

  /**
   * Returns a summer of this strategy with {@code workers} threads or processes, and what it needs
   * closed: {@code forkJoin} borrows a {@code new ForkJoinPool(workers)} that the returned {@link
   * Lease} shuts down.
   */
  Lease open(int workers) {
    return switch (this) {
      case SEQUENTIAL -> new Lease(RangeSummer.sequential(), null);
      case THREADED -> new Lease(RangeSummer.threaded(workers), null);
      case FORK_JOIN -> {
        ForkJoinPool pool = new ForkJoinPool(workers);
        yield new Lease(RangeSummer.forkJoin(pool), pool);
      }
      case MULTI_PROCESS -> new Lease(RangeSummer.multiProcess(workers), null);
    };
  }

  @Override
  public String toString() {
    return label;
  }

  /** A summer and, for {@code forkJoin}, the pool it borrows; closing releases both. */
  static final class Lease implements AutoCloseable {
    final RangeSummer summer;
    private final ForkJoinPool pool;

    Lease(RangeSummer summer, ForkJoinPool pool) {
      this.summer = summer;
      this.pool = pool;
    }

    @Override
    public void close() {
      summer.close();
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }
}
