/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import io.github.rangesummer.internal.Gens;
import io.github.rangesummer.internal.Summation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** A half-open range {@code [start, end)} of test data, printed as the library prints ranges. */
record Range(long start, long end) {

  /** The identity sum's default minimum chunk size. */
  static final long IDENTITY_MIN_CHUNK = Summation.identity().defaultMinChunk();

  /** A term sum's default minimum chunk size. */
  static final long TERM_MIN_CHUNK = Summation.ofLong(i -> i).defaultMinChunk();

  Range {
    if (start > end) {
      throw new IllegalArgumentException(start + " > " + end);
    }
  }

  /**
   * Returns the range of {@code length} elements from {@code start}, moved down if it would pass
   * {@code Long.MAX_VALUE}.
   */
  static Range startingAt(long start, long length) {
    long first = start > Long.MAX_VALUE - length ? Long.MAX_VALUE - length : start;
    return new Range(first, first + length);
  }

  /**
   * Ranges of at most {@code maxLength} elements: anywhere, straddling zero, starting at or just
   * above {@code Long.MIN_VALUE}, and ending at or just below {@code Long.MAX_VALUE}. Most are
   * short, so that many tries stay cheap; some are up to {@code maxLength} long; empty and
   * one-element ranges are frequent, and so are lengths at, one below and one above the chunk sizes
   * that tests set ({@code 1}, {@code 3}, {@code 100}) and the default minimum chunk sizes.
   */
  static Gen<Range> gen(long maxLength) {
    List<Long> edgeLengths = new ArrayList<>();
    for (long size : new long[] {1, 3, 100, IDENTITY_MIN_CHUNK, TERM_MIN_CHUNK}) {
      for (long length : new long[] {size - 1, size, size + 1, 2 * size + 1}) {
        if (length <= maxLength) {
          edgeLengths.add(length);
        }
      }
    }
    Gen<Long> lengths =
        Generate.frequency(
            Pair.of(5, Generate.longRange(0, 20)),
            Pair.of(3, Generate.longRange(0, Math.min(5_000, maxLength))),
            Pair.of(2, Generate.longRange(0, maxLength)),
            Pair.of(2, Generate.pick(edgeLengths)));
    Gen<Long> offsets = Generate.longRange(0, 40);
    Gen<Range> anywhere = Gens.longs().zip(lengths, Range::startingAt);
    Gen<Range> aroundZero =
        Generate.longRange(-50_000, 50_000)
            .zip(lengths, (start, length) -> startingAt(start - length / 2, length));
    Gen<Range> fromMin =
        offsets.zip(lengths, (offset, length) -> startingAt(Long.MIN_VALUE + offset, length));
    Gen<Range> toMax =
        offsets.zip(
            lengths,
            (offset, length) ->
                new Range(Long.MAX_VALUE - offset - length, Long.MAX_VALUE - offset));
    return Generate.oneOf(anywhere, aroundZero, fromMin, toMax);
  }

  /** Returns the number of elements; ranges in tests are short enough for an {@code int}. */
  int length() {
    return Math.toIntExact(end - start);
  }

  /** Returns the sum of the integers in the range: n (start + end - 1) / 2. */
  BigInteger closedFormSum() {
    BigInteger first = BigInteger.valueOf(start);
    BigInteger last = BigInteger.valueOf(end).subtract(BigInteger.ONE);
    BigInteger count = BigInteger.valueOf(end).subtract(first);
    return first.add(last).multiply(count).shiftRight(1);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "[%d, %d)", start, end);
  }
}
