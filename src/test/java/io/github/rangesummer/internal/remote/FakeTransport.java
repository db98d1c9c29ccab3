/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.LongTerm;
import io.github.rangesummer.internal.Summation;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory transport that a test drives by hand: every attempt sent waits in {@link #sent}
 * until the test answers, loses or ignores it.
 */
final class FakeTransport implements Transport<String> {

  /** A term {@link #prepare} refuses, as a transport refuses a term that cannot travel. */
  static final LongTerm UNSENDABLE = i -> i;

  final BlockingQueue<Sent<?>> sent = new LinkedBlockingQueue<>();
  final AtomicInteger sends = new AtomicInteger();
  final AtomicInteger live = new AtomicInteger();
  final AtomicInteger maxLive = new AtomicInteger();
  volatile RuntimeException sendFailure;
  volatile boolean released;

  @Override
  public String prepare(Summation<?> summation) {
    if (summation.term() == UNSENDABLE) {
      throw new IllegalArgumentException("unsendable term");
    }
    return "prepared";
  }

  @Override
  public <A> Handle send(String prepared, Summation<A> summation, Chunk chunk, Replies<A> replies) {
    sends.incrementAndGet();
    RuntimeException failure = sendFailure;
    if (failure != null) {
      throw failure;
    }
    Sent<A> attempt = new Sent<>(summation, chunk, replies);
    maxLive.accumulateAndGet(live.incrementAndGet(), Math::max);
    sent.add(attempt);
    return attempt::cancel;
  }

  @Override
  public RuntimeException exhausted(String message, Chunk chunk, Throwable last) {
    return new Exhausted(message, chunk, last);
  }

  /** A loss that {@link #retryable} refuses, as a worker that died before it started. */
  @Override
  public boolean retryable(Throwable cause) {
    return !(cause instanceof Unretryable);
  }

  /** A refusal that {@link #isBackPressure} calls back-pressure, as a full executor queue. */
  @Override
  public boolean isBackPressure(Throwable cause) {
    return cause instanceof Refused;
  }

  @Override
  public void release() {
    released = true;
  }

  /** Takes the next attempt sent, failing the test if none comes within {@code bound}. */
  Sent<?> next(Duration bound) throws InterruptedException {
    Sent<?> attempt = sent.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
    if (attempt == null) {
      throw new AssertionError("no chunk was sent within " + bound);
    }
    return attempt;
  }

  /** A cause of loss that is not worth retrying. */
  static final class Unretryable extends IOException {
    private static final long serialVersionUID = 1L;

    Unretryable(String message) {
      super(message);
    }
  }

  /** A refusal for back-pressure, as an executor whose queue is full. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super("the queue is full");
    }
  }

  /** What {@link #exhausted} returns. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Chunk chunk;

    Exhausted(String message, Chunk chunk, Throwable last) {
      super(message, last);
      this.chunk = chunk;
    }
  }

  /** One attempt the scheduler sent. */
  final class Sent<A> {
    final Summation<A> summation;
    final Chunk chunk;
    final Replies<A> replies;
    volatile boolean cancelled;
    private boolean ended; // guarded by this

    Sent(Summation<A> summation, Chunk chunk, Replies<A> replies) {
      this.summation = summation;
      this.chunk = chunk;
      this.replies = replies;
    }

    /** Computes the chunk and answers with its sum. */
    void answer() {
      A partial = summation.newAccumulator();
      summation.accumulate(chunk.from(), chunk.to(), partial, elements -> true);
      end();
      replies.result(partial);
    }

    void lose(Throwable cause) {
      end();
      replies.lost(cause);
    }

    void cancel() {
      cancelled = true;
      end();
    }

    private synchronized void end() {
      if (!ended) {
        ended = true;
        live.decrementAndGet();
      }
    }
  }
}
