/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** What {@link LongSumTest} and {@link DoubleSumTest} check the same way of their accumulators. */
final class Mergeables {

  private Mergeables() {}

  /** Makes the accumulator of the values in {@code [from, to)}. */
  interface PartOf<S> {
    S sum(int from, int to);
  }

  /**
   * Splits {@code [0, length)} at random into up to twelve parts, empty ones included, makes each
   * part's accumulator, and merges them in a random order and tree shape into one, which it
   * returns. Each merged part must keep its {@code value}, compared with {@code equals}: for a
   * {@code Double}, bit for bit.
   */
  static <S> S mergeAtRandom(
      int length,
      Random random,
      PartOf<S> partOf,
      BiConsumer<S, S> add,
      Function<S, Object> value) {
    List<S> parts = new ArrayList<>();
    int[] cuts = random.ints(random.nextInt(12), 0, length + 1).sorted().toArray();
    int from = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int to = i < cuts.length ? cuts[i] : length;
      parts.add(partOf.sum(from, to));
      from = to;
    }
    while (parts.size() > 1) {
      S into = parts.get(random.nextInt(parts.size()));
      S part = parts.get(random.nextInt(parts.size()));
      if (into != part) {
        Object before = value.apply(part);
        add.accept(into, part);
        assertEquals(before, value.apply(part), "the merged part's value");
        parts.remove(part);
      }
    }
    return parts.get(0);
  }

  /**
   * Asserts that {@code stream}, cut anywhere in the last {@code dataSize} bytes of block data
   * before its final end marker, fails with {@link InvalidObjectException}, and cut anywhere else,
   * with the stream's own {@link IOException}: never a value.
   */
  static void assertTruncationsRejected(byte[] stream, int dataSize) {
    int dataStart = stream.length - 1 - dataSize;
    for (int length = 0; length < stream.length; length++) {
      byte[] truncated = Arrays.copyOf(stream, length);
      int cut = length;
      Class<? extends IOException> expected =
          length >= dataStart && length < stream.length - 1
              ? InvalidObjectException.class
              : IOException.class;
      assertThrows(expected, () -> SerialStreams.deserialize(truncated), () -> "cut at " + cut);
    }
  }
}
