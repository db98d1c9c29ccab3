/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.internal.ExactDoubles.correctlyRounded;
import static io.github.rangesummer.internal.Gens.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rangesummer.internal.ExactDoubles;
import io.github.rangesummer.internal.Gens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * {@code sumDouble} over every strategy of {@link Strategies#ALL} against the exact {@code
 * BigDecimal} oracle, IEEE 754 addition and the special-value rules: the exact sum rounded once,
 * the same bits everywhere. Remote strategies make a tenth of the tries.
 */
class SumDoublePropertiesTest {

  private static final double MAX = Double.MAX_VALUE;
  private static final double HALF_ULP_OF_MAX = Math.ulp(MAX) / 2;
  private static final RangeSummer SEQUENTIAL = RangeSummer.sequential();

  private static Strategies strategies;

  @BeforeAll
  static void createSummers() {
    strategies = new Strategies();
  }

  @AfterAll
  static void closeSummers() {
    strategies.close();
  }

  /** The strategy's shared summer, plain and with small minimum chunk sizes. */
  private static Gen<RangeSummer> summers(Strategy strategy) {
    return Generate.pick(strategies.configured(strategy));
  }

  private static Gen<double[]> finiteTerms() {
    return finiteTerms(0, 300);
  }

  private static Gen<double[]> finiteTerms(int min, int max) {
    return Gens.doubleArrays(ExactDoubles.finiteMix(), min, max);
  }

  private static Gen<double[]> residues() {
    return Gens.doubleArrays(
        Generate.oneOf(
            ExactDoubles.subnormals(), ExactDoubles.clustered(-1074), ExactDoubles.clustered(-80)),
        0,
        10);
  }

  /** Any double at all, from raw bits, with the special values and extremes as edge cases. */
  private static Gen<Double> anyDouble() {
    return Generate.frequency(
        Pair.of(6, SourceDSL.longs().all().map(Double::longBitsToDouble)),
        Pair.of(2, ExactDoubles.finiteMix()),
        Pair.of(
            1,
            Generate.pick(
                List.of(
                    Double.NaN,
                    Double.longBitsToDouble(0xFFF8_0000_0000_0001L),
                    Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY,
                    MAX,
                    -MAX,
                    0.0,
                    -0.0))));
  }

  /** NaNs of either sign with any payload. */
  private static Gen<Double> nans() {
    return Generate.longRange(1, (1L << 52) - 1)
        .zip(
            Generate.booleans(),
            (fraction, negative) ->
                Double.longBitsToDouble(
                    (negative ? 0xFFF0_0000_0000_0000L : 0x7FF0_0000_0000_0000L) | fraction));
  }

  /** An index to place terms near, and a seed for shuffling them. */
  private static Gen<Pair<Long, Long>> startsAndSeeds() {
    return Gens.longs().zip(Gens.seeds(), Pair::of);
  }

  /** A position to insert at, modulo the length, and an index to place terms near. */
  private static Gen<Pair<Integer, Long>> positionsAndStarts() {
    return Gens.ints().zip(Gens.longs(), Pair::of);
  }

  @EveryStrategy
  void sumDouble_finiteTerms_isCorrectlyRoundedExactSum(Strategy strategy) {
    qt(strategy.scaled(300))
        .forAll(summers(strategy), finiteTerms(), Gens.longs())
        .checkAssert(
            (summer, terms, anyStart) ->
                assertSameDouble(correctlyRounded(terms), sumOf(summer, anyStart, terms)));
  }

  @EveryStrategy
  void sumDouble_subnormalTerms_isCorrectlyRoundedExactSum(Strategy strategy) {
    qt(strategy.scaled(100))
        .forAll(
            summers(strategy), Gens.doubleArrays(ExactDoubles.subnormals(), 0, 300), Gens.longs())
        .checkAssert(
            (summer, terms, anyStart) ->
                assertSameDouble(correctlyRounded(terms), sumOf(summer, anyStart, terms)));
  }

