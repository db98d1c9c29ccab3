/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a call on a summer into a {@link Job} on its runner: checks the range, cuts it with the
 * summer's options, and hands the job down to the runner, which launches it. Immutable; one per
 * configured summer, holding the summer's runner, options and owner: {@code RangeSummer} keeps
 * nothing else.
 */
public final class Calls {

  private final ChunkRunner<?> runner;
  private final Options options;
  private final Object owner;

  /**
   * Creates the calls of a summer.
   *
   * @param runner where chunks run
   * @param options the summer's options
   * @param owner kept reachable while a call runs
   */
  public Calls(ChunkRunner<?> runner, Options options, Object owner) {
    this.runner = runner;
    this.options = options;
    this.owner = owner;
  }

  /** Returns the calls of a summer that shares this one's runner, with other options. */
  public Calls with(Options options) {
    return new Calls(runner, options, owner);
  }

  /** Returns the summer's options. */
  public Options options() {
    return options;
  }

  /** Returns the object whose reachability keeps the runner open. */
  public Object owner() {
    return owner;
  }

  /** Closes the runner: cancels its jobs and releases its threads or processes. */
  public void close() {
    runner.close();
  }

  /**
   * Throws unless {@code start <= end}.
   *
   * @throws IllegalArgumentException naming both bounds
   */
  public static void checkRange(long start, long end) {
    if (start > end) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "start (%d) must be <= end (%d)", start, end));
    }
  }

  /**
   * Sums {@code [start, end)} on the calling thread (which helps, on in-JVM runners) and returns
   * the caller's value of the total.
   */
  public <A, R> R sum(long start, long end, Summation<A> summation, Finisher<A, R> finisher) {
    checkRange(start, end);
    if (start == end) {
      runner.checkOpen();
      return empty(start, end, summation, finisher);
    }
    return runner.invoke(job(start, end, summation, finisher));
  }

  /** Starts summing {@code [start, end)} off the calling thread. */
  public <A, R> CompletableFuture<R> sumAsync(
      long start, long end, Summation<A> summation, Finisher<A, R> finisher) {
    checkRange(start, end);
    if (start == end) {
      runner.checkOpen();
      return CompletableFuture.completedFuture(empty(start, end, summation, finisher));
    }
    return runner.submit(job(start, end, summation, finisher));
  }

  private static <A, R> R empty(
      long start, long end, Summation<A> summation, Finisher<A, R> finisher) {
    return finisher.finish(summation.newAccumulator(), () -> summation.describe(start, end));
  }

  private <A, R> Job<A, R> job(
      long start, long end, Summation<A> summation, Finisher<A, R> finisher) {
    long grain = options.minChunk() > 0 ? options.minChunk() : summation.defaultMinChunk();
    int bytes = summation.bytesPerElement();
    long maxChunk = bytes == 0 ? -1L : Math.max(1, runner.maxChunkBytes() / bytes);
    Partition partition = Partition.of(start, end, runner.parallelism(), grain, maxChunk);
    return new Job<>(summation, partition, finisher, runner.name(), options, owner);
  }

  /** Describes the summer: its strategy and the options that differ from the defaults. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("RangeSummer[").append(runner.name());
    options.describe(text);
    return text.append(']').toString();
  }
}
