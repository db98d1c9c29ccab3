/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static io.github.rangesummer.internal.Gens.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** {@link Int128} against {@code BigInteger} arithmetic. */
class Int128Test {

  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger TWO_TO_128 = BigInteger.ONE.shiftLeft(128);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** Longs with the carry- and borrow-prone values as likely as any other. */
  private static Gen<Long> longs() {
    return Gens.longs();
  }

  @Test
  void toBigInteger_anyHalves_isHighTimes2To64PlusUnsignedLow() {
    qt(500)
        .forAll(longs(), longs())
        .checkAssert(
            (high, low) -> {
              BigInteger expected = BigInteger.valueOf(high).multiply(TWO_TO_64).add(unsigned(low));
              Int128 value = new Int128(high, low);
              assertEquals(expected, value.toBigInteger());
              assertEquals(expected.toString(), value.toString());
            });
  }

  @Test
  void add_longs_equalsBigIntegerSum() {
    qt(500)
        .forAll(Gens.longArrays(longs(), 0, 255))
        .checkAssert(
            values -> {
              Int128 sum = new Int128();
              BigInteger expected = BigInteger.ZERO;
              for (long value : values) {
                sum.add(value);
                expected = expected.add(BigInteger.valueOf(value));
                assertEquals(expected, sum.toBigInteger(), () -> "after adding " + value);
              }
            });
  }

  /** Two 128-bit values add modulo 2^128, read as signed: as the halves of a 128-bit register. */
  @Test
  void add_int128_equalsBigIntegerSumModulo2To128() {
    qt(500)
        .forAll(longs(), longs(), longs(), longs())
        .checkAssert(
            (high, low, otherHigh, otherLow) -> {
              Int128 sum = new Int128(high, low);
              Int128 other = new Int128(otherHigh, otherLow);
              BigInteger expected = signed128(sum.toBigInteger().add(other.toBigInteger()));
              sum.add(other);
              assertEquals(expected, sum.toBigInteger());
              Int128 byHalves = new Int128(high, low);
              byHalves.add(otherHigh, otherLow);
              assertEquals(expected, byHalves.toBigInteger());
            });
  }

  @Test
  void addIfFits_int128_addsExactlyWhenSumFits() {
    qt(500)
        .forAll(longs(), longs(), longs(), longs())
        .checkAssert(
            (high, low, otherHigh, otherLow) -> {
              Int128 sum = new Int128(high, low);
              BigInteger before = sum.toBigInteger();
              BigInteger exact = before.add(new Int128(otherHigh, otherLow).toBigInteger());
              boolean fits = exact.equals(signed128(exact));
              assertEquals(fits, sum.addIfFits(new Int128(otherHigh, otherLow)), exact::toString);
              assertEquals(fits ? exact : before, sum.toBigInteger());
            });
  }

  @Test
  void addIfFits_itself_doublesUntil2To127() {
    Int128 value = new Int128(0, Long.MAX_VALUE);
    for (int i = 1; i <= 64; i++) {
      assertTrue(value.addIfFits(value), () -> "doubling " + value);
    }
    assertEquals(LONG_MAX.shiftLeft(64), value.toBigInteger());
    assertFalse(value.addIfFits(value));
    assertEquals(LONG_MAX.shiftLeft(64), value.toBigInteger());
    Int128 min = new Int128(Long.MIN_VALUE, 0);
    assertFalse(min.addIfFits(min));
    assertTrue(min.addIfFits(new Int128(Long.MAX_VALUE, -1)));
    assertEquals(BigInteger.ONE.negate(), min.toBigInteger());
  }

  @Test
  void fitsInLong_anyValue_iffInLongRange() {
    qt(500)
        .forAll(longs(), longs())
        .checkAssert(
            (anyHigh, low) -> {
              // Values that fit have a high half of 0 or -1: make those as likely as the rest.
              long high = Math.floorMod(anyHigh, 4) == 0 ? anyHigh : (anyHigh & 1) == 0 ? 0 : -1;
              Int128 value = new Int128(high, low);
              BigInteger exact = value.toBigInteger();
              boolean inRange = exact.compareTo(LONG_MIN) >= 0 && exact.compareTo(LONG_MAX) <= 0;
              assertEquals(inRange, value.fitsInLong(), exact::toString);
              if (inRange) {
                assertEquals(exact.longValueExact(), value.low());
              }
            });
  }

  @Test
  void add_carryOutOfLowHalf_incrementsHigh() {
    Int128 value = new Int128(0, -1); // 2^64 - 1
    value.add(1);
    assertEquals(1, value.high());
    assertEquals(0, value.low());
    assertEquals(TWO_TO_64, value.toBigInteger());
    assertFalse(value.fitsInLong());
  }

  @Test
  void add_borrowFromHighHalf_decrementsHigh() {
    Int128 value = new Int128(1, 0); // 2^64
    value.add(-1);
    assertEquals(0, value.high());
    assertEquals(-1, value.low());
    assertEquals(TWO_TO_64.subtract(BigInteger.ONE), value.toBigInteger());
  }

  @Test
  void add_negativeToZero_signExtends() {
    Int128 value = new Int128();
    value.add(-1);
    assertEquals(-1, value.high());
    assertEquals(-1, value.low());
    assertTrue(value.fitsInLong());
    value.add(Long.MIN_VALUE);
    assertEquals(LONG_MIN.subtract(BigInteger.ONE), value.toBigInteger());
    assertFalse(value.fitsInLong());
  }

  @Test
  void add_extremesThatCancel_fitsAgain() {
    Int128 value = new Int128();
    value.add(Long.MAX_VALUE);
    value.add(Long.MAX_VALUE);
    assertFalse(value.fitsInLong());
    value.add(Long.MIN_VALUE);
    value.add(Long.MIN_VALUE);
    value.add(5);
    assertTrue(value.fitsInLong());
    assertEquals(3, value.low());
  }

  private static BigInteger unsigned(long value) {
    return BigInteger.valueOf(value).mod(TWO_TO_64);
  }

  private static BigInteger signed128(BigInteger value) {
    BigInteger wrapped = value.mod(TWO_TO_128);
    return wrapped.testBit(127) ? wrapped.subtract(TWO_TO_128) : wrapped;
  }
}
