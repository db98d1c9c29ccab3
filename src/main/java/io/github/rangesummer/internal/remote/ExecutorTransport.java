/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.RemoteChunkException;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.local.Threads;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The transport of {@code distributed(executor, n)}: each attempt is a {@link ChunkTask}
 * submitted to a borrowed {@link ExecutorService}, such as Hazelcast's {@code IExecutorService},
 * which runs it on another JVM.
 *
 * <p>The answer comes through the future's {@link CompletionStage} when it offers one, as
 * Hazelcast's futures do; no thread waits. For an executor whose futures do not, such as a plain
 * JDK pool, one of this transport's daemon threads waits for each future in flight. A failed
 * future is a lost attempt, described first as the library's {@link LostAttempt}; {@code submit}
 * throwing is fatal to the sum. Cancelling an attempt never blocks its caller: Hazelcast's {@code
 * cancel} waits for the member to answer, which a frozen member never does, so cancels run on
 * this transport's own daemon threads. The executor is never shut down.
 */
public final class ExecutorTransport implements Transport<Shipment> {

  /** How many times a chunk is sent before its sum fails with a {@link RemoteChunkException}. */
  public static final int MAX_ATTEMPTS = 3;

  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private static final System.Logger LOG = System.getLogger("io.github.rangesummer");

  /** What to do about a class missing on the members. */
  static final String CLASS_PATH_ADVICE =
      "Members need range-summer and the term's classes on their class path: put range-summer's"
          + " jar and the jar of the term's classes on every member's class path (with the"
          + " member command: java -cp range-summer-cli.jar:your-terms.jar"
          + " io.github.rangesummer.cli.Main member ...). See docs/distributed.md.";

  private final ExecutorService executor;
  private final String name;
  private final int serial = Threads.nextSerial();
  /** For futures that are no stage: one thread waits for each, created for the first. */
  private final AtomicReference<ThreadPoolExecutor> waiters = new AtomicReference<>();

  /** For cancels, which may wait for a member: created for the first. */
  private final AtomicReference<ThreadPoolExecutor> cancels = new AtomicReference<>();

  /**
   * Creates the transport.
   *
   * @param executor the borrowed executor
   * @param name the strategy, such as {@code distributed(8)}, for messages
   */
  public ExecutorTransport(ExecutorService executor, String name) {
    this.executor = executor;
    this.name = name;
  }

  /** Serializes the term on the caller's thread, within the limits the members read it under. */
  @Override
  public Shipment prepare(Summation<?> summation) {
    return Shipment.of(summation, "by " + name);
  }

  @Override
  public <A> Handle send(
      Shipment shipment, Summation<A> summation, Chunk chunk, Replies<A> replies) {
    ChunkTask task = new ChunkTask(shipment.request(summation, chunk, false, true).toBytes());
    Future<byte[]> future;
    try {
      future = executor.submit(task);
    } catch (RejectedExecutionException e) {
      if (executor.isShutdown()) {
        throw e; // fatal: the executor takes nothing any more
      }
      replies.lost(LostAttempt.of(e)); // its queue is full: back-pressure
      return () -> {};
    }
    stageOf(future)
        .whenComplete(
            (bytes, failure) -> {
              if (failure != null) {
                replies.lost(LostAttempt.of(unwrap(failure)));
              } else {
                answer(summation, bytes, replies);
              }
            });
    return () -> cancel(future);
  }

  private static <A> void answer(Summation<A> summation, Object value, Replies<A> replies) {
    if (!(value instanceof byte[])) {
      replies.lost(
          new IOException(
              "the executor answered a "
                  + (value == null ? "null" : value.getClass().getName())
                  + ", not a chunk's outcome"));
      return;
    }
    ChunkOutcome outcome;
    A partial = null;
    try {
      outcome = ChunkOutcome.fromBytes((byte[]) value);
      if (outcome instanceof ChunkOutcome.Result result) {
        partial =
            summation
                .partials()
                .read(new DataInputStream(new ByteArrayInputStream(result.partial())));
      }
    } catch (IOException e) {
      replies.lost(e);
      return;
    }
    if (outcome instanceof ChunkOutcome.Result) {
      replies.result(partial);
    } else if (outcome instanceof ChunkOutcome.TermFailed failed) {
      replies.termFailed(failed.toException());
    } else if (outcome instanceof ChunkOutcome.TermUnreadable unreadable) {
      replies.termFailed(
          unreadable.toException("a member (" + unreadable.where() + ")", CLASS_PATH_ADVICE));
    } else {
      replies.lost(new CancellationException("the chunk was cancelled where it ran"));
    }
  }

