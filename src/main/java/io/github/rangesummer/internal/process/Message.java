/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import io.github.rangesummer.internal.Bytes;
import io.github.rangesummer.internal.remote.ChunkOutcome;
import io.github.rangesummer.internal.remote.ChunkRequest;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The messages of the worker protocol, one record each, with its layout written once: {@link
 * #write} and a {@code read} for every record, which {@link #decode} dispatches on by the frame's
 * type. Frames carry them over the worker's channel ({@link Protocol}).
 */
sealed interface Message {

  /** Returns the frame type of this message. */
  byte type();

  /** Writes this message's fields. */
  void write(DataOutput out) throws IOException;

  /** Returns this message's fields as a frame's payload. */
  default byte[] payload() {
    return Bytes.of(this::write);
  }

  /**
   * Reads the message a frame holds, all of its payload.
   *
   * @throws IOException for an unknown type, or a payload that is short, long or malformed
   */
  static Message decode(Protocol.Frame frame) throws IOException {
    ByteArrayInputStream bytes = new ByteArrayInputStream(frame.payload());
    DataInputStream in = new DataInputStream(bytes);
    Message message;
    switch (frame.type()) {
      case Chunk.TYPE:
        message = Chunk.read(in);
        break;
      case Cancel.TYPE:
        message = Cancel.read(in);
        break;
      case Hello.TYPE:
        message = Hello.read(in);
        break;
      case Outcome.TYPE:
        message = Outcome.read(in);
        break;
      case Progress.TYPE:
        message = Progress.read(in);
        break;
      case Heartbeat.TYPE:
        message = new Heartbeat();
        break;
      default:
        throw new IOException("unexpected frame type " + frame.type());
    }
    if (bytes.available() != 0) {
      throw new IOException(
          "frame type "
              + frame.type()
              + " of "
              + frame.payload().length
              + " bytes has "
              + bytes.available()
              + " extra");
    }
    return message;
  }

  /**
   * Parent to worker: compute a chunk.
   *
   * @param request the chunk, with the job's term on the first chunk of a job for this worker
   */
  record Chunk(ChunkRequest request) implements Message {
    static final byte TYPE = 1;

    @Override
    public byte type() {
      return TYPE;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      request.write(out);
    }

    static Chunk read(DataInput in) throws IOException {
      return new Chunk(ChunkRequest.read(in));
    }
  }

  /**
   * Parent to worker: abandon every chunk of a job, queued or running.
   *
   * @param job the job
   */
  record Cancel(long job) implements Message {
    static final byte TYPE = 2;

    @Override
    public byte type() {
      return TYPE;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeLong(job);
    }

    static Cancel read(DataInput in) throws IOException {
      return new Cancel(in.readLong());
    }
  }

  /**
   * Worker to parent, first: the worker runs our code and speaks this version.
   *
   * @param version the protocol version, {@link Protocol#VERSION}
   * @param pid the worker's process id
   */
  record Hello(int version, long pid) implements Message {
    static final byte TYPE = 10;

    @Override
    public byte type() {
      return TYPE;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeInt(version);
      out.writeLong(pid);
    }

    static Hello read(DataInput in) throws IOException {
      int version = in.readInt();
      return new Hello(version, in.readLong());
    }
  }

  /**
   * Worker to parent: what became of a chunk; the worker is then free for the next one.
   *
   * @param job the chunk's job
   * @param index the chunk's index
   * @param outcome its partial sum, the term's failure, an unreadable term, or a stop
   */
  record Outcome(long job, int index, ChunkOutcome outcome) implements Message {
    static final byte TYPE = 11;

    @Override
    public byte type() {
      return TYPE;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeLong(job);
      out.writeInt(index);
      outcome.write(out);
    }

    static Outcome read(DataInput in) throws IOException {
      long job = in.readLong();
      int index = in.readInt();
      return new Outcome(job, index, ChunkOutcome.read(in));
    }
  }

  /**
   * Worker to parent: more elements of the current chunk are summed (at most every 50 ms).
   *
   * @param job the chunk's job
   * @param index the chunk's index
   * @param elements elements summed since the previous report
   */
  record Progress(long job, int index, long elements) implements Message {
    static final byte TYPE = 12;

    @Override
    public byte type() {
      return TYPE;
    }

    @Override
    public void write(DataOutput out) throws IOException {
      out.writeLong(job);
      out.writeInt(index);
      out.writeLong(elements);
    }

    static Progress read(DataInput in) throws IOException {
      long job = in.readLong();
      int index = in.readInt();
      return new Progress(job, index, in.readLong());
    }
  }

  /** Worker to parent: the worker is alive, whatever its term is doing. */
  record Heartbeat() implements Message {
    static final byte TYPE = 13;

    @Override
    public byte type() {
      return TYPE;
    }

    @Override
    public void write(DataOutput out) {}
  }
}
