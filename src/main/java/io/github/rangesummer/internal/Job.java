/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * One call: what is summed, the partition and its {@link Claims}, the one {@link Collector} that
 * every chunk's partial sum is merged into, and the {@link Lifecycle} that ends it once. Runners
 * see only this class: they claim chunks, run them or send them elsewhere, and hand back partial
 * sums or failures.
 *
 * <p>The first failure wins: it completes {@link #result()} exceptionally and raises the stop
 * flag that every chunk loop reads at its checkpoints. Completing the result from outside
 * (cancelling the future of {@code sumAsync}, say) stops the job the same way.
 *
 * @param <A> the accumulator type
 * @param <R> the result type
 */
public final class Job<A, R> implements Checkpoint {

  private final Summation<A> summation;
  private final Claims claims;
  private final Collector<A, R> collector;
  private final Lifecycle<R> life;
  private final ProgressTracker progress;
  private final String strategy;
  private final long timeoutNanos;
  private final String timeout;
  private final Object owner; // keeps the summer reachable (and its resources open) while running

  /**
   * Creates a job; nothing runs before a runner launches it.
   *
   * @param summation what is summed
   * @param partition how the range is cut
   * @param finisher turns the merged total into the result; may throw, as on overflow
   * @param strategy names the strategy in messages, such as {@code threaded(2)}
   * @param options the summer's deadline and progress
   * @param owner an object to keep reachable while the job runs
   */
  public Job(
      Summation<A> summation,
      Partition partition,
      Finisher<A, R> finisher,
      String strategy,
      Options options,
      Object owner) {
    this.summation = summation;
    this.claims = new Claims(partition);
    this.collector = new Collector<>(summation.partials(), finisher, partition.chunks());
    this.strategy = strategy;
    this.owner = owner;
    this.timeoutNanos = options.timeoutNanos();
    this.timeout = String.valueOf(options.timeout());
    this.progress =
        options.listener() == null
            ? null
            : new ProgressTracker(
                options.listener(), partition.count(), options.progressIntervalNanos());
    ProgressTracker tracker = progress;
    this.life =
        new Lifecycle<>(
            this::description,
            () -> {
              if (tracker != null) {
                tracker.abandon();
              }
            });
  }

  /** Returns what is summed. */
  public Summation<A> summation() {
    return summation;
  }

  /** Returns the partition of the range. */
  public Partition partition() {
    return claims.partition();
  }

  /**
   * Returns the call's description for messages, such as {@code the sum over [0, 10) on
   * threaded(2)}; built on demand, since most calls never need it.
   */
  public String description() {
    Partition partition = claims.partition();
    return summation.describe(partition.start(), partition.end()) + " on " + strategy;
  }

  /** Returns whether progress is being reported. */
  public boolean tracksProgress() {
    return progress != null;
  }

  /** Returns the future result; completing it from outside stops the job. */
  public CompletableFuture<R> result() {
    return life.result();
  }

  /** Returns whether the job has stopped: it completed, failed or was cancelled. */
  public boolean isStopped() {
    return life.isStopped();
  }

  /**
   * Arms the deadline, if the summer has one: the job fails with a {@link TimeoutException} once
   * it has passed. Called once, by the runner that launches the job, after it was prepared.
   */
  void armDeadline() {
    if (timeoutNanos != Long.MAX_VALUE) {
      life.armDeadline(
          timeoutNanos, () -> new TimeoutException(description() + " timed out after " + timeout));
    }
  }

  /** Claims the next unclaimed chunk, or returns -1 when none is left or the job has stopped. */
  public int claim() {
    return life.isStopped() ? -1 : claims.claim();
  }

  /** Returns how many chunks are still to be claimed: none once the job has stopped. */
  public int unclaimed() {
    return life.isStopped() ? 0 : claims.unclaimed();
  }

  /** Claims and runs chunks until none are left; {@code checkpoint} decides whether to go on. */
  public void runChunks(Checkpoint checkpoint) {
    for (int index = claim(); index >= 0; index = claim()) {
      runChunk(index, checkpoint);
    }
  }

  /** Runs chunks on a pool thread; the job is its own checkpoint. */
  public void runChunks() {
    runChunks(this);
  }

  /**
   * Runs chunks on the thread of a synchronous caller, which also watches its interrupt flag: an
   * interrupted caller stops the job, not just its chunk, since an abandoned chunk must never
   * merge as done.
   */
  void runChunksAsCaller() {
    runChunks(
        elements -> {
          if (Thread.currentThread().isInterrupted()) {
            cancel("the calling thread was interrupted");
            return false;
          }
          return proceed(elements);
        });
  }

  private void runChunk(int index, Checkpoint checkpoint) {
    Partition partition = claims.partition();
    A accumulator = summation.newAccumulator();
    boolean whole;
    try {
      whole =
          summation.accumulate(partition.from(index), partition.to(index), accumulator, checkpoint);
    } catch (Throwable failure) {
      fail(failure);
      return;
    }
    if (whole && !life.isStopped()) {
      complete(accumulator);
    }
  }

  @Override
  public boolean proceed(long elements) {
    if (progress != null && !life.isStopped()) {
      try {
        progress.advance(elements);
      } catch (Throwable failure) {
        fail(failure);
      }
    }
    return !life.isStopped();
  }

  /** Takes back progress counted for a chunk that will be computed again. */
  public void retractProgress(long elements) {
    if (progress != null) {
      progress.retract(elements);
    }
  }

  /** Merges one chunk's partial sum; the last one finishes the job. */
  public void complete(A part) {
    if (collector.add(part)) {
      life.succeed(
          () -> {
            R value = collector.finish(this::subject);
            if (progress != null) {
              progress.finish();
            }
            return value;
          });
    }
  }

  private String subject() {
    Partition partition = claims.partition();
    return summation.describe(partition.start(), partition.end());
  }

  /**
   * Fails the job with {@code failure} unless it has already ended or is completing; see {@link
   * Lifecycle#fail}.
   *
   * @return whether this call ended the job
   */
  public boolean fail(Throwable failure) {
    return life.fail(failure);
  }

  /** Cancels the job, saying why. */
  public boolean cancel(String reason) {
    return fail(new CancellationException(description() + " was cancelled: " + reason));
  }

  /**
   * Runs {@code action} once the job has ended, at once if it has; see {@link Lifecycle#onEnd}.
   */
  public void onEnd(Runnable action) {
    life.onEnd(action);
  }

  /**
   * Waits for the result on the calling thread and returns it, or throws what failed; see {@link
   * Failures#join}. An interrupted caller cancels the job.
   */
  public R join() {
    return Failures.join(
        life.result(), this::description, () -> cancel("the calling thread was interrupted"));
  }

  @Override
  public String toString() {
    return description();
  }
}
