/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a worker's output into bounded lines, without a worker. */
class LineForwarderTest {

  private final List<String> lines = new ArrayList<>();
  private final LineForwarder forwarder =
      new LineForwarder(8, StandardCharsets.UTF_8, lines::add);

  private void feed(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    forwarder.accept(bytes, bytes.length);
  }

  @Test
  void lines_arePassedOnWithoutTheirBreaks() {
    feed("one\ntwo\r\nthree");
    assertEquals(List.of("one", "two"), lines);
    forwarder.end();
    assertEquals(List.of("one", "two", "three"), lines);
  }

  @Test
  void aLineSplitAcrossReads_isOneLine() {
    feed("ab");
    feed("cd\ne");
    feed("f\n");
    assertEquals(List.of("abcd", "ef"), lines);
  }

  @Test
  void aLongLine_isCutOnceWithAMarker_andTheNextLineArrivesWhole() {
    feed("0123456789".repeat(1_000)); // 10,000 bytes without a break
    feed("\nnext\n");
    assertEquals(List.of("01234567 [cut: the line is longer than 8 bytes]", "next"), lines);
  }

  @Test
  void aLineOfExactlyTheLimit_isWhole_andACutLineEndingTheStreamIsNotRepeated() {
    feed("12345678\n");
    feed("123456789");
    forwarder.end();
    assertEquals(List.of("12345678", "12345678 [cut: the line is longer than 8 bytes]"), lines);
  }

  @Test
  void emptyLines_arePassedOn_andNothingAfterTheLastBreak() {
    feed("\n\nx\n");
    forwarder.end();
    assertEquals(List.of("", "", "x"), lines);
  }

  @Test
  void onlyTheBytesRead_areForwarded() {
    byte[] buffer = "ab\ncd\n".getBytes(StandardCharsets.UTF_8);
    forwarder.accept(buffer, 3);
    assertEquals(List.of("ab"), lines);
  }
}
