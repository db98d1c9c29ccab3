/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.math.BigDecimal;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

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
  public static Gen<Double> anyFinite() {
    return SourceDSL.longs()
        .all()
        .map(Double::longBitsToDouble)
        .map(x -> Double.isFinite(x) ? x : Math.copySign(Double.MAX_VALUE, x));
  }

  /** Subnormal doubles and zeros of both signs. */
  public static Gen<Double> subnormals() {
    return Generate.longRange(0, (1L << 52) - 1)
        .map(Double::longBitsToDouble)
        .zip(Generate.booleans(), (x, negative) -> negative ? -x : x);
  }

  /** Doubles within a few binades of {@code Double.MAX_VALUE}, of either sign. */
  public static Gen<Double> nearMaxValue() {
    long maxBits = Double.doubleToRawLongBits(Double.MAX_VALUE);
    return Generate.longRange(maxBits - (4L << 52), maxBits, maxBits)
        .map(Double::longBitsToDouble)
        .zip(Generate.booleans(), (x, negative) -> negative ? -x : x);
  }

  /**
   * Doubles of either sign with random 53-bit mantissas whose exponents span a window of 60 binades
   * from {@code lowestExponent}, so that sums both carry and cancel.
   */
  public static Gen<Double> clustered(int lowestExponent) {
    long one = Double.doubleToRawLongBits(1.0);
    return Generate.longRange(0, (1L << 52) - 1)
        .zip(
            Generate.range(0, 60),
            Generate.booleans(),
            (fraction, shift, negative) ->
                (negative ? -1 : 1)
                    * Math.scalb(Double.longBitsToDouble(one | fraction), lowestExponent + shift));
  }

  /** A mix of every kind of finite double above, and small integers. */
  public static Gen<Double> finiteMix() {
    return Generate.frequency(
        Pair.of(4, anyFinite()),
        Pair.of(2, subnormals()),
        Pair.of(1, nearMaxValue()),
        Pair.of(3, clustered(-30)),
        Pair.of(1, clustered(-1070)),
        Pair.of(1, Generate.range(-5, 5).map(i -> (double) i)),
        Pair.of(1, Generate.pick(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE))));
  }
}
