/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.local;

import io.github.rangesummer.internal.Deadlines;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * An executor of a few threads that adds one whenever its queue has stood still for {@link
 * #STALL_MILLIS}: a burst of tasks (thousands of answers arriving at once) is served by as many
 * threads as there are cores, without a thread each, while a task stuck in user code (a listener
 * or a future's callback that blocks) delays the others by a stall at most, never for good. Once
 * the queue empties, the added threads end when idle.
 */
public final class Elastic implements Executor {

  /** How long the queue may stand still before a thread is added. */
  static final long STALL_MILLIS = 100;

  private final ThreadPoolExecutor pool;
  private final int base;
  private long completedAtCheck; // guarded by this
  private boolean watching; // guarded by this

  /**
   * Creates the executor, with as many threads as there are cores (at least two) to begin with.
   *
   * @param prefix the start of its threads' names
   */
  public Elastic(String prefix) {
    this.base = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.pool = Threads.newQueuedPool(prefix, base);
  }

  /** Returns the pool, to shut it down with {@link Threads#shutdown}. */
  public ThreadPoolExecutor pool() {
    return pool;
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
    watch();
  }

  private synchronized void watch() {
    if (!watching && !pool.isShutdown()) {
      watching = true;
      completedAtCheck = pool.getCompletedTaskCount();
      Deadlines.schedule(this::check, STALL_MILLIS * 1_000_000);
    }
  }

  private void check() {
    synchronized (this) {
      watching = false;
      if (pool.isShutdown()) {
        return;
      }
      if (pool.getQueue().isEmpty()) {
        if (pool.getCorePoolSize() != base) {
          pool.setCorePoolSize(base); // the added threads end when idle
        }
        return;
      }
      if (pool.getCompletedTaskCount() == completedAtCheck) {
        pool.setCorePoolSize(pool.getCorePoolSize() + 1); // every thread is stuck: one more
      }
    }
    watch();
  }
}
