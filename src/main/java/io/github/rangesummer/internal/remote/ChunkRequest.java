/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.internal.Bytes;
import io.github.rangesummer.internal.SumKind;
import io.github.rangesummer.internal.TermBytes;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One chunk as it travels to another JVM, for worker processes and executor tasks alike: the one
 * codec of a chunk request ({@link #write}, {@link #read}), whose outcome comes back as a {@link
 * ChunkOutcome}. {@link ChunkWork} computes it where it arrives.
 *
 * @param job the job's id where the receiver tells jobs apart (worker processes); 0 otherwise
 * @param index the chunk's index in its job
 * @param kind what is summed
 * @param from the chunk's first element
 * @param to the chunk's exclusive end
 * @param progress whether to report progress while computing
 * @param term the job's serialized term; {@code null} for "the term of this job's previous
 *     chunk", or for a kind without a term
 * @param data the chunk's own data, such as its slice of an array; empty for most kinds
 */
public record ChunkRequest(
    long job,
    int index,
    SumKind kind,
    long from,
    long to,
    boolean progress,
    byte[] term,
    byte[] data) {

  /** The most bytes of chunk data a request carries: the largest term's bound, too. */
  public static final int MAX_DATA = TermBytes.MAX_TERM_BYTES;

  /** A term length meaning "the term of this job's previous chunk", or none. */
  private static final int NO_TERM = -1;

  /** Checks the fields. */
  public ChunkRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(data, "data");
  }

  /**
   * Writes the request.
   *
   * @throws IOException if writing fails
   */
  public void write(DataOutput out) throws IOException {
    out.writeLong(job);
    out.writeInt(index);
    out.writeByte(kind.wire());
    out.writeLong(from);
    out.writeLong(to);
    out.writeBoolean(progress);
    writeBytes(out, term);
    writeBytes(out, data);
  }

  /**
   * Reads a request written by {@link #write}.
   *
   * @throws IOException if the bytes are short, name an unknown kind or exceed a bound
   */
  public static ChunkRequest read(DataInput in) throws IOException {
    long job = in.readLong();
    int index = in.readInt();
    SumKind kind = SumKind.ofWire(in.readUnsignedByte());
    long from = in.readLong();
    long to = in.readLong();
    boolean progress = in.readBoolean();
    byte[] term = readBytes(in, TermBytes.MAX_TERM_BYTES);
    byte[] data = readBytes(in, MAX_DATA);
    return new ChunkRequest(
        job, index, kind, from, to, progress, term, data == null ? new byte[0] : data);
  }

  /** Returns the request as bytes. */
  public byte[] toBytes() {
    return Bytes.of(this::write);
  }

  /**
   * Reads a request from the whole of {@code bytes}.
   *
   * @throws IOException if they do not hold exactly one request
   */
  public static ChunkRequest fromBytes(byte[] bytes) throws IOException {
    ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
    ChunkRequest request = read(new DataInputStream(stream));
    if (stream.available() != 0) {
      throw new IOException("a chunk request has " + stream.available() + " extra bytes");
    }
    return request;
  }

  private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
    if (bytes == null) {
      out.writeInt(NO_TERM);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private static byte[] readBytes(DataInput in, int max) throws IOException {
    int length = in.readInt();
    if (length == NO_TERM) {
      return null;
    }
    if (length < 0 || length > max) {
      throw new IOException("bad byte count " + length + " in a chunk request");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ChunkRequest that
        && job == that.job
        && index == that.index
        && kind == that.kind
        && from == that.from
        && to == that.to
        && progress == that.progress
        && Arrays.equals(term, that.term)
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(job, index, kind, from, to, progress)
        + 31 * Arrays.hashCode(term)
        + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "chunk %d [%d, %d) of job %d, %s%s, %d bytes of data",
        index,
        from,
        to,
        job,
        kind,
        term == null ? "" : ", a term of " + term.length + " bytes",
        data.length);
  }
}
