/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.local;

import io.github.rangesummer.internal.ChunkRunner;
import io.github.rangesummer.internal.Job;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/** The strategies that run chunks on threads of this JVM. */
public final class InJvmRunners {

  /**
   * How long {@code close()} waits for an owned pool's threads to end; past it, threads still in
   * a term that ignores interrupts are left to end when it returns.
   */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private InJvmRunners() {}

  /** Returns a runner for {@code sequential()}: everything on the caller's thread. */
  public static ChunkRunner<Void> sequential() {
    return new Sequential("sequential()");
  }

  /** Returns a sequential runner with another name, such as {@code multiProcess(2)}. */
  public static ChunkRunner<Void> sequential(String name) {
    return new Sequential(name);
  }

  /** Returns a runner for {@code threaded(workers)}: an owned pool of {@code workers} threads. */
  public static ChunkRunner<Void> threaded(int workers) {
    return new Threaded(workers);
  }

  /** Returns a runner for {@code forkJoin()} on the common pool. */
  public static ChunkRunner<Void> forkJoin() {
    return new ForkJoin("forkJoin()", ForkJoinPool.commonPool());
  }

  /** Returns a runner for {@code forkJoin(pool)}: a borrowed pool, never shut down. */
  public static ChunkRunner<Void> forkJoin(ForkJoinPool pool) {
    return new ForkJoin(
        "forkJoin(ForkJoinPool@" + Integer.toHexString(System.identityHashCode(pool)) + ")", pool);
  }

  /** An in-JVM runner: the caller helps, and nothing is prepared. */
  private abstract static class InJvm extends ChunkRunner<Void> {

    InJvm(String name) {
      super(name);
    }

    @Override
    protected final boolean callerHelps() {
      return true;
    }

    @Override
    protected final Void prepare(Job<?, ?> job) {
      return null; // chunks run in this JVM: the term needs no preparing
    }

    /** Starts {@code helpers} tasks on {@code pool} that claim the job's chunks. */
    static void startHelpers(Executor pool, Job<?, ?> job, int helpers) {
      for (int i = 0; i < helpers; i++) {
        pool.execute(job::runChunks);
      }
    }
  }

  /**
   * One chunk at a time, on the caller's thread. Asynchronous sums run on a thread of their own
   * from a pool this runner creates on first use.
   */
  private static final class Sequential extends InJvm {

    private final int serial = Threads.nextSerial();
    private ThreadPoolExecutor asyncPool; // guarded by this

    Sequential(String name) {
      super(name);
    }

    @Override
    public int parallelism() {
      return 1;
    }

    @Override
    protected void dispatch(Job<?, ?> job, Void prepared, int helpers) {
      asyncPool().execute(job::runChunks);
    }

    private synchronized ThreadPoolExecutor asyncPool() {
      if (asyncPool == null) {
        asyncPool = Threads.newPool("range-summer-sequential-" + serial, Integer.MAX_VALUE);
      }
      return asyncPool;
    }

    @Override
    protected void release() {
      ThreadPoolExecutor pool;
      synchronized (this) {
        pool = asyncPool;
      }
      if (pool != null) {
        Threads.shutdown(pool, CLOSE_TIMEOUT);
      }
    }
  }

  /** An owned pool of named daemon threads that end when idle and are released by close. */
  private static final class Threaded extends InJvm {

    private final int workers;
    private final ThreadPoolExecutor pool;

    Threaded(int workers) {
      super("threaded(" + workers + ")");
      this.workers = workers;
      this.pool = Threads.newPool("range-summer-threaded-" + Threads.nextSerial(), workers);
    }

    @Override
    public int parallelism() {
      return workers;
    }

    @Override
    protected void dispatch(Job<?, ?> job, Void prepared, int helpers) {
      startHelpers(pool, job, helpers);
    }

    @Override
    protected void release() {
      Threads.shutdown(pool, CLOSE_TIMEOUT);
    }
  }

  /**
   * A fork/join pool, the common one or a borrowed one, never shut down. The caller helps, as in
   * {@code ForkJoinTask.invoke}, so the parallelism is the pool's plus one.
   */
  private static final class ForkJoin extends InJvm {

    private final ForkJoinPool pool;

    ForkJoin(String name, ForkJoinPool pool) {
      super(name);
      this.pool = pool;
    }

    @Override
    public int parallelism() {
      return pool.getParallelism() + 1;
    }

    @Override
    public void checkOpen() {
      super.checkOpen();
      if (pool.isShutdown()) {
        throw new RejectedExecutionException(name() + ": the pool is shut down");
      }
    }

    @Override
    protected void dispatch(Job<?, ?> job, Void prepared, int helpers) {
      startHelpers(pool, job, helpers);
    }

    @Override
    protected void release() {
      // Borrowed: the pool belongs to the caller and stays running.
    }
  }
}
