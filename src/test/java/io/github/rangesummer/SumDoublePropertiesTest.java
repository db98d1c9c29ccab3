/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.internal.ExactDoubles.correctlyRounded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rangesummer.internal.ExactDoubles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code sumDouble} over every in-JVM strategy against the exact {@code BigDecimal} oracle, IEEE
 * 754 addition and the special-value rules: the exact sum rounded once, the same bits everywhere.
 */
class SumDoublePropertiesTest {

  private static final double MAX = Double.MAX_VALUE;
  private static final double HALF_ULP_OF_MAX = Math.ulp(MAX) / 2;

  private static Strategies strategies;

  @BeforeContainer
  static void createSummers() {
    strategies = new Strategies();
  }

  @AfterContainer
  static void closeSummers() {
    strategies.close();
  }

  @Provide
  Arbitrary<RangeSummer> summers() {
    return strategies.arbitrary();
  }

  @Provide
  Arbitrary<double[]> finiteTerms() {
    return ExactDoubles.finiteMix().array(double[].class).ofMaxSize(300);
  }

  @Provide
  Arbitrary<double[]> subnormalTerms() {
    return ExactDoubles.subnormals().array(double[].class).ofMaxSize(300);
  }

  @Provide
  Arbitrary<double[]> residues() {
    return Arbitraries.oneOf(
            ExactDoubles.subnormals(), ExactDoubles.clustered(-1074), ExactDoubles.clustered(-80))
        .array(double[].class)
        .ofMaxSize(10);
  }

