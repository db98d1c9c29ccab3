/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.TermBytes;
import io.github.rangesummer.internal.ThrowableImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * One chunk as a task for an {@code ExecutorService} that runs it in another JVM: the kind of
 * summation, the term serialized once by the caller, and the chunk's bounds.
 *
 * <p>{@link #call()} runs the same kernel as every other strategy, so results are bit-identical.
 * What the term throws comes back inside the {@link ChunkReply}, never thrown by {@code call()}:
 * a thrown exception means the task itself failed (its term's classes are missing here, say),
 * which the caller retries elsewhere. An interrupt, as a cancel sends, stops the chunk at its next
 * checkpoint.
 */
final class ChunkTask implements Callable<ChunkReply>, Serializable {

  private static final long serialVersionUID = 1L;

  /** The summation's {@link Summation.Kind}. */
  private final Summation.Kind kind;

  /** The serialized term; {@code null} for the identity. */
  private final byte[] term;

  /** The chunk's first element. */
  private final long from;

  /** The chunk's exclusive end. */
  private final long to;

  ChunkTask(Summation.Kind kind, byte[] term, long from, long to) {
    this.kind = kind;
    this.term = term;
    this.from = from;
    this.to = to;
  }

  @Override
  public ChunkReply call() throws IOException, ClassNotFoundException {
    return run(summation());
  }

  private Summation<?> summation() throws IOException, ClassNotFoundException {
    if (kind == Summation.Kind.IDENTITY) {
      return Summation.identity();
    }
    Object value = TermBytes.decodeOnLargeStack(term); // the limits the caller checked
    return kind == Summation.Kind.LONG_TERM
        ? Summation.ofLong((LongTerm) value)
        : Summation.ofDouble((DoubleTerm) value);
  }

  private <A> ChunkReply run(Summation<A> summation) throws IOException {
    A accumulator = summation.newAccumulator();
    boolean whole;
    try {
      whole =
          summation.accumulate(
              from, to, accumulator, elements -> !Thread.currentThread().isInterrupted());
    } catch (Throwable failure) { // the term's, errors included: it travels back as data
      return new ChunkReply(null, ThrowableImage.of(failure));
    }
    if (!whole) {
      throw new CancellationException(
          String.format(Locale.ROOT, "chunk [%d, %d) was cancelled", from, to));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      summation.write(accumulator, out);
    }
    return new ChunkReply(bytes.toByteArray(), null);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "range-summer chunk [%d, %d) of %s", from, to, kind);
  }
}
