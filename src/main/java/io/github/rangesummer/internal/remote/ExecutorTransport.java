/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.RemoteChunkException;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.TermBytes;
import io.github.rangesummer.internal.local.Threads;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The transport of {@code distributed(executor, n)}: each attempt is a {@link ChunkTask}
 * submitted to a borrowed {@link ExecutorService}, such as Hazelcast's {@code IExecutorService},
 * which runs it on another JVM.
 *
 * <p>The answer comes through the future's {@link CompletionStage} when it offers one, as
 * Hazelcast's futures do; no thread waits. For an executor whose futures do not, such as a plain
 * JDK pool, one of this transport's daemon threads waits for each future in flight. A failed
 * future is a lost attempt; {@code submit} throwing is fatal to the sum. The executor is never
 * shut down.
 */
public final class ExecutorTransport implements Transport<ExecutorTransport.Payload> {

  /** How many times a chunk is sent before its sum fails with a {@link RemoteChunkException}. */
  public static final int MAX_ATTEMPTS = 3;

  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private final ExecutorService executor;
  private final String name;
  private volatile ThreadPoolExecutor waiters; // created for the first future without a stage

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

  /**
   * What travels with every chunk of a job: the kind of summation and its term, serialized once.
   *
   * @param kind the kind of summation
   * @param term the serialized term, or {@code null} for the identity
   */
  public record Payload(Summation.Kind kind, byte[] term) {}

  /**
   * Serializes the term on the caller's thread, within the limits the members read it under: a
   * term that cannot travel fails at once.
   */
  @Override
  public Payload prepare(Summation<?> summation) {
    Serializable term = summation.term();
    if (term == null) {
      return new Payload(summation.kind(), null);
    }
    return new Payload(summation.kind(), TermBytes.encode(term, "by " + name));
  }

  @Override
  public <A> Handle send(
      Payload prepared, Summation<A> summation, Chunk chunk, Replies<A> replies) {
    Future<ChunkReply> future =
        executor.submit(new ChunkTask(prepared.kind(), prepared.term(), chunk.from(), chunk.to()));
    stageOf(future)
        .whenComplete(
            (reply, failure) -> {
              if (failure != null) {
                replies.lost(unwrap(failure));
              } else {
                answer(summation, reply, replies);
              }
            });
    return () -> future.cancel(true);
  }

  private static <A> void answer(Summation<A> summation, Object value, Replies<A> replies) {
    if (!(value instanceof ChunkReply)) {
      replies.lost(new IOException("the executor answered " + value + ", not a chunk's sum"));
      return;
    }
    ChunkReply reply = (ChunkReply) value;
    if (reply.failure() != null) {
      replies.termFailed(reply.failure().toException());
      return;
    }
    A partial;
    try {
      partial = summation.read(new DataInputStream(new ByteArrayInputStream(reply.partial())));
    } catch (IOException | RuntimeException e) {
      replies.lost(e);
      return;
    }
    replies.result(partial);
  }

  private CompletionStage<?> stageOf(Future<ChunkReply> future) {
    if (future instanceof CompletionStage) {
      return (CompletionStage<?>) future;
    }
    CompletableFuture<ChunkReply> stage = new CompletableFuture<>();
    waiters()
        .execute(
            () -> {
              try {
                stage.complete(future.get());
              } catch (ExecutionException e) {
                stage.completeExceptionally(e.getCause());
              } catch (CancellationException e) {
                stage.completeExceptionally(e);
              } catch (InterruptedException e) {
                future.cancel(true); // the transport is being released
                stage.completeExceptionally(e);
              }
            });
    return stage;
  }

  private ThreadPoolExecutor waiters() {
    ThreadPoolExecutor pool = waiters;
    if (pool == null) {
      synchronized (this) {
        pool = waiters;
        if (pool == null) {
          pool =
              Threads.newPool(
                  "range-summer-distributed" + Threads.nextSerial() + "-waiter",
                  Integer.MAX_VALUE);
          waiters = pool;
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

  @Override
  public RuntimeException exhausted(String call, Chunk chunk, Throwable last) {
    String message =
        String.format(
            Locale.ROOT,
            "chunk [%d, %d) of %s failed on all %d attempts, outside the term; the last: %s",
            chunk.from(),
            chunk.to(),
            call,
            chunk.attempt(),
            last);
    if (isMissingClass(last)) {
      message +=
          ". The members cannot load range-summer or the term's classes: put range-summer's jar"
              + " and the term's classes on every member's class path";
    }
    return new RemoteChunkException(message, chunk.from(), chunk.to(), chunk.attempt(), last);
  }

  /** Whether a failure says a class is missing where the task ran. */
  static boolean isMissingClass(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      String text = String.valueOf(t);
      if (t instanceof ClassNotFoundException
          || t instanceof NoClassDefFoundError
          || text.contains("ClassNotFoundException")
          || text.contains("NoClassDefFoundError")
          || text.contains("SerializedLambda")) {
        return true;
      }
    }
    return false;
  }

  /** Ends the waiting threads, if any; the executor is borrowed and stays open. */
  @Override
  public void release() {
    ThreadPoolExecutor pool = waiters;
    if (pool != null) {
      pool.shutdownNow();
      Threads.shutdown(pool, SHUTDOWN_WAIT);
    }
  }
}
