/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The bytes that a {@link DataOutput} writer writes: how records of the wire make their bytes. */
public final class Bytes {

  private Bytes() {}

  /** Writes to a {@link DataOutput}; only an I/O failure is checked, and a byte array has none. */
  @FunctionalInterface
  public interface Writer {
    void write(DataOutput out) throws IOException;
  }

  /** Returns what {@code writer} writes. */
  public static byte[] of(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array does not fail", e);
    }
    return bytes.toByteArray();
  }
}
