/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.internal.TermBytes;
import java.io.IOException;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One chunk as a task for an {@code ExecutorService} that runs it in another JVM: the bytes of a
 * {@link ChunkRequest}, answered with the bytes of a {@link ChunkOutcome}. Only byte arrays
 * travel, both ways, so a member's deserialization filter need allow nothing but this class, and
 * the caller never deserializes an object from a member.
 *
 * <p>{@link #call()} runs the chunk through {@link ChunkWork}, as a worker process does, on a
 * thread of the library's own pool in the member's JVM, and waits for it on the executor's
 * thread. When the task is cancelled ({@code Future.cancel(true)} interrupts the executor's
 * thread), the waiting thread raises the chunk's stop flag, which the chunk loop reads at every
 * checkpoint whether or not the term swallows the interrupt, and interrupts the computing thread
 * too, for a term that blocks. It then waits up to {@link #CANCEL_GRACE_MILLIS} for the chunk to
 * stop, so that a cancelled task does not leave a member computing beyond its executor's threads.
 */
final class ChunkTask implements Callable<byte[]>, Serializable {

  private static final long serialVersionUID = 2L;

  /** How long a cancelled task waits for its chunk to stop, in milliseconds: {@value}. */
  static final long CANCEL_GRACE_MILLIS = 2_000;

  /** The request's bytes. */
  private final byte[] request;

  ChunkTask(byte[] request) {
    this.request = request;
  }

  @Override
  public byte[] call() throws IOException, InterruptedException {
    ChunkRequest chunk = ChunkRequest.fromBytes(request);
    Stop stop = new Stop();
    Future<ChunkOutcome> computing = Pool.COMPUTE.submit(() -> stop.compute(chunk));
    try {
      return computing.get().toBytes();
    } catch (InterruptedException e) {
      stop.raised = true;
      computing.cancel(true); // interrupts a term that blocks
      stop.awaitLeft(CANCEL_GRACE_MILLIS);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause(); // ChunkWork answers for the term: only its own faults
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IllegalStateException("cannot compute " + chunk, cause);
    }
  }

  /** A chunk's stop flag, and the latch its computing thread counts down when it leaves. */
  private static final class Stop {
    volatile boolean raised;
    final CountDownLatch left = new CountDownLatch(1);

    /** Waits up to {@code millis} for the computing thread to leave; keeps the interrupt. */
    void awaitLeft(long millis) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      boolean interrupted = false;
      while (true) {
        try {
          left.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    ChunkOutcome compute(ChunkRequest chunk) throws IOException {
      try {
        if (raised) {
          throw new CancellationException("chunk cancelled before it started");
        }
        return new ChunkWork().compute(chunk, elements -> !raised, () -> raised);
      } finally {
        left.countDown();
      }
    }
  }

  /**
   * The threads that compute chunks in this JVM, created on first use; daemons, ended after a
   * second idle. Made with the JDK alone, as everything a member runs: a member needs
   * range-summer and the terms' classes on its class path, and nothing else.
   */
  private static final class Pool {
    private static final AtomicInteger SERIAL = new AtomicInteger();

    static final ThreadPoolExecutor COMPUTE =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread =
                  new Thread(
                      null,
                      task,
                      "range-summer-task-" + SERIAL.incrementAndGet(),
                      TermBytes.STACK_BYTES);
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public String toString() {
    return "range-summer chunk task of " + request.length + " bytes";
  }
}
