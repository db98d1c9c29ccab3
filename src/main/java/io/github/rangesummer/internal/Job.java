/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.ProgressListener;
import io.github.rangesummer.RangeSummerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One call: a partitioned range, what is summed, and the one result collector that every chunk's
 * partial sum is merged into, on whichever thread or process computed it.
 *
 * <p>Chunks are claimed in order from a shared counter, so any number of threads can help and none
 * needs a list of tasks. The first failure wins: it completes {@link #result()} exceptionally and
 * raises the stop flag that every chunk loop reads at its checkpoints. Completing the result from
 * outside (cancelling the future of {@code sumAsync}, say) stops the job the same way.
 *
 * @param <A> the accumulator type
 * @param <R> the result type
 */
public final class Job<A, R> implements Checkpoint {

  private final Summation<A> summation;
  private final Partition partition;
  private final Function<? super A, ? extends R> finisher;
  private final String strategy;
  private final ProgressTracker progress;
  private final Object owner; // keeps the summer reachable (and its resources open) while running
  private final AtomicInteger nextChunk = new AtomicInteger();
  private final AtomicInteger pendingChunks;
  private final CompletableFuture<R> result = new CompletableFuture<>();
  private volatile boolean stopped;
  private final AtomicBoolean ending = new AtomicBoolean(); // set by the first to end the job
  private volatile ScheduledFuture<?> deadline;
  private A total; // guarded by this
  private final List<Runnable> endActions = new ArrayList<>(); // guarded by itself
  private boolean endActionsRan; // guarded by endActions

  /**
   * Creates a job.
   *
   * @param summation what is summed
   * @param partition how the range is cut
   * @param finisher turns the merged accumulator into the result; may throw, as on overflow
   * @param strategy names the strategy in messages, such as {@code threaded(2)}
   * @param listener progress listener, or {@code null}
   * @param progressIntervalNanos minimum time between progress reports
   * @param owner an object to keep reachable while the job runs
   */
  public Job(
      Summation<A> summation,
      Partition partition,
      Function<? super A, ? extends R> finisher,
      String strategy,
      ProgressListener listener,
      long progressIntervalNanos,
      Object owner) {
    this.summation = summation;
    this.partition = partition;
    this.finisher = finisher;
    this.strategy = strategy;
    this.owner = owner;
    this.progress =
        listener == null
            ? null
            : new ProgressTracker(listener, partition.count(), progressIntervalNanos);
    this.pendingChunks = new AtomicInteger(partition.chunks());
    result.whenComplete((value, failure) -> ended(failure != null)); // completed from outside
  }

  /** Returns what is summed. */
  public Summation<A> summation() {
    return summation;
  }

  /** Returns the partition of the range. */
  public Partition partition() {
    return partition;
  }

  /**
   * Returns the call's description for messages, such as {@code sum over [0, 10) on
   * threaded(2)}; built on demand, since most calls never need it.
   */
  public String description() {
    return String.format(
        Locale.ROOT,
        "sum over [%d, %d) on %s",
        partition.start(),
        partition.end(),
        strategy);
  }

  /** Returns whether progress is being reported. */
  public boolean tracksProgress() {
    return progress != null;
  }

  /** Returns the future result; completing it from outside stops the job. */
  public CompletableFuture<R> result() {
    return result;
  }

  /** Returns whether the job has stopped: it completed, failed or was cancelled. */
  public boolean isStopped() {
    return stopped;
  }

  /**
   * Fails the job unless it is done already, with a {@link TimeoutException} once {@code nanos}
   * have passed.
   */
  public void scheduleDeadline(long nanos, String timeout) {
    ScheduledFuture<?> timer =
        Deadlines.schedule(
            () -> fail(new TimeoutException(description() + " timed out after " + timeout)),
            nanos);
    deadline = timer;
    if (stopped) { // ended before the timer was set: it would find no timer to cancel
      timer.cancel(false);
    }
  }

  /** Claims the next unclaimed chunk. */
  public int claim() {
    if (stopped) {
      return -1;
    }
    int index = nextChunk.getAndIncrement();
    return index < partition.chunks() ? index : -1;
  }

  /** Returns how many chunks are still to be claimed: none once the job has stopped. */
  public int unclaimed() {
    return stopped ? 0 : Math.max(0, partition.chunks() - nextChunk.get());
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

  private void runChunk(int index, Checkpoint checkpoint) {
    A accumulator = summation.newAccumulator();
    boolean whole;
    try {
      whole =
          summation.accumulate(partition.from(index), partition.to(index), accumulator, checkpoint);
    } catch (Throwable failure) {
      fail(failure);
      return;
    }
    if (whole && !stopped) {
      complete(accumulator);
    }
  }

  @Override
  public boolean proceed(long elements) {
    if (progress != null && !stopped) {
      try {
        progress.advance(elements);
      } catch (Throwable failure) {
        fail(failure);
      }
    }
    return !stopped;
  }

  /** Takes back progress counted for a chunk that will be computed again. */
  public void retractProgress(long elements) {
    if (progress != null) {
      progress.retract(elements);
    }
  }

  /** Merges one chunk's partial sum; the last one finishes the job. */
  public void complete(A part) {
    synchronized (this) {
      if (total == null) {
        total = part;
      } else {
        summation.merge(total, part);
      }
    }
    if (pendingChunks.decrementAndGet() == 0) {
      finish();
    }
  }

  private void finish() {
    if (!ending.compareAndSet(false, true)) {
      return; // a failure ended the job first
    }
    R value;
    A sum;
    synchronized (this) {
      sum = total;
    }
    try {
      value = finisher.apply(sum);
      if (progress != null) {
        progress.finish();
      }
    } catch (Throwable failure) {
      ended(true);
      result.completeExceptionally(failure);
      return;
    }
    ended(false);
    result.complete(value);
  }

  /**
   * Fails the job with {@code failure} unless it has already ended or is completing: once the
   * last chunk is merged, a late deadline or cancel loses, so a listener that saw the total never
   * sees the sum fail.
   *
   * <p>A failure whose {@code toString()} throws would break {@link CompletableFuture}, which
   * calls it to wrap the failure for dependent stages; it arrives as the cause of a {@link
   * RangeSummerException} instead.
   *
   * @return whether this call ended the job
   */
  public boolean fail(Throwable failure) {
    if (!ending.compareAndSet(false, true)) {
      return false;
    }
    ended(true);
    return result.completeExceptionally(describable(failure));
  }

  private Throwable describable(Throwable failure) {
    try {
      String.valueOf(failure);
      return failure;
    } catch (RuntimeException | Error broken) {
      return new RangeSummerException(
          String.format(Locale.ROOT, "%s failed: %s", description(), describe(failure)), failure);
    }
  }

  /** Cancels the job, saying why. */
  public boolean cancel(String reason) {
    return fail(new CancellationException(description() + " was cancelled: " + reason));
  }

  /**
   * Runs {@code action} once the job has ended, at once if it has. Actions run before the job's
   * result completes, so code a caller attached to the future, however slow, never delays them;
   * only a result completed from outside (a cancelled future) runs them after that code.
   */
  public void onEnd(Runnable action) {
    synchronized (endActions) {
      if (!endActionsRan) {
        endActions.add(action);
        return;
      }
    }
    action.run();
  }

  /** Stops the job and runs the end actions, once. */
  private void ended(boolean failed) {
    stopped = true;
    List<Runnable> actions;
    synchronized (endActions) {
      if (endActionsRan) {
        return;
      }
      endActionsRan = true;
      actions = new ArrayList<>(endActions);
      endActions.clear();
    }
    ScheduledFuture<?> timer = deadline;
    if (timer != null) {
      timer.cancel(false);
    }
    if (failed && progress != null) {
      progress.abandon();
    }
    for (Runnable action : actions) {
      action.run();
    }
  }

  /**
   * Waits for the result on the calling thread and returns it, or throws what failed: a term's
   * unchecked exception or error unchanged, a {@link CancellationException} unchanged, anything
   * else as the cause of a {@link RangeSummerException}. If the caller is interrupted, the job is
   * cancelled, the interrupt flag stays set, and the {@code InterruptedException} is the cause.
   */
  public R join() {
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(new InterruptedException());
    }
    try {
      result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    } catch (ExecutionException | CancellationException e) {
      // Only the wait is wanted from get(): what it throws differs between JDKs (it unwraps a
      // CompletionException; JDK 25 wraps a CancellationException in a new one). The
      // failure as it was stored is read below.
    }
    Throwable failure = result.handle((value, thrown) -> thrown).join();
    if (failure != null) {
      throw rethrow(failure);
    }
    return result.join();
  }

  private RangeSummerException interrupted(InterruptedException cause) {
    cancel("the calling thread was interrupted");
    return new RangeSummerException(description() + " was interrupted", cause);
  }

  private RuntimeException rethrow(Throwable failure) {
    if (failure instanceof RuntimeException) {
      return (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    if (failure instanceof TimeoutException) {
      return new RangeSummerException(failure.getMessage(), failure);
    }
    return new RangeSummerException(
        String.format(Locale.ROOT, "%s failed: %s", description(), describe(failure)), failure);
  }

  /** Returns {@code failure.toString()}, or its class name if that is user code that throws. */
  static String describe(Throwable failure) {
    try {
      return String.valueOf(failure);
    } catch (RuntimeException | Error broken) {
      return failure.getClass().getName() + " (whose toString() threw " + broken.getClass().getName() + ")";
    }
  }

  @Override
  public String toString() {
    return description();
  }
}
