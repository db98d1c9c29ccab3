/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools owned by summers: named daemon threads that end when idle. */
public final class Threads {

  /**
   * How long an idle pool thread lingers. Short, so that summers created and dropped in a loop
   * without {@code close()} do not pile up threads; long enough that back-to-back sums reuse them.
   */
  static final long IDLE_MILLIS = 200;

  private static final AtomicInteger SERIAL = new AtomicInteger();

  /** The pool that owns the current thread, if it is one of ours. */
  private static final ThreadLocal<ThreadPoolExecutor> OWNER = new ThreadLocal<>();

  private Threads() {}

  /** Returns a new serial number to tell pools apart in thread names. */
  public static int nextSerial() {
    return SERIAL.incrementAndGet();
  }

  /**
   * Creates a pool of at most {@code threads} daemon threads named {@code prefix-1},
   * {@code prefix-2}, ..., started on demand and ended after {@link #IDLE_MILLIS} idle.
   */
  public static ThreadPoolExecutor newPool(String prefix, int threads) {
    BlockingQueue<Runnable> queue =
        threads == Integer.MAX_VALUE ? new SynchronousQueue<>() : new LinkedBlockingQueue<>();
    int core = threads == Integer.MAX_VALUE ? 0 : threads;
    ThreadFactory named =
        new ThreadFactoryBuilder().setNameFormat(prefix + "-%d").setDaemon(true).build();
    ThreadPoolExecutor[] self = new ThreadPoolExecutor[1];
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            core,
            threads,
            IDLE_MILLIS,
            TimeUnit.MILLISECONDS,
            queue,
            task ->
                named.newThread(
                    () -> {
                      OWNER.set(self[0]);
                      task.run();
                    }));
    self[0] = pool;
    if (core > 0) {
      pool.allowCoreThreadTimeOut(true);
    }
    return pool;
  }

  /**
   * Shuts a pool down and waits for its threads to end, except when called from one of them
   * (code attached to a future runs there, and may close its summer): then it cannot wait for
   * itself, and only shuts the pool down.
   */
  public static void shutdown(ThreadPoolExecutor pool, Duration timeout) {
    if (OWNER.get() == pool) {
      pool.shutdown();
    } else {
      MoreExecutors.shutdownAndAwaitTermination(pool, timeout);
    }
  }
}
