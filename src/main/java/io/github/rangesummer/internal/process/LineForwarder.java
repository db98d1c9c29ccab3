/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import java.nio.charset.Charset;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines in bounded memory, whatever it holds: a line longer than {@code
 * max} bytes is passed on cut, ending in a marker, and the rest of it is dropped; a line's
 * trailing {@code \r} is removed. A worker that prints 100 MB without a newline costs {@code max}
 * bytes, and its next lines still arrive. Not thread-safe: one per stream.
 */
final class LineForwarder {

  private final int max;
  private final byte[] line;
  private final Charset charset;
  private final Consumer<String> sink;
  private int length;
  private boolean cut;

  /**
   * Creates a forwarder.
   *
   * @param max the longest line passed on whole, in bytes
   * @param charset how the bytes are decoded
   * @param sink receives each line, without its line break
   */
  LineForwarder(int max, Charset charset, Consumer<String> sink) {
    this.max = max;
    this.line = new byte[max];
    this.charset = charset;
    this.sink = sink;
  }

  /** Passes on every line that {@code bytes[0, n)} completes. */
  void accept(byte[] bytes, int n) {
    for (int i = 0; i < n; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (!cut) {
          forward("");
        }
        length = 0;
        cut = false;
      } else if (length < max) {
        line[length++] = b;
      } else if (!cut) {
        cut = true;
        forward(" [cut: the line is longer than " + max + " bytes]");
      }
    }
  }

  /** Passes on the last line, if the stream ended without a line break after it. */
  void end() {
    if (length > 0 && !cut) {
      forward("");
    }
    length = 0;
    cut = false;
  }

  private void forward(String marker) {
    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    sink.accept(new String(line, 0, end, charset) + marker);
  }
}
