/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.math.BigInteger;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/** A half-open range {@code [start, end)} of test data, printed as the library prints ranges. */
record Range(long start, long end) {

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
   * Ranges of at most {@code maxLength} elements: anywhere, around zero, starting at or just above
   * {@code Long.MIN_VALUE}, and ending at or just below {@code Long.MAX_VALUE}. Most are short, so
   * that many tries stay cheap; some are up to {@code maxLength} long.
   */
  static Arbitrary<Range> arbitrary(long maxLength) {
    Arbitrary<Long> lengths =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.longs().between(0, 20)),
            Tuple.of(3, Arbitraries.longs().between(0, Math.min(5_000, maxLength))),
            Tuple.of(
                2,
                Arbitraries.longs()
                    .between(0, maxLength)
                    .withDistribution(RandomDistribution.uniform())));
    Arbitrary<Long> offsets = Arbitraries.longs().between(0, 40);
    Arbitrary<Range> anywhere =
        Combinators.combine(Arbitraries.longs(), lengths).as(Range::startingAt);
    Arbitrary<Range> aroundZero =
        Combinators.combine(Arbitraries.longs().between(-50_000, 50_000), lengths)
            .as(Range::startingAt);
    Arbitrary<Range> fromMin =
        Combinators.combine(offsets, lengths)
            .as((offset, length) -> startingAt(Long.MIN_VALUE + offset, length));
    Arbitrary<Range> toMax =
        Combinators.combine(offsets, lengths)
            .as(
                (offset, length) ->
                    new Range(Long.MAX_VALUE - offset - length, Long.MAX_VALUE - offset));
    return Arbitraries.oneOf(anywhere, aroundZero, fromMin, toMax);
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