  /** Heavy cancellation: every term and its negation, in random order, around tiny residues. */
  @EveryStrategy
  void sumDouble_cancellingTermsWithResidues_isCorrectlyRoundedResidue(Strategy strategy) {
    qt(strategy.scaled(200))
        .forAll(summers(strategy), finiteTerms(), residues(), startsAndSeeds())
        .checkAssert(
            (summer, cancelling, residues, where) -> {
              List<Double> terms = new ArrayList<>();
              for (double x : cancelling) {
                terms.add(x);
                terms.add(-x);
              }
              for (double x : residues) {
                terms.add(x);
              }
              Collections.shuffle(terms, new Random(where._2));
              double[] shuffled = terms.stream().mapToDouble(Double::doubleValue).toArray();
              double sum = sumOf(summer, where._1, shuffled);
              assertSameDouble(correctlyRounded(shuffled), sum);
              double residue = correctlyRounded(residues);
              if (residue != 0) {
                assertSameDouble(residue, sum);
              }
            });
  }

  /** Each term repeated along a long range, so that every strategy cuts it into many chunks. */
  @EveryStrategy
  void sumDouble_anyStrategy_sameBitsAsSequentialAndOracle(Strategy strategy) {
    qt(strategy.scaled(100))
        .forAll(summers(strategy), finiteTerms(1, 300), Gens.ints(1, 2_000), Gens.longs())
        .checkAssert(
            (summer, terms, times, anyStart) -> {
              Range range = Range.startingAt(anyStart, (long) terms.length * times);
              long start = range.start();
              DoubleTerm term = repeating(terms, start);
              double sum = summer.sumDouble(start, range.end(), term);
              assertSameDouble(SEQUENTIAL.sumDouble(start, range.end(), term), sum);
              assertSameDouble(correctlyRounded(terms, times), sum);
            });
  }

  /** {@code terms} over and over from {@code start}. */
  private static DoubleTerm repeating(double[] terms, long start) {
    double[] copy = terms.clone();
    return i -> copy[(int) ((i - start) % copy.length)];
  }

  /** Any doubles, specials included, repeated along ranges up to 300,000 long. */
  @EveryStrategy
  void sumDouble_anyDoubles_sameBitsAsSequential(Strategy strategy) {
    qt(strategy.scaled(150))
        .forAll(summers(strategy), Range.gen(300_000), Gens.doubleArrays(anyDouble(), 0, 50))
        .checkAssert(
            (summer, range, values) -> {
              DoubleTerm term = values.length == 0 ? constant(0.5) : cycling(values);
              assertEquals(
                  Double.doubleToRawLongBits(SEQUENTIAL.sumDouble(range.start(), range.end(), term)),
                  Double.doubleToRawLongBits(summer.sumDouble(range.start(), range.end(), term)));
            });
  }

  /** {@code values[i mod values.length]}. */
  private static DoubleTerm cycling(double[] values) {
    double[] copy = values.clone();
    return i -> copy[(int) Math.floorMod(i, (long) copy.length)];
  }

  /** IEEE 754 addition of two doubles is correctly rounded, with the same special-value rules. */
  @EveryStrategy
  void sumDouble_twoTerms_equalsIeeeAddition(Strategy strategy) {
    qt(strategy.scaled(400))
        .forAll(summers(strategy), anyDouble(), anyDouble(), Gens.longs())
        .checkAssert(
            (summer, a, b, anyStart) -> assertSameDouble(a + b, sumOf(summer, anyStart, a, b)));
  }

  @EveryStrategy
  void sumDouble_oneTerm_isThatTerm(Strategy strategy) {
    qt(strategy.scaled(300))
        .forAll(summers(strategy), anyDouble(), Gens.longs())
        .checkAssert(
            (summer, x, index) -> {
              long start = index == Long.MAX_VALUE ? index - 1 : index;
              assertSameDouble(x, summer.sumDouble(start, start + 1, constant(x)));
            });
  }

  private static DoubleTerm constant(double x) {
    return i -> x;
  }

  @EveryStrategy
  void sumDouble_maxPlusMaxMinusMax_isMax(Strategy strategy) {
    qt(strategy.scaled(50))
        .forAll(summers(strategy), startsAndSeeds())
        .checkAssert(
            (summer, where) -> {
              List<Double> terms = new ArrayList<>(List.of(MAX, MAX, -MAX));
              Collections.shuffle(terms, new Random(where._2));
              double[] shuffled = terms.stream().mapToDouble(Double::doubleValue).toArray();
              assertSameDouble(MAX, sumOf(summer, where._1, shuffled));
              assertSameDouble(-MAX, sumOf(summer, where._1, negated(shuffled)));
            });
  }