  /** Cancels a future on this transport's threads: Hazelcast's cancel waits for the member. */
  private void cancel(Future<?> future) {
    try {
      if (!future.isDone()) {
        cancels().execute(() -> cancelQuietly(future));
      }
    } catch (RuntimeException e) {
      // Released (the executor is borrowed, and its futures are no longer ours to cancel), or a
      // future that cannot say whether it is done: its answer, if one comes, is ignored.
    }
  }

  /**
   * Cancels an attempt whose answer is no longer wanted. Hazelcast's {@code cancel} throws when
   * the member has left or the client is shutting down ({@code TargetDisconnectedException},
   * {@code HazelcastClientNotActiveException}): the attempt is then gone anyway, and a late
   * answer is ignored, so the failure is logged at {@code DEBUG} by its class alone (its {@code
   * toString} may be anyone's code) and goes no further.
   */
  private void cancelQuietly(Future<?> future) {
    try {
      future.cancel(true);
    } catch (RuntimeException e) {
      LOG.log(
          Level.DEBUG,
          "{0}: cancelling an attempt failed with {1}",
          name,
          e.getClass().getName());
    }
  }

  private CompletionStage<?> stageOf(Future<byte[]> future) {
    if (future instanceof CompletionStage) {
      return (CompletionStage<?>) future;
    }
    CompletableFuture<byte[]> stage = new CompletableFuture<>();
    waiters()
        .execute(
            () -> {
              try {
                stage.complete(future.get());
              } catch (ExecutionException e) {
                stage.completeExceptionally(e.getCause() == null ? e : e.getCause());
              } catch (RuntimeException e) {
                // Cancelled, or a future whose get fails outside the task: a lost attempt.
                stage.completeExceptionally(e);
              } catch (InterruptedException e) {
                cancelQuietly(future); // the transport is being released
                stage.completeExceptionally(e);
              }
            });
    return stage;
  }

  private ThreadPoolExecutor waiters() {
    return lazily(waiters, "waiter");
  }

  private ThreadPoolExecutor cancels() {
    return lazily(cancels, "cancel");
  }

  /** Returns the pool in {@code holder}, created on first use: most executors need neither. */
  private ThreadPoolExecutor lazily(AtomicReference<ThreadPoolExecutor> holder, String role) {
    ThreadPoolExecutor pool = holder.get();
    if (pool == null) {
      synchronized (holder) {
        pool = holder.get();
        if (pool == null) {
          pool =
              Threads.newPool(
                  "range-summer-distributed" + serial + "-" + role, Integer.MAX_VALUE);
          holder.set(pool);
        }
      }
    }
    return pool;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * A refusal by an executor that is not shut down is back-pressure: a full queue, as Hazelcast's
   * {@code Executor[...] is overloaded!} says, whether {@code submit} threw it or the future
   * failed with it.
   */
  @Override
  public boolean isBackPressure(Throwable cause) {
    return cause instanceof LostAttempt
        && ((LostAttempt) cause).isOrIsCausedBy(RejectedExecutionException.class.getName())
        && !executor.isShutdown();
  }

  @Override
  public String explain(Throwable last) {
    String text = "outside the term; the last: " + last;
    if (last instanceof LostAttempt && ((LostAttempt) last).saysClassMissing()) {
      text += ". The members cannot load range-summer or a class of the task. " + CLASS_PATH_ADVICE;
    }
    return text;
  }

  @Override
  public RuntimeException exhausted(String message, Chunk chunk, Throwable last) {
    return new RemoteChunkException(message, chunk.from(), chunk.to(), chunk.attempt(), last);
  }

  /**
   * Ends the waiting threads, if any, and stops taking cancels; the executor is borrowed and
   * stays open. Cancels already under way go on, on daemon threads, without delaying this.
   */
  @Override
  public void release() {
    ThreadPoolExecutor pool = waiters.get();
    if (pool != null) {
      pool.shutdownNow();
      Threads.shutdown(pool, SHUTDOWN_WAIT);
    }
    ThreadPoolExecutor cancelling = cancels.get();
    if (cancelling != null) {
      cancelling.shutdown(); // not waited for: a cancel to a frozen member takes a heartbeat
    }
  }
}
