/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.internal.Bytes;
import io.github.rangesummer.internal.Checkpoint;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.TermBytes;
import io.github.rangesummer.internal.ThrowableImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Computes {@link ChunkRequest}s where they arrive, the one place that does, for a worker
 * process and a cluster member's task alike: it reads the job's term (once per job), rebuilds the
 * kernel through the request's {@link io.github.rangesummer.internal.SumKind}, runs the same
 * {@link Summation#accumulate} as every strategy, and turns what happened into a {@link
 * ChunkOutcome}.
 *
 * <p>A term's exception is user code: it is described on a thread of its own, for at most
 * {@link #DESCRIBE_MILLIS} ms ({@link ThrowableImage#describe}). A term that cannot be read (a
 * class missing here, or its {@code readObject} throwing) is an outcome of its own, never retried.
 *
 * <p>Not thread-safe: one per thread that computes chunks. Its caller gives it a stack deep
 * enough for the most deeply nested term ({@link TermBytes#STACK_BYTES}).
 */
public final class ChunkWork {

  /** How long a term's exception may take to describe itself, in milliseconds: {@value}. */
  public static final long DESCRIBE_MILLIS = 2_000;

  private static final String WHERE = "pid " + ProcessHandle.current().pid();

  private long termJob = -1;
  private Object term;
  private ChunkOutcome.TermUnreadable unreadable; // of termJob's term
  private boolean cutShort;

  /**
   * Computes one chunk.
   *
   * @param request the chunk
   * @param checkpoint asked between blocks whether to go on; it may report progress
   * @param cancelled whether the chunk was cancelled, so that a failure it caused is no failure
   * @return what became of the chunk
   * @throws IOException if the request refers to a term this side never received
   */
  public ChunkOutcome compute(
      ChunkRequest request, Checkpoint checkpoint, BooleanSupplier cancelled) throws IOException {
    if (request.kind().hasTerm()) {
      if (request.term() != null) {
        readTerm(request.job(), request.term());
      } else if (termJob != request.job()) {
        throw new IOException("no term was sent for job " + request.job());
      }
      if (unreadable != null) {
        return unreadable;
      }
    }
    Summation<?> summation;
    try {
      summation =
          request
              .kind()
              .summation(
                  term,
                  new DataInputStream(new ByteArrayInputStream(request.data())),
                  request.from(),
                  request.to());
    } catch (IOException | RuntimeException e) {
      return new ChunkOutcome.TermUnreadable(
          false, e.getClass().getName(), ThrowableImage.of(e), WHERE);
    }
    return run(summation, request, checkpoint, cancelled);
  }

  /**
   * Returns whether describing a term's exception was ever cut short here, leaving a thread in
   * that exception's methods; a worker process then exits once it has answered.
   */
  public boolean describingCutShort() {
    return cutShort;
  }

  private void readTerm(long job, byte[] bytes) {
    termJob = job;
    term = null;
    unreadable = null;
    try {
      term = TermBytes.decode(bytes);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      String message = e.getMessage();
      String missing = message == null ? "(unknown)" : message.replace('/', '.');
      unreadable = new ChunkOutcome.TermUnreadable(true, missing, ThrowableImage.of(e), WHERE);
    } catch (Throwable e) { // the term's readObject, a filter's rejection, a limit: user data
      ThrowableImage.Bounded described = ThrowableImage.describe(e, DESCRIBE_MILLIS);
      cutShort |= described.cutShort();
      unreadable =
          new ChunkOutcome.TermUnreadable(
              false, e.getClass().getName(), described.image(), WHERE);
    }
  }

  private <A> ChunkOutcome run(
      Summation<A> summation,
      ChunkRequest request,
      Checkpoint checkpoint,
      BooleanSupplier cancelled) {
    A accumulator = summation.newAccumulator();
    boolean whole;
    try {
      whole = summation.accumulate(request.from(), request.to(), accumulator, checkpoint);
    } catch (Throwable failure) { // the term's, errors included: it travels back as data
      if (cancelled.getAsBoolean()) {
        return new ChunkOutcome.Cancelled(); // what a cancel's interrupt made the term throw
      }
      ThrowableImage.Bounded described = ThrowableImage.describe(failure, DESCRIBE_MILLIS);
      cutShort |= described.cutShort();
      return new ChunkOutcome.TermFailed(described.image());
    }
    if (!whole || cancelled.getAsBoolean()) {
      return new ChunkOutcome.Cancelled();
    }
    return new ChunkOutcome.Result(
        Bytes.of(out -> summation.partials().write(accumulator, out)));
  }
}