  /** The rounding boundary of the double range: MAX + ulp(MAX)/2 is the first value to overflow. */
  @EveryStrategy
  void sumDouble_atOverflowBoundary_roundsToInfinityOnlyFromBoundaryUp(Strategy strategy) {
    double quarter = HALF_ULP_OF_MAX / 2;
    double half = HALF_ULP_OF_MAX;
    double min = Double.MIN_VALUE;
    double inf = Double.POSITIVE_INFINITY;
    qt(strategy.scaled(50))
        .forAll(summers(strategy), Gens.longs())
        .checkAssert(
            (summer, anyStart) -> {
              assertSameDouble(MAX, sumOf(summer, anyStart, MAX, quarter));
              assertSameDouble(MAX, sumOf(summer, anyStart, MAX, half, -min));
              assertSameDouble(MAX, sumOf(summer, anyStart, MAX, quarter, quarter, -min));
              assertSameDouble(inf, sumOf(summer, anyStart, MAX, half));
              assertSameDouble(inf, sumOf(summer, anyStart, quarter, MAX, quarter));
              assertSameDouble(-inf, sumOf(summer, anyStart, -MAX, -half));
              assertSameDouble(-MAX, sumOf(summer, anyStart, -MAX, -half, min));
              // Far beyond the range on the way, back inside at the end.
              assertSameDouble(MAX, sumOf(summer, anyStart, MAX, MAX, half, -MAX, -half));
            });
  }

  /** The example in floating point: 2000 times MAX, 2000 times -MAX, then 5. */
  @EveryStrategy
  void sumDouble_overflowingTermsThatCancel_isExactSum(Strategy strategy) {
    qt(strategy.scaled(100))
        .forAll(summers(strategy), Gens.ints(0, 2_000), Gens.longs())
        .checkAssert(
            (summer, extra, anyStart) -> {
              Range range = Range.startingAt(anyStart, 4001 + extra);
              // 2000 + extra times MAX, 2000 times -MAX, then 5: the sum is extra * MAX + 5.
              double expected = extra == 0 ? 5.0 : extra == 1 ? MAX : Double.POSITIVE_INFINITY;
              assertSameDouble(
                  expected,
                  summer.sumDouble(range.start(), range.end(), cancelling(range.start(), extra)));
            });
  }

  private static DoubleTerm cancelling(long start, int extra) {
    return i -> i - start < 2000 + extra ? MAX : i - start < 4000 + extra ? -MAX : 5.0;
  }

  @EveryStrategy
  void sumDouble_halfwayBetweenDoubles_roundsToEven(Strategy strategy) {
    qt(strategy.scaled(200))
        .forAll(summers(strategy), normalBelowMax(), Gens.longs())
        .checkAssert(
            (summer, x, anyStart) -> {
              double half = Math.ulp(x) / 2;
              double even = (Double.doubleToRawLongBits(x) & 1) == 0 ? x : Math.nextUp(x);
              assertSameDouble(even, sumOf(summer, anyStart, x, half));
              assertSameDouble(even, sumOf(summer, anyStart, half / 2, x, half / 2));
              assertSameDouble(-even, sumOf(summer, anyStart, -x, -half));
              // A term below the last bit of the sum breaks the tie.
              assertSameDouble(Math.nextUp(x), sumOf(summer, anyStart, x, half, Double.MIN_VALUE));
              assertSameDouble(x, sumOf(summer, anyStart, x, half, -Double.MIN_VALUE));
            });
  }

  /** From 2^-1000 up, so that a quarter of an ulp is still a double. */
  private static Gen<Double> normalBelowMax() {
    return ExactDoubles.anyFinite()
        .map(Math::abs)
        .assuming(x -> x >= 0x1p-1000 && x < MAX);
  }

  @EveryStrategy
  void sumDouble_anyNaN_isNaN(Strategy strategy) {
    qt(strategy.scaled(100))
        .forAll(summers(strategy), finiteTerms(), nans(), positionsAndStarts())
        .checkAssert(
            (summer, terms, nan, where) -> {
              double[] withNaN = insert(terms, nan, where._1);
              assertSameDouble(Double.NaN, sumOf(summer, where._2, withNaN));
              assertSameDouble(
                  Double.NaN,
                  sumOf(summer, where._2, insert(withNaN, Double.POSITIVE_INFINITY, where._1)));
            });
  }

