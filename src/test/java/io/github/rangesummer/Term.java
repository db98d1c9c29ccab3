/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** A {@link LongTerm} with a readable description, for jqwik's reports. */
record Term(String description, LongTerm function) {

  /** Values where {@code long} arithmetic overflows soonest. */
  private static final long[] EXTREMES = {
    Long.MAX_VALUE,
    Long.MAX_VALUE - 1,
    -Long.MAX_VALUE,
    Long.MIN_VALUE,
    Long.MIN_VALUE + 1,
    0,
    1,
    -1
  };

  /**
   * Terms that overflow {@code long} partial sums in every way: linear terms with any coefficients
   * (wrapping), tables of arbitrary and extreme values repeated along the range, and the squares.
   */
  static Arbitrary<Term> arbitrary() {
    Arbitrary<Long> anyLong = Arbitraries.longs();
    Arbitrary<Long> extreme = Arbitraries.of(Arrays.stream(EXTREMES).boxed().toArray(Long[]::new));
    Arbitrary<Term> linear =
        Combinators.combine(anyLong, Arbitraries.oneOf(anyLong, extreme))
            .as((a, b) -> new Term("i -> " + a + " * i + " + b, i -> a * i + b));
    Arbitrary<Term> table =
        Arbitraries.oneOf(anyLong, extreme)
            .array(long[].class)
            .ofMinSize(1)
            .ofMaxSize(50)
            .map(Term::table);
    Arbitrary<Term> squares = Arbitraries.just(new Term("i -> i * i", i -> i * i));
    return Arbitraries.oneOf(linear, table, squares);
  }

  /** Returns the term {@code values[i mod values.length]}. */
  static Term table(long[] values) {
    long[] copy = values.clone();
    return new Term(
        "i -> " + Arrays.toString(copy) + "[i mod " + copy.length + "]",
        i -> copy[Math.floorMod(i, copy.length)]);
  }

  /** Returns the exact sum over {@code range}, one {@code BigInteger} addition per element. */
  BigInteger exactSum(Range range) {
    BigInteger sum = BigInteger.ZERO;
    for (long i = range.start(); i < range.end(); i++) {
      sum = sum.add(BigInteger.valueOf(function.applyAsLong(i)));
    }
    return sum;
  }

  @Override
  public String toString() {
    return description;
  }
}
