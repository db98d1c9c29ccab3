/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns a sum's exact total into the type the caller asked for: a {@code long} (or {@link
 * ArithmeticException}), a {@code BigInteger}, a correctly rounded {@code double}. The public
 * method chooses it; every sum kind with the same accumulator shares it.
 *
 * @param <A> the accumulator
 * @param <R> the caller's type
 */
@FunctionalInterface
public interface Finisher<A, R> {

  /**
   * Returns the caller's value of {@code total}.
   *
   * @param total the exact sum of every chunk
   * @param subject what was summed, such as {@code the sum over [0, 10)}, for a message
   * @return the result
   * @throws ArithmeticException if the total does not fit the caller's type
   */
  R finish(A total, Supplier<String> subject);

  /** The exact sum as a {@code long}, or {@link ArithmeticException} naming it. */
  static Finisher<Int128, Long> exactLong() {
    return (total, subject) -> {
      if (!total.fitsInLong()) {
        throw new ArithmeticException(
            String.format(
                Locale.ROOT,
                "%s is %s, outside the range of long; sumExact returns it",
                subject.get(),
                total));
      }
      return total.low();
    };
  }

  /** The exact sum as a {@code BigInteger}. */
  static Finisher<Int128, BigInteger> bigInteger() {
    return (total, subject) -> total.toBigInteger();
  }

  /** The exact sum rounded once to the nearest {@code double}. */
  static Finisher<DoubleAccumulator, Double> rounded() {
    return (total, subject) -> total.round();
  }
}
