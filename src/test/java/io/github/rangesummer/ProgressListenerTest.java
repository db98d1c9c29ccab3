/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ProgressListener#fraction} reads both counts as unsigned. */
class ProgressListenerTest {

  private static final BigDecimal TWO_TO_64 = BigDecimal.valueOf(2).pow(64);

  private static BigDecimal unsigned(long value) {
    BigDecimal signed = BigDecimal.valueOf(value);
    return value >= 0 ? signed : signed.add(TWO_TO_64);
  }

  @Test
  void fraction_signedCounts_divides() {
    assertEquals(0.0, ProgressListener.fraction(0, 10));
    assertEquals(0.5, ProgressListener.fraction(5, 10));
    assertEquals(1.0, ProgressListener.fraction(10, 10));
    assertEquals(1.0, ProgressListener.fraction(Long.MAX_VALUE, Long.MAX_VALUE));
    assertEquals(0.25, ProgressListener.fraction(1L << 60, 1L << 62));
  }

  @Test
  void fraction_unsignedCountsBeyondLongMaxValue_readAsUnsigned() {
    long all = -1L; // 2^64 - 1
    assertEquals(1.0, ProgressListener.fraction(all, all));
    assertEquals(0.5, ProgressListener.fraction(Long.MIN_VALUE, all), 1e-15); // 2^63 of 2^64 - 1
    assertEquals(0.5, ProgressListener.fraction(1L << 62, Long.MIN_VALUE)); // 2^62 of 2^63
    assertEquals(1.0, ProgressListener.fraction(Long.MAX_VALUE, Long.MIN_VALUE), 1e-15);
    assertEquals(1.0, ProgressListener.fraction(Long.MIN_VALUE, Long.MIN_VALUE));
    assertEquals(0.0, ProgressListener.fraction(0, all));
    assertEquals(0x1p-64, ProgressListener.fraction(1, all), 0x1p-110);
    assertTrue(ProgressListener.fraction(all - 1, all) <= 1.0);
  }

  @Test
  void fraction_randomUnsignedCounts_withinRoundingOfExactQuotient() {
    SplittableRandom random = new SplittableRandom(20_261_125);
    for (int i = 0; i < 20_000; i++) {
      long a = random.nextLong();
      long b = random.nextLong();
      if (b == 0) {
        continue;
      }
      long done = Long.compareUnsigned(a, b) <= 0 ? a : b;
      long total = Long.compareUnsigned(a, b) <= 0 ? b : a;
      double fraction = ProgressListener.fraction(done, total);
      double exact = unsigned(done).divide(unsigned(total), new MathContext(40)).doubleValue();
      assertTrue(fraction >= 0 && fraction <= 1, () -> done + "/" + total + " = " + fraction);
      assertEquals(
          exact,
          fraction,
          Math.ulp(exact) * 4,
          () -> Long.toUnsignedString(done) + "/" + Long.toUnsignedString(total));
    }
  }

  @Test
  void fraction_zeroTotal_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProgressListener.fraction(0, 0));
    assertTrue(e.getMessage().contains("total (0)"), e::getMessage);
  }
}
