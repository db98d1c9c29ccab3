/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import io.github.rangesummer.RemoteTermException;
import io.github.rangesummer.internal.TermBytes;
import io.github.rangesummer.internal.ThrowableImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;

/**
 * The frames exchanged with worker processes over their private channel (see {@link
 * WorkerChannel}). A frame is a magic number, a type byte, a payload length
 * and the payload, in {@link DataOutputStream} format. The parent reads only these frame types,
 * field by field: it never deserializes an object from a worker. Terms travel the other way as
 * Java serialization, read by the worker under an {@link java.io.ObjectInputFilter}.
 */
final class Protocol {

  static final int MAGIC = 0x52_53_55_4d; // "RSUM"
  static final int VERSION = 1;
  /** The largest payload: a chunk's fields and the largest term a worker accepts. */
  static final int MAX_PAYLOAD = TermBytes.MAX_TERM_BYTES + (4 << 10);

  // Parent to worker.
  static final byte CHUNK = 1;
  static final byte CANCEL = 2;

  // Worker to parent.
  static final byte HELLO = 10;
  static final byte RESULT = 11;
  static final byte PROGRESS = 12;
  static final byte FAILURE = 13;
  static final byte CANCELLED = 14;

  /** In a CHUNK frame, a term length meaning "the term of the previous chunk of this job". */
  static final int SAME_TERM = -1;

  private static final int MAX_CAUSES = ThrowableImage.MAX_CAUSES;
  private static final int MAX_FRAMES = ThrowableImage.MAX_FRAMES;
  private static final int MAX_TEXT = ThrowableImage.MAX_TEXT;

  private Protocol() {}

  /** A frame as read: its type and payload. */
  static final class Frame {
    final byte type;
    final DataInputStream payload;
    private final int length;
    private final ByteArrayInputStream bytes;

    private Frame(byte type, byte[] payload) {
      this.type = type;
      this.length = payload.length;
      this.bytes = new ByteArrayInputStream(payload);
      this.payload = new DataInputStream(bytes);
    }

    /** Throws unless the whole payload was read. */
    void end() throws IOException {
      if (bytes.available() != 0) {
        throw new IOException(
            "frame type " + type + " of " + length + " bytes has " + bytes.available() + " extra");
      }
    }
  }

  /** Writes one frame and flushes it. */
  static void write(DataOutputStream out, byte type, byte[] payload) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(type);
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  /**
   * Reads one frame.
   *
   * @return the frame, or {@code null} at end of stream before a frame starts
   * @throws IOException on a malformed frame or end of stream inside one
   */
  static Frame read(DataInputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int magic = (first << 24) | (in.readUnsignedByte() << 16) | in.readUnsignedShort();
    if (magic != MAGIC) {
      throw new IOException(String.format(Locale.ROOT, "bad frame magic 0x%08x", magic));
    }
    byte type = in.readByte();
    int length = in.readInt();
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new IOException("bad frame length " + length + " for type " + type);
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    return new Frame(type, payload);
  }

  /** Builds a payload with a {@link DataOutputStream}. */
  static byte[] payload(PayloadWriter writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    }
    return bytes.toByteArray();
  }

  /** Writes a payload. */
  @FunctionalInterface
  interface PayloadWriter {
    void write(DataOutputStream out) throws IOException;
  }

  /**
   * Writes a throwable's class, message and stack trace, with its causes, as plain data. Whatever
   * the throwable's own methods do (throw, return null, build an endless chain of new causes),
   * this writes something and returns (see {@link ThrowableImage#of}); a method that never returns
   * is the caller's to bound.
   */
  static void writeThrowable(DataOutputStream out, Throwable failure) throws IOException {
    ThrowableImage image = ThrowableImage.of(failure);
    int count = 0;
    for (ThrowableImage link = image; link != null; link = link.cause()) {
      count++;
    }
    out.writeInt(count);
    for (ThrowableImage link = image; link != null; link = link.cause()) {
      writeOne(out, link.className(), link.message(), link.stackTrace());
    }
  }

  /** Writes a chain of one exception known only by its class name and a message. */
  static void writeThrowable(DataOutputStream out, String className, String message)
      throws IOException {
    out.writeInt(1);
    writeOne(out, className, message, new StackTraceElement[0]);
  }

  private static void writeOne(
      DataOutputStream out, String className, String message, StackTraceElement[] trace)
      throws IOException {
    out.writeUTF(truncate(className));
    out.writeBoolean(message != null);
    if (message != null) {
      out.writeUTF(truncate(message));
    }
    int frames = Math.min(trace.length, MAX_FRAMES);
    out.writeInt(frames);
    for (int i = 0; i < frames; i++) {
      StackTraceElement element = trace[i];
      out.writeUTF(truncate(element.getClassName()));
      out.writeUTF(truncate(element.getMethodName()));
      out.writeUTF(element.getFileName() == null ? "" : truncate(element.getFileName()));
      out.writeInt(element.getLineNumber());
    }
  }

  private static String truncate(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
  }

  /** Reads what {@link #writeThrowable} wrote, as a chain of {@link RemoteTermException}s. */
  static RemoteTermException readThrowable(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 1 || count > MAX_CAUSES) {
      throw new IOException("bad exception chain length " + count);
    }
    String[] classNames = new String[count];
    String[] messages = new String[count];
    StackTraceElement[][] traces = new StackTraceElement[count][];
    for (int i = 0; i < count; i++) {
      classNames[i] = in.readUTF();
      messages[i] = in.readBoolean() ? in.readUTF() : null;
      int frames = in.readInt();
      if (frames < 0 || frames > MAX_FRAMES) {
        throw new IOException("bad stack trace length " + frames);
      }
      traces[i] = new StackTraceElement[frames];
      for (int j = 0; j < frames; j++) {
        String className = in.readUTF();
        String method = in.readUTF();
        String file = in.readUTF();
        traces[i][j] =
            new StackTraceElement(className, method, file.isEmpty() ? null : file, in.readInt());
      }
    }
    RemoteTermException cause = null;
    for (int i = count - 1; i >= 0; i--) {
      cause = new RemoteTermException(classNames[i], messages[i], traces[i], cause);
    }
    return cause;
  }

  /** Reads an exact number of bytes, failing on a short stream. */
  static byte[] readBytes(DataInputStream in, int length) throws IOException {
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new EOFException("bad byte count " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }
}
