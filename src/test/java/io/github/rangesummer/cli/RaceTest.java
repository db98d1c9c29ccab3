/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RaceTest {

  @Test
  void closedForm_matchesLoopOnSmallRanges() {
    for (long start = -20; start <= 20; start++) {
      for (long end = start; end <= 20; end++) {
        assertEquals(
            BigInteger.valueOf(LongStream.range(start, end).sum()),
            Race.closedForm(start, end),
            start + ".." + end);
      }
    }
  }

  @Test
  void closedForm_wholeLongDomain() {
    // Every long but MAX_VALUE: i and -i cancel, leaving MIN_VALUE and -MAX_VALUE (partner gone).
    BigInteger expected =
        BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.valueOf(Long.MAX_VALUE));
    assertEquals(expected, Race.closedForm(Long.MIN_VALUE, Long.MAX_VALUE));
    assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE).negate(), expected);
  }

  @Test
  void median_oddEvenAndAtLeastOne() {
    assertEquals(3, Race.median(new long[] {9, 3, 1}));
    assertEquals(5, Race.median(new long[] {10, 2, 4, 6}));
    assertEquals(1, Race.median(new long[] {0}));
    assertEquals(Long.MAX_VALUE - 1, Race.median(new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 2}));
  }

  @Test
  void check_namesWhatWentWrong() {
    BigInteger expected = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.TEN);
    BigInteger wrapped = BigInteger.valueOf(expected.longValue());

    assertEquals("ok", Race.check(result(expected, true), expected));
    assertEquals("WRONG (wrapped)", Race.check(result(wrapped, true), expected));
    assertEquals("WRONG", Race.check(result(BigInteger.ONE, true), expected));
    assertEquals("WRONG (unstable)", Race.check(result(expected, false), expected));
  }

  private static Race.Result result(BigInteger value, boolean stable) {
    return new Race.Result("x", 1, false, value, stable, 1);
  }

  @Test
  void duration_keepsThreeSignificantDigits() {
    assertEquals("0.842 ms", Race.duration(842_000));
    assertEquals("8.42 ms", Race.duration(8_420_000));
    assertEquals("84.2 ms", Race.duration(84_200_000));
    assertEquals("842 ms", Race.duration(842_000_000));
    assertEquals("1.25 s", Race.duration(1_250_000_000));
  }
}