  @EveryStrategy
  void sumDouble_bothInfinities_isNaN(Strategy strategy) {
    qt(strategy.scaled(100))
        .forAll(summers(strategy), finiteTerms(), Gens.ints(), positionsAndStarts())
        .checkAssert(
            (summer, terms, first, where) -> {
              double[] withBoth =
                  insert(
                      insert(terms, Double.POSITIVE_INFINITY, first),
                      Double.NEGATIVE_INFINITY,
                      where._1);
              assertSameDouble(Double.NaN, sumOf(summer, where._2, withBoth));
            });
  }

  /** One infinity wins over any finite terms, even those whose sum overflows the other way. */
  @EveryStrategy
  void sumDouble_oneInfinity_isThatInfinity(Strategy strategy) {
    qt(strategy.scaled(100))
        .forAll(summers(strategy), finiteTerms(), Gens.ints(1, 3), positionsAndStarts())
        .checkAssert(
            (summer, terms, copies, where) -> {
              int position = where._1;
              double[] overflowingDown = insert(terms, -MAX, position);
              overflowingDown = insert(overflowingDown, -MAX, position / 2);
              double[] positive = overflowingDown;
              for (int i = 0; i < copies; i++) {
                positive = insert(positive, Double.POSITIVE_INFINITY, position + i);
              }
              assertSameDouble(Double.POSITIVE_INFINITY, sumOf(summer, where._2, positive));
              assertSameDouble(
                  Double.NEGATIVE_INFINITY, sumOf(summer, where._2, negated(positive)));
            });
  }

  @EveryStrategy
  void sumDouble_allNegativeZeros_isNegativeZero(Strategy strategy) {
    qt(strategy.scaled(100))
        .forAll(summers(strategy), Gens.ints(1, 20_000), Gens.longs())
        .checkAssert(
            (summer, length, anyStart) -> {
              Range range = Range.startingAt(anyStart, length);
              assertSameDouble(-0.0, summer.sumDouble(range.start(), range.end(), constant(-0.0)));
            });
  }

  @EveryStrategy
  void sumDouble_mixedSignedZeros_isPositiveZero(Strategy strategy) {
    qt(strategy.scaled(100))
        .forAll(summers(strategy), Gens.booleanArrays(1, 3_000), Gens.ints(), Gens.longs())
        .checkAssert(
            (summer, negative, positivePosition, anyStart) -> {
              double[] zeros = new double[negative.length];
              for (int i = 0; i < zeros.length; i++) {
                zeros[i] = negative[i] ? -0.0 : 0.0;
              }
              zeros[Math.floorMod(positivePosition, zeros.length)] = 0.0;
              assertSameDouble(0.0, sumOf(summer, anyStart, zeros));
            });
  }

  @EveryStrategy
  void sumDouble_termAndItsNegation_isPositiveZero(Strategy strategy) {
    qt(strategy.scaled(200))
        .forAll(summers(strategy), finiteTerms(1, 20), startsAndSeeds())
        .checkAssert(
            (summer, terms, where) -> {
              List<Double> cancelling = new ArrayList<>();
              for (double x : terms) {
                cancelling.add(x);
                cancelling.add(-x);
              }
              Collections.shuffle(cancelling, new Random(where._2));
              double[] shuffled = cancelling.stream().mapToDouble(Double::doubleValue).toArray();
              assertSameDouble(0.0, sumOf(summer, where._1, shuffled));
            });
  }

  /** Sums {@code terms} as a range of {@code terms.length} indexes placed near {@code anyStart}. */
  private static double sumOf(RangeSummer summer, long anyStart, double... terms) {
    Range range = Range.startingAt(anyStart, terms.length);
    return summer.sumDouble(range.start(), range.end(), table(terms, range.start()));
  }

  /** The term {@code terms[i - start]}, built in a static method so that it can travel. */
  private static DoubleTerm table(double[] terms, long start) {
    double[] copy = terms.clone();
    return i -> copy[Math.toIntExact(i - start)];
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
