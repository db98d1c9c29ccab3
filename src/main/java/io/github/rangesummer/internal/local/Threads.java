/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.local;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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

  private static final System.Logger LOG = System.getLogger("io.github.rangesummer");

  /** The live threads of each pool, to name those that outlive close(). */
  private static final Map<ThreadPoolExecutor, Set<Thread>> LIVE =
      Collections.synchronizedMap(new WeakHashMap<>());

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
    return threads == Integer.MAX_VALUE
        ? newPool(prefix, 0, Integer.MAX_VALUE, new SynchronousQueue<>())
        : newPool(prefix, threads, threads, new LinkedBlockingQueue<>());
  }

  /**
   * Creates a pool of {@code threads} daemon threads named {@code prefix-1}, ... that queue what
   * they cannot take, started on demand and ended after {@link #IDLE_MILLIS} idle, whose number
   * may be raised later ({@link ThreadPoolExecutor#setCorePoolSize}), as {@link Elastic} does.
   */
  public static ThreadPoolExecutor newQueuedPool(String prefix, int threads) {
    return newPool(prefix, threads, Integer.MAX_VALUE, new LinkedBlockingQueue<>());
  }

  private static ThreadPoolExecutor newPool(
      String prefix, int core, int threads, BlockingQueue<Runnable> queue) {
    ThreadFactory named =
        new ThreadFactoryBuilder().setNameFormat(prefix + "-%d").setDaemon(true).build();
    Set<Thread> live = ConcurrentHashMap.newKeySet();
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
                      live.add(Thread.currentThread());
                      try {
                        task.run();
                      } finally {
                        live.remove(Thread.currentThread());
                      }
                    }));
    self[0] = pool;
    LIVE.put(pool, live);
    if (core > 0) {
      pool.allowCoreThreadTimeOut(true);
    }
    return pool;
  }

  /**
   * Shuts a pool down, interrupting its threads, and waits up to {@code timeout} for them to end,
   * keeping the caller's interrupt flag. A thread still running then is in user code that
   * ignores interrupts and has not returned; it is left to end when that code returns (it is a
   * daemon), and a warning names it. Called from one of the pool's own threads (code attached to
   * a future runs there, and may close its summer), it cannot wait for itself and only shuts the
   * pool down.
   */
  public static void shutdown(ThreadPoolExecutor pool, Duration timeout) {
    if (OWNER.get() == pool) {
      pool.shutdown();
      return;
    }
    pool.shutdownNow(); // the pool's sums were cancelled: interrupt terms that block
    boolean interrupted = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean ended = false;
    while (!ended) {
      try {
        ended = pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), NANOSECONDS);
        break;
      } catch (InterruptedException e) {
        interrupted = true; // close() finishes its job first, then restores the flag
      }
    }
    if (!ended) {
      List<String> names = new ArrayList<>();
      for (Thread thread : LIVE.getOrDefault(pool, Set.of())) {
        names.add(thread.getName());
      }
      LOG.log(
          Level.WARNING,
          "close() waited {0} ms for threads {1}, which are still in a term that ignores"
              + " interrupts; they end when it returns",
          timeout.toMillis(),
          names);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