  /** Any double at all, from raw bits, with the special values and extremes as edge cases. */
  @Provide
  Arbitrary<Double> anyDouble() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.longs().map(Double::longBitsToDouble)),
        Tuple.of(2, ExactDoubles.finiteMix()),
        Tuple.of(
            1,
            Arbitraries.of(
                Double.NaN,
                Double.longBitsToDouble(0xFFF8_0000_0000_0001L),
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                MAX,
                -MAX,
                0.0,
                -0.0)));
  }

  @Provide
  Arbitrary<Double> nans() {
    return Arbitraries.longs()
        .between(1, (1L << 52) - 1)
        .flatMap(
            fraction ->
                Arbitraries.of(0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L)
                    .map(signAndExponent -> Double.longBitsToDouble(signAndExponent | fraction)));
  }

  @Property(tries = 300)
  void sumDouble_finiteTerms_isCorrectlyRoundedExactSum(
      @ForAll("summers") RangeSummer summer,
      @ForAll("finiteTerms") double[] terms,
      @ForAll long anyStart) {
    assertSameDouble(correctlyRounded(terms), sumOf(summer, anyStart, terms));
  }

  @Property(tries = 100)
  void sumDouble_subnormalTerms_isCorrectlyRoundedExactSum(
      @ForAll("summers") RangeSummer summer,
      @ForAll("subnormalTerms") double[] terms,
      @ForAll long anyStart) {
    assertSameDouble(correctlyRounded(terms), sumOf(summer, anyStart, terms));
  }

  /** Heavy cancellation: every term and its negation, in random order, around tiny residues. */
  @Property(tries = 200)
  void sumDouble_cancellingTermsWithResidues_isCorrectlyRoundedResidue(
      @ForAll("summers") RangeSummer summer,
      @ForAll("finiteTerms") double[] cancelling,
      @ForAll("residues") double[] residues,
      @ForAll Random random,
      @ForAll long anyStart) {
    List<Double> terms = new ArrayList<>();
    for (double x : cancelling) {
      terms.add(x);
      terms.add(-x);
    }
    for (double x : residues) {
      terms.add(x);
    }
    Collections.shuffle(terms, random);
    double[] shuffled = terms.stream().mapToDouble(Double::doubleValue).toArray();
    double sum = sumOf(summer, anyStart, shuffled);
    assertSameDouble(correctlyRounded(shuffled), sum);
    double residue = correctlyRounded(residues);
    if (residue != 0) {
      assertSameDouble(residue, sum);
    }
  }

  /** Each term repeated along a long range, so that every strategy cuts it into many chunks. */
  @Property(tries = 100)
  void sumDouble_anyStrategy_sameBitsAsSequentialAndOracle(
      @ForAll("summers") RangeSummer summer,
      @ForAll("finiteTerms") @Size(min = 1) double[] terms,
      @ForAll @IntRange(min = 1, max = 2_000) int times,
      @ForAll long anyStart) {
    Range range = Range.startingAt(anyStart, (long) terms.length * times);
    long start = range.start();
    double[] copy = terms.clone();
    DoubleTerm term = i -> copy[(int) ((i - start) % copy.length)];
    double sum = summer.sumDouble(start, range.end(), term);
    assertSameDouble(strategies.sequential().sumDouble(start, range.end(), term), sum);
    assertSameDouble(correctlyRounded(terms, times), sum);
  }

  /** IEEE 754 addition of two doubles is correctly rounded, with the same special-value rules. */
  @Property(tries = 400)
  void sumDouble_twoTerms_equalsIeeeAddition(
      @ForAll("summers") RangeSummer summer,
      @ForAll("anyDouble") double a,
      @ForAll("anyDouble") double b,
      @ForAll long anyStart) {
    assertSameDouble(a + b, sumOf(summer, anyStart, a, b));
  }

  @Property(tries = 300)
  void sumDouble_oneTerm_isThatTerm(
      @ForAll("summers") RangeSummer summer, @ForAll("anyDouble") double x, @ForAll long index) {
    long start = index == Long.MAX_VALUE ? index - 1 : index;
    assertSameDouble(x, summer.sumDouble(start, start + 1, i -> x));
  }

  @Property(tries = 50)
  void sumDouble_maxPlusMaxMinusMax_isMax(
      @ForAll("summers") RangeSummer summer, @ForAll Random random, @ForAll long anyStart) {
    List<Double> terms = new ArrayList<>(List.of(MAX, MAX, -MAX));
    Collections.shuffle(terms, random);
    double[] shuffled = terms.stream().mapToDouble(Double::doubleValue).toArray();
    assertSameDouble(MAX, sumOf(summer, anyStart, shuffled));
    assertSameDouble(-MAX, sumOf(summer, anyStart, negated(shuffled)));
  }

  /** The rounding boundary of the double range: MAX + ulp(MAX)/2 is the first value to overflow. */
  @Property(tries = 50)
  void sumDouble_atOverflowBoundary_roundsToInfinityOnlyFromBoundaryUp(
      @ForAll("summers") RangeSummer summer, @ForAll long anyStart) {
    double quarter = HALF_ULP_OF_MAX / 2;
    assertSameDouble(MAX, sumOf(summer, anyStart, MAX, quarter));
    assertSameDouble(MAX, sumOf(summer, anyStart, MAX, HALF_ULP_OF_MAX, -Double.MIN_VALUE));
    assertSameDouble(MAX, sumOf(summer, anyStart, MAX, quarter, quarter, -Double.MIN_VALUE));
    assertSameDouble(Double.POSITIVE_INFINITY, sumOf(summer, anyStart, MAX, HALF_ULP_OF_MAX));
    assertSameDouble(Double.POSITIVE_INFINITY, sumOf(summer, anyStart, quarter, MAX, quarter));
    assertSameDouble(Double.NEGATIVE_INFINITY, sumOf(summer, anyStart, -MAX, -HALF_ULP_OF_MAX));
    assertSameDouble(-MAX, sumOf(summer, anyStart, -MAX, -HALF_ULP_OF_MAX, Double.MIN_VALUE));
    // Far beyond the range on the way, back inside at the end.
    assertSameDouble(
        MAX, sumOf(summer, anyStart, MAX, MAX, HALF_ULP_OF_MAX, -MAX, -HALF_ULP_OF_MAX));
  }

  /** The example in floating point: 2000 times MAX, 2000 times -MAX, then 5. */
  @Property(tries = 100)
  void sumDouble_overflowingTermsThatCancel_isExactSum(
      @ForAll("summers") RangeSummer summer,
      @ForAll @IntRange(max = 2_000) int extra,
      @ForAll long anyStart) {
    Range range = Range.startingAt(anyStart, 4001 + extra);
    long start = range.start();
    // 2000 + extra times MAX, 2000 times -MAX, then 5: the sum is extra * MAX + 5.
    DoubleTerm term = i -> i - start < 2000 + extra ? MAX : i - start < 4000 + extra ? -MAX : 5.0;
    double expected = extra == 0 ? 5.0 : extra == 1 ? MAX : Double.POSITIVE_INFINITY;
    assertSameDouble(expected, summer.sumDouble(start, range.end(), term));
  }

  @Property(tries = 200)
  void sumDouble_halfwayBetweenDoubles_roundsToEven(
      @ForAll("summers") RangeSummer summer,
      @ForAll("normalBelowMax") double x,
      @ForAll long anyStart) {
    double half = Math.ulp(x) / 2;
    double even = (Double.doubleToRawLongBits(x) & 1) == 0 ? x : Math.nextUp(x);
    assertSameDouble(even, sumOf(summer, anyStart, x, half));
    assertSameDouble(even, sumOf(summer, anyStart, half / 2, x, half / 2));
    assertSameDouble(-even, sumOf(summer, anyStart, -x, -half));
    // A term below the last bit of the sum breaks the tie.
    assertSameDouble(Math.nextUp(x), sumOf(summer, anyStart, x, half, Double.MIN_VALUE));
    assertSameDouble(x, sumOf(summer, anyStart, x, half, -Double.MIN_VALUE));
  }

  @Provide
  Arbitrary<Double> normalBelowMax() {
    // From 2^-1000 up, so that a quarter of an ulp is still a double.
    return ExactDoubles.anyFinite().map(Math::abs).filter(x -> x >= 0x1p-1000 && x < MAX);
  }

  @Property(tries = 100)
  void sumDouble_anyNaN_isNaN(
      @ForAll("summers") RangeSummer summer,
      @ForAll("finiteTerms") double[] terms,
      @ForAll("nans") double nan,
      @ForAll int position,
      @ForAll long anyStart) {
    double[] withNaN = insert(terms, nan, position);
    assertSameDouble(Double.NaN, sumOf(summer, anyStart, withNaN));
    assertSameDouble(
        Double.NaN, sumOf(summer, anyStart, insert(withNaN, Double.POSITIVE_INFINITY, position)));
  }

  @Property(tries = 100)
  void sumDouble_bothInfinities_isNaN(
      @ForAll("summers") RangeSummer summer,
      @ForAll("finiteTerms") double[] terms,
      @ForAll int first,
      @ForAll int second,
      @ForAll long anyStart) {
    double[] withBoth =
        insert(insert(terms, Double.POSITIVE_INFINITY, first), Double.NEGATIVE_INFINITY, second);
    assertSameDouble(Double.NaN, sumOf(summer, anyStart, withBoth));
  }

  /** One infinity wins over any finite terms, even those whose sum overflows the other way. */
  @Property(tries = 100)
  void sumDouble_oneInfinity_isThatInfinity(
      @ForAll("summers") RangeSummer summer,
      @ForAll("finiteTerms") double[] terms,
      @ForAll @IntRange(min = 1, max = 3) int copies,
      @ForAll int position,
      @ForAll long anyStart) {
    double[] overflowingDown = insert(terms, -MAX, position);
    overflowingDown = insert(overflowingDown, -MAX, position / 2);
    double[] positive = overflowingDown;
    for (int i = 0; i < copies; i++) {
      positive = insert(positive, Double.POSITIVE_INFINITY, position + i);
    }
    assertSameDouble(Double.POSITIVE_INFINITY, sumOf(summer, anyStart, positive));
    assertSameDouble(Double.NEGATIVE_INFINITY, sumOf(summer, anyStart, negated(positive)));
  }

  @Property(tries = 100)
  void sumDouble_allNegativeZeros_isNegativeZero(
      @ForAll("summers") RangeSummer summer,
      @ForAll @IntRange(min = 1, max = 20_000) int length,
      @ForAll long anyStart) {
    Range range = Range.startingAt(anyStart, length);
    assertSameDouble(-0.0, summer.sumDouble(range.start(), range.end(), i -> -0.0));
  }

  @Property(tries = 100)
  void sumDouble_mixedSignedZeros_isPositiveZero(
      @ForAll("summers") RangeSummer summer,
      @ForAll @Size(min = 1, max = 3_000) boolean[] negative,
      @ForAll int positivePosition,
      @ForAll long anyStart) {
    double[] zeros = new double[negative.length];
    for (int i = 0; i < zeros.length; i++) {
      zeros[i] = negative[i] ? -0.0 : 0.0;
    }
    zeros[Math.floorMod(positivePosition, zeros.length)] = 0.0;
    assertSameDouble(0.0, sumOf(summer, anyStart, zeros));
  }

  @Property(tries = 200)
  void sumDouble_termAndItsNegation_isPositiveZero(
      @ForAll("summers") RangeSummer summer,
      @ForAll("finiteTerms") @Size(min = 1, max = 20) double[] terms,
      @ForAll Random random,
      @ForAll long anyStart) {
    List<Double> cancelling = new ArrayList<>();
    for (double x : terms) {
      cancelling.add(x);
      cancelling.add(-x);
    }
    Collections.shuffle(cancelling, random);
    double[] shuffled = cancelling.stream().mapToDouble(Double::doubleValue).toArray();
    assertSameDouble(0.0, sumOf(summer, anyStart, shuffled));
  }

  /** Sums {@code terms} as a range of {@code terms.length} indexes placed near {@code anyStart}. */
  private static double sumOf(RangeSummer summer, long anyStart, double... terms) {
    Range range = Range.startingAt(anyStart, terms.length);
    long start = range.start();
    double[] copy = terms.clone();
    return summer.sumDouble(start, range.end(), i -> copy[Math.toIntExact(i - start)]);
  }

  private static double[] insert(double[] terms, double value, int anyPosition) {
    int position = Math.floorMod(anyPosition, terms.length + 1);
    double[] result = new double[terms.length + 1];
    System.arraycopy(terms, 0, result, 0, position);
    result[position] = value;
    System.arraycopy(terms, position, result, position + 1, terms.length - position);
    return result;
  }

  private static double[] negated(double[] terms) {
    return Arrays.stream(terms).map(x -> -x).toArray();
  }

  /** Asserts the same bits, or NaN for NaN, and shows both in hexadecimal. */
  static void assertSameDouble(double expected, double actual) {
    assertEquals(
        Double.doubleToLongBits(expected),
        Double.doubleToLongBits(actual),
        () ->
            "expected " + Double.toHexString(expected) + " but was " + Double.toHexString(actual));
  }
}
