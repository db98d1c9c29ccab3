/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools owned by summers: named daemon threads that end when idle. */
final class Threads {

  /**
   * How long an idle pool thread lingers. Short, so that summers created and dropped in a loop
   * without {@code close()} do not pile up threads; long enough that back-to-back sums reuse them.
   */
  static final long IDLE_MILLIS = 200;

  private static final AtomicInteger SERIAL = new AtomicInteger();

  private Threads() {}

  /** Returns a new serial number to tell pools apart in thread names. */
  static int nextSerial() {
    return SERIAL.incrementAndGet();
  }

  /**
   * Creates a pool of at most {@code threads} daemon threads named {@code prefix-1},
   * {@code prefix-2}, ..., started on demand and ended after {@link #IDLE_MILLIS} idle.
   */
  static ThreadPoolExecutor newPool(String prefix, int threads) {
    BlockingQueue<Runnable> queue =
        threads == Integer.MAX_VALUE ? new SynchronousQueue<>() : new LinkedBlockingQueue<>();
    int core = threads == Integer.MAX_VALUE ? 0 : threads;
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            core,
            threads,
            IDLE_MILLIS,
            TimeUnit.MILLISECONDS,
            queue,
            new ThreadFactoryBuilder().setNameFormat(prefix + "-%d").setDaemon(true).build());
    if (core > 0) {
      pool.allowCoreThreadTimeOut(true);
    }
    return pool;
  }
}
