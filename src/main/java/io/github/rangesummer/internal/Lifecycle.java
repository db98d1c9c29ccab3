/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.RangeSummerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * How a job ends, once: its future, the stop flag every chunk loop reads, the first failure that
 * wins over everything after it, the actions that run at the end, and the deadline. Completing
 * the future from outside (cancelling the future of {@code sumAsync}, say) ends the job the same
 * way. Thread-safe.
 *
 * @param <R> the caller's type
 */
final class Lifecycle<R> {

  private final CompletableFuture<R> result = new CompletableFuture<>();
  private final Supplier<String> description;
  private final Runnable onFailure;
  private final AtomicBoolean ending = new AtomicBoolean(); // set by the first to end the job
  private volatile boolean stopped;
  private volatile ScheduledFuture<?> deadline;
  private final List<Runnable> endActions = new ArrayList<>(); // guarded by itself
  private boolean endActionsRan; // guarded by endActions

  /**
   * Creates the lifecycle of a job.
   *
   * @param description the job's description, for messages
   * @param onFailure runs first when the job ends without a result, such as stopping progress
   */
  Lifecycle(Supplier<String> description, Runnable onFailure) {
    this.description = description;
    this.onFailure = onFailure;
    result.whenComplete((value, failure) -> ended(failure != null)); // completed from outside
  }

  CompletableFuture<R> result() {
    return result;
  }

  boolean isStopped() {
    return stopped;
  }

  /** Fails the job with what {@code timeout} makes once {@code nanos} have passed. */
  void armDeadline(long nanos, Supplier<? extends Throwable> timeout) {
    ScheduledFuture<?> timer = Deadlines.schedule(() -> fail(timeout.get()), nanos);
    deadline = timer;
    if (stopped) { // ended before the timer was set: it would find no timer to cancel
      timer.cancel(false);
    }
  }

  /**
   * Ends the job with the value {@code value} computes, unless it has ended already; a value
   * that throws fails the job with that exception instead.
   */
  void succeed(Supplier<? extends R> value) {
    if (!ending.compareAndSet(false, true)) {
      return; // a failure ended the job first
    }
    R computed;
    try {
      computed = value.get();
    } catch (Throwable failure) {
      ended(true);
      result.completeExceptionally(failure);
      return;
    }
    ended(false);
    result.complete(computed);
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
  boolean fail(Throwable failure) {
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
          String.format(
              Locale.ROOT, "%s failed: %s", description.get(), Failures.describe(failure)),
          failure);
    }
  }

  /**
   * Runs {@code action} once the job has ended, at once if it has. Actions run before the job's
   * result completes, so code a caller attached to the future, however slow, never delays them;
   * only a result completed from outside (a cancelled future) runs them after that code.
   */
  void onEnd(Runnable action) {
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
    if (failed) {
      onFailure.run();
    }
    for (Runnable action : actions) {
      action.run();
    }
  }
}
