/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.math.BigInteger;
import io.github.rangesummer.internal.Gens;
import java.util.Arrays;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** A {@link LongTerm} with a readable description, for the reports of failed properties. */
record Term(String description, LongTerm function) {

  /**
   * Terms that overflow {@code long} partial sums in every way: linear terms with any coefficients
   * (wrapping), tables of arbitrary and extreme values repeated along the range, and the squares.
   */
  static Gen<Term> gen() {
    Gen<Long> anyLong = Gens.longs();
    Gen<Term> linear =
        anyLong.zip(anyLong, (a, b) -> new Term("i -> " + a + " * i + " + b, linear(a, b)));
    Gen<Term> table = Gens.longArrays(anyLong, 1, 50).map(Term::table);
    Gen<Term> squares = Generate.constant(new Term("i -> i * i", i -> i * i));
    return Generate.oneOf(linear, table, squares).describedAs(Term::toString);
  }

  /** Built in a static method, so that the term captures only its coefficients. */
  private static LongTerm linear(long a, long b) {
    return i -> a * i + b;
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
