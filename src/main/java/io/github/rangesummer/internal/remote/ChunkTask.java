/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.ThrowableImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
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

  /**
   * Stop reading serialized terms deeper or larger than this; a JVM-wide filter ({@code
   * -Djdk.serialFilter=...}) still decides which classes a term may hold.
   */
  private static final ObjectInputFilter TERM_LIMITS =
      ObjectInputFilter.Config.createFilter("maxdepth=128;maxrefs=1000000;maxbytes=67108864");

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
    Object value;
    try (ObjectInputStream in = new TermInputStream(new ByteArrayInputStream(term))) {
      ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
      in.setObjectInputFilter(
          jvmWide == null ? TERM_LIMITS : ObjectInputFilter.merge(TERM_LIMITS, jvmWide));
      value = in.readObject();
    }
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

  /**
   * Resolves the term's classes as {@code ObjectInputStream} does, then through the thread's
   * context class loader, which containers and Hazelcast's user code deployment set.
   */
  private static final class TermInputStream extends ObjectInputStream {
    TermInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return super.resolveClass(desc);
      } catch (ClassNotFoundException e) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context == null) {
          throw e;
        }
        return Class.forName(desc.getName(), false, context);
      }
    }
  }
}
