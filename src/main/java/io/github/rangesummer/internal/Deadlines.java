/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of the library, shared by all summers. It runs no action itself: when a
 * deadline or watchdog is due, it hands the action to a thread of its own from a pool of daemon
 * threads ({@code range-summer-deadline-<i>}), created on demand and ended after a second idle.
 * A deadline completes the sum's future, which runs code the caller attached to it; a callback
 * that never returns therefore holds one such thread, and delays no other summer's deadline.
 */
public final class Deadlines {

  private static final ScheduledThreadPoolExecutor TIMER = createTimer();

  private static final ThreadPoolExecutor FIRING =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          1,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          new ThreadFactoryBuilder()
              .setNameFormat("range-summer-deadline-%d")
              .setDaemon(true)
              .build());

  private Deadlines() {}

  private static ScheduledThreadPoolExecutor createTimer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            new ThreadFactoryBuilder()
                .setNameFormat("range-summer-timer-%d")
                .setDaemon(true)
                .build());
    timer.setKeepAliveTime(1, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * Runs {@code action} after {@code nanos} on a firing thread, never on the timer; cancelling the
   * returned future before then removes it.
   */
  public static ScheduledFuture<?> schedule(Runnable action, long nanos) {
    return TIMER.schedule(() -> FIRING.execute(action), nanos, TimeUnit.NANOSECONDS);
  }
}
