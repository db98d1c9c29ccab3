/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fork/join pools of 1, 2, 3 and 7 threads. A parallel stream run by a task of a pool forks its
 * work in that pool, so {@link #runInEach} shows what a stream gives on each pool size.
 */
final class StreamPools implements AutoCloseable {

  /** The pools' sizes. */
  static final List<Integer> SIZES = List.of(1, 2, 3, 7);

  private final List<ForkJoinPool> pools = new ArrayList<>();

  StreamPools() {
    for (int size : SIZES) {
      pools.add(new ForkJoinPool(size));
    }
  }

  /** Runs {@code task} in each pool, and returns its results in the order of {@link #SIZES}. */
  <T> List<T> runInEach(Callable<T> task) {
    List<T> results = new ArrayList<>();
    for (ForkJoinPool pool : pools) {
      try {
        results.add(pool.submit(task).get(TestSupport.HANG.toMillis(), TimeUnit.MILLISECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new AssertionError("the stream failed in " + pool, e);
      }
    }
    return results;
  }

  @Override
  public void close() {
    pools.forEach(ForkJoinPool::shutdownNow);
    for (ForkJoinPool pool : pools) {
      try {
        assertTrue(pool.awaitTermination(TestSupport.HANG.toMillis(), TimeUnit.MILLISECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
