/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.RangeSummerException;
import io.github.rangesummer.TermClassNotFoundException;
import io.github.rangesummer.internal.Bytes;
import io.github.rangesummer.internal.ThrowableImage;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * What became of one {@link ChunkRequest} where it ran: its exact partial sum, the term's
 * failure as data, a term that could not be read there, or a stop. The one codec of an outcome
 * ({@link #write}, {@link #read}) for worker processes and executor tasks alike: the caller reads
 * it field by field and never deserializes an object from the other JVM.
 */
public sealed interface ChunkOutcome {

  /** Writes the outcome's fields after its tag. */
  void writeFields(DataOutput out) throws IOException;

  /** Returns the tag that {@link #read} dispatches on. */
  int tag();

  /**
   * The chunk was summed in full.
   *
   * @param partial its partial sum, as its kind's {@code PartialSums.write} wrote it
   */
  record Result(byte[] partial) implements ChunkOutcome {
    @Override
    public int tag() {
      return 1;
    }

    @Override
    public void writeFields(DataOutput out) throws IOException {
      out.writeInt(partial.length);
      out.write(partial);
    }
  }

  /**
   * The term threw.
   *
   * @param failure what it threw, as data
   */
  record TermFailed(ThrowableImage failure) implements ChunkOutcome {
    @Override
    public int tag() {
      return 2;
    }

    @Override
    public void writeFields(DataOutput out) throws IOException {
      failure.write(out);
    }

    /** Returns what the caller gets: a {@code RemoteTermException} with the remote details. */
    public RangeSummerException toException() {
      return failure.toException();
    }
  }

  /**
   * The term could not be read where the chunk ran, so it never ran: a class of it is missing
   * there, or its deserialization threw. Never retried: another attempt would read the same bytes.
   *
   * @param classMissing whether a class could not be loaded, rather than the term's own code
   *     failing
   * @param className the missing class, or the class of the term's serialized form's failure
   * @param failure what was thrown while reading the term, as data
   * @param where the JVM that read it, such as {@code pid 4242}
   */
  record TermUnreadable(boolean classMissing, String className, ThrowableImage failure, String where)
      implements ChunkOutcome {
    @Override
    public int tag() {
      return 3;
    }

    @Override
    public void writeFields(DataOutput out) throws IOException {
      out.writeBoolean(classMissing);
      out.writeUTF(className);
      failure.write(out);
      out.writeUTF(where);
    }

    /**
     * Returns what the caller gets, the same on every remote strategy: a {@link
     * TermClassNotFoundException} naming the class, or a {@link RangeSummerException} saying the
     * term cannot be read, whose cause carries the remote failure.
     *
     * @param place where the chunk ran, as the transport names it, such as {@code worker-2 (pid
     *     4242)}, or {@code null} to use {@link #where}
     * @param advice what to do about a missing class where chunks run
     */
    public RangeSummerException toException(String place, String advice) {
      String at = place != null ? place : where;
      if (classMissing) {
        return new TermClassNotFoundException(
            at
                + " cannot load class "
                + className
                + ", which the term needs, so the term never ran. "
                + advice,
            className,
            at);
      }
      return new RangeSummerException(
          "the term cannot be read in "
              + at
              + ", so it never ran: reading its serialized form threw "
              + failure,
          failure.toException());
    }
  }

  /** The chunk was stopped before it was summed in full. */
  record Cancelled() implements ChunkOutcome {
    @Override
    public int tag() {
      return 4;
    }

    @Override
    public void writeFields(DataOutput out) {}
  }

  /**
   * Writes the outcome: its tag, then its fields.
   *
   * @throws IOException if writing fails
   */
  default void write(DataOutput out) throws IOException {
    out.writeByte(tag());
    writeFields(out);
  }

  /** Returns the outcome as bytes. */
  default byte[] toBytes() {
    return Bytes.of(this::write);
  }

  /**
   * Reads an outcome written by {@link #write}.
   *
   * @throws IOException if the bytes are short, malformed or beyond a bound
   */
  static ChunkOutcome read(DataInput in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 1:
        {
          int length = in.readInt();
          if (length < 0 || length > MAX_PARTIAL) {
            throw new IOException("bad partial sum length " + length);
          }
          byte[] partial = new byte[length];
          in.readFully(partial);
          return new Result(partial);
        }
      case 2:
        return new TermFailed(ThrowableImage.read(in));
      case 3:
        {
          boolean classMissing = in.readBoolean();
          String className = in.readUTF();
          ThrowableImage failure = ThrowableImage.read(in);
          return new TermUnreadable(classMissing, className, failure, in.readUTF());
        }
      case 4:
        return new Cancelled();
      default:
        throw new IOException("unknown chunk outcome " + tag);
    }
  }

  /**
   * Reads an outcome from the whole of {@code bytes}.
   *
   * @throws IOException if they do not hold exactly one outcome
   */
  static ChunkOutcome fromBytes(byte[] bytes) throws IOException {
    ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
    ChunkOutcome outcome = read(new DataInputStream(stream));
    if (stream.available() != 0) {
      throw new IOException("a chunk outcome has " + stream.available() + " extra bytes");
    }
    return outcome;
  }

  /** The largest partial sum: a superaccumulator's state is a few hundred bytes. */
  int MAX_PARTIAL = 1 << 16;
}
