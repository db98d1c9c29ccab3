/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where chunks run: the only thing that differs between strategies. A runner receives a {@link
 * Job} and gets its chunks computed somewhere (the caller's thread, a thread pool, worker
 * processes); partitioning, the kernels and the result collector live in the job and are shared.
 *
 * <p>A runner tracks the jobs it runs so that {@link #close()} can cancel them, and rejects new
 * jobs once closed.
 *
 * @param <P> what {@link #prepare} makes of a job for {@link #dispatch}, such as its term
 *     serialized once; {@link Void} for runners that need nothing
 */
public abstract class ChunkRunner<P> {

  private final String name;
  private final Set<Job<?, ?>> running = ConcurrentHashMap.newKeySet();
  private final Object closeLock = new Object();
  private volatile boolean closed;

  /**
   * Creates a runner.
   *
   * @param name the strategy as the user created it, such as {@code threaded(4)}
   */
  protected ChunkRunner(String name) {
    this.name = name;
  }

  /** Returns the strategy's name, such as {@code threaded(4)}. */
  public final String name() {
    return name;
  }

  /** Returns how many chunks can run at once; partitions aim for a few chunks per unit. */
  public abstract int parallelism();

  /**
   * Returns the most bytes of data one chunk may carry where chunks travel with their data (a
   * slice of an array): unbounded in this JVM, where a chunk carries nothing.
   */
  protected long maxChunkBytes() {
    return Long.MAX_VALUE;
  }

  /**
   * Returns whether a synchronous caller computes chunks itself, beside its helpers. In-JVM
   * runners say yes: small ranges then run inline without a hand-off, and a term that calls its
   * own summer cannot starve the pool, since the caller can always finish the job alone.
   */
  protected abstract boolean callerHelps();

  /**
   * Checks and prepares a job before it starts, on the calling thread, so that a bad argument is
   * thrown to the caller of {@code sumAsync} too rather than only failing the future.
   *
   * @param job the job
   * @return what {@link #dispatch} needs; {@code null} only where {@code P} is {@link Void}
   * @throws RuntimeException if the job cannot run, for example a term that cannot be serialized
   */
  protected abstract P prepare(Job<?, ?> job);

  /**
   * Starts the job's chunks.
   *
   * @param job the job
   * @param prepared what {@link #prepare} returned
   * @param helpers how many pool tasks should claim chunks (in-JVM runners)
   * @throws RejectedExecutionException if the executor refuses the work
   * @throws RuntimeException if the job cannot be started, which fails the job with it
   */
  protected abstract void dispatch(Job<?, ?> job, P prepared, int helpers);

  /** Releases the runner's threads or processes; jobs were already cancelled. */
  protected abstract void release();

  /**
   * Throws if this runner cannot take a job.
   *
   * @throws IllegalStateException if the runner is closed
   * @throws RejectedExecutionException if a borrowed executor was shut down
   */
  public void checkOpen() {
    if (closed) {
      throw new IllegalStateException(name + " is closed");
    }
  }

  /**
   * Runs a job and waits for its result on the calling thread, which computes chunks too if the
   * runner allows.
   *
   * @see Job#join()
   */
  public final <R> R invoke(Job<?, R> job) {
    int chunks = job.partition().chunks();
    if (callerHelps()) {
      // Launched even without helpers: close() must find a sum that its caller computes alone.
      launch(job, Math.min(parallelism(), chunks) - 1);
      job.runChunksAsCaller();
    } else {
      launch(job, Math.min(parallelism(), chunks));
    }
    return job.join();
  }

  /** Starts a job that no caller thread helps with and returns its future result. */
  public final <R> CompletableFuture<R> submit(Job<?, R> job) {
    launch(job, Math.min(parallelism(), job.partition().chunks()));
    return job.result();
  }

  /**
   * Launches a job, in the one order every strategy shares: check that the runner is open,
   * prepare the job on the calling thread (a failure there is thrown to the caller and nothing
   * has started), track the job so that {@link #close()} finds it, arm its deadline, dispatch.
   */
  private <R> void launch(Job<?, R> job, int helpers) {
    checkOpen();
    P prepared = prepare(job);
    running.add(job);
    job.onEnd(() -> running.remove(job));
    job.armDeadline();
    if (closed) { // close() may have run between checkOpen() and add(): it missed this job
      job.fail(new IllegalStateException(name + " is closed"));
      return;
    }
    if (helpers <= 0) {
      return;
    }
    try {
      dispatch(job, prepared, helpers);
    } catch (RejectedExecutionException e) {
      job.fail(closed ? new IllegalStateException(name + " is closed", e) : e);
    } catch (RuntimeException | Error e) {
      job.fail(e);
    }
  }

  /**
   * Cancels every running job and releases threads or processes. Idempotent; a second caller
   * waits until the first has released everything.
   */
  public final void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      for (Job<?, ?> job : running) {
        job.cancel(name + " was closed");
      }
      release();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
