/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.StreamCorruptedException;
import java.util.Locale;

/**
 * Reads the data of the accumulators' serialization proxies: a version, fields of fixed size, and
 * nothing after them. What no proxy writes fails with {@link InvalidObjectException}, which names
 * the class; a failure of the stream itself (an {@link IOException} of its source) stays as it is.
 */
final class ProxyData {

  /** Reads a proxy's fields, after their version. */
  interface Fields {
    void read(ObjectInputStream in) throws IOException;
  }

  private ProxyData() {}

  /**
   * Reads a proxy's data of {@code version}, its fields with {@code fields}, and checks that
   * nothing follows them.
   *
   * @param type the class the proxy stands for, as messages name it
   * @throws InvalidObjectException if the data is of another version, truncated, longer than the
   *     fields or otherwise malformed
   * @throws IOException if reading fails
   */
  static void read(ObjectInputStream in, String type, int version, Fields fields)
      throws IOException {
    try {
      int read = in.readInt();
      if (read != version) {
        throw new InvalidObjectException(
            String.format(Locale.ROOT, "%s data of version %d, expected %d", type, read, version));
      }
      fields.read(in);
      if (in.read() >= 0) {
        throw new InvalidObjectException(type + " data longer than version " + version + " writes");
      }
    } catch (EOFException | StreamCorruptedException e) {
      InvalidObjectException invalid =
          new InvalidObjectException(type + " data truncated or corrupt: " + e.getMessage());
      invalid.initCause(e);
      throw invalid;
    }
  }
}
