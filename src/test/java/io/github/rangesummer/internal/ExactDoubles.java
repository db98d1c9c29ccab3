/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The oracle for floating-point sums, independent of the library: the exact sum in {@link
 * BigDecimal} (every finite double converts exactly), rounded once by {@link
 * Double#parseDouble(String)}, which rounds decimal strings correctly, ties to even, overflowing to
 * an infinity exactly when the rounded value is beyond the double range. Also the generators of
 * test doubles.
 */
public final class ExactDoubles {

  private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

  private ExactDoubles() {}

  /** Returns the exact sum of finite {@code terms}, each counted {@code times} times. */
  public static BigDecimal exactSum(double[] terms, long times) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double term : terms) {
      if (!Double.isFinite(term)) {
        throw new IllegalArgumentException("not finite: " + term);
      }
      sum = sum.add(new BigDecimal(term));
    }
    return sum.multiply(BigDecimal.valueOf(times));
  }

  /**
   * Returns the correctly rounded sum of finite {@code terms}: {@code -0.0} if there are some and
   * all are {@code -0.0}, {@code +0.0} for any other exact zero.
   */
  public static double correctlyRounded(double... terms) {
    return correctlyRounded(terms, 1);
  }

  /**
   * Returns the correctly rounded sum of finite {@code terms}, each counted {@code times} times.
   */
  public static double correctlyRounded(double[] terms, long times) {
    BigDecimal exact = exactSum(terms, times);
    if (exact.signum() == 0) {
      boolean allNegativeZero = terms.length > 0 && times > 0;
      for (double term : terms) {
        allNegativeZero &= Double.doubleToRawLongBits(term) == NEGATIVE_ZERO_BITS;
      }
      return allNegativeZero ? -0.0 : 0.0;
    }
    return Double.parseDouble(exact.toString());
  }

  /** Any finite double, from its raw bits: every exponent and sign equally likely. */
  public static Arbitrary<Double> anyFinite() {
    return Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
  }

  /** Subnormal doubles and zeros of both signs. */
  public static Arbitrary<Double> subnormals() {
    return Arbitraries.longs()
        .between(0, (1L << 52) - 1)
        .map(Double::longBitsToDouble)
        .flatMap(x -> Arbitraries.of(x, -x));
  }

  /** Doubles within a few binades of {@code Double.MAX_VALUE}, of either sign. */
  public static Arbitrary<Double> nearMaxValue() {
    long maxBits = Double.doubleToRawLongBits(Double.MAX_VALUE);
    return Arbitraries.longs()
        .between(maxBits - (4L << 52), maxBits)
        .map(Double::longBitsToDouble)
        .flatMap(x -> Arbitraries.of(x, -x));
  }

  /**
   * Doubles of either sign with random 53-bit mantissas whose exponents span a window of 60 binades
   * from {@code lowestExponent}, so that sums both carry and cancel.
   */
  public static Arbitrary<Double> clustered(int lowestExponent) {
    long one = Double.doubleToRawLongBits(1.0);
    return Combinators.combine(
            Arbitraries.longs().between(0, (1L << 52) - 1),
            Arbitraries.integers().between(0, 60),
            Arbitraries.of(1.0, -1.0))
        .as(
            (fraction, shift, sign) ->
                sign * Math.scalb(Double.longBitsToDouble(one | fraction), lowestExponent + shift));
  }

  /** A mix of every kind of finite double above, and small integers. */
  public static Arbitrary<Double> finiteMix() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, anyFinite()),
        Tuple.of(2, subnormals()),
        Tuple.of(1, nearMaxValue()),
        Tuple.of(3, clustered(-30)),
        Tuple.of(1, clustered(-1070)),
        Tuple.of(1, Arbitraries.integers().between(-5, 5).map(i -> (double) i)),
        Tuple.of(1, Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE)));
  }
}
