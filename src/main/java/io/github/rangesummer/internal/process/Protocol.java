/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import io.github.rangesummer.internal.remote.ChunkRequest;
import io.github.rangesummer.internal.TermBytes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * The frames exchanged with worker processes over their private channel (see {@link
 * WorkerChannel}): a magic number, a type byte, a payload length and the payload, in {@link
 * DataOutputStream} format. Each type's payload is a {@link Message}. The parent reads only these
 * messages, field by field: it never deserializes an object from a worker. Terms travel the other
 * way as Java serialization, read by the worker under an {@link java.io.ObjectInputFilter}.
 */
final class Protocol {

  static final int MAGIC = 0x52_53_55_4d; // "RSUM"

  /** The protocol's version; 2 since chunks and outcomes share one codec with executor tasks. */
  static final int VERSION = 2;

  /** The largest payload: a chunk's fields, the largest term and the largest chunk data. */
  static final int MAX_PAYLOAD = TermBytes.MAX_TERM_BYTES + ChunkRequest.MAX_DATA + (4 << 10);

  private Protocol() {}

  /**
   * A frame as read.
   *
   * @param type the message type
   * @param payload the message's fields
   */
  record Frame(byte type, byte[] payload) {}

  /** Writes one message as a frame and flushes it. */
  static void write(DataOutputStream out, Message message) throws IOException {
    byte[] payload = message.payload();
    out.writeInt(MAGIC);
    out.writeByte(message.type());
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
}
