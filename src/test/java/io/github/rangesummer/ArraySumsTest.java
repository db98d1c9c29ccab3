/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.internal.ExactDoubles.correctlyRounded;
import static io.github.rangesummer.internal.Gens.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.internal.ExactDoubles;
import io.github.rangesummer.internal.Gens;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import java.util.Arrays;

/**
 * Sums of arrays, {@code long[]}, {@code int[]}, {@code double[]} and {@code float[]}, on every
 * strategy of {@link Strategies#ALL}, against {@code BigInteger} and {@code BigDecimal} oracles:
 * random sub-ranges and chunk sizes, both signs, the extremes of each type, NaN, infinities,
 * {@code -0.0} and subnormals. Part of the contract suite.
 */
class ArraySumsTest {

  private static final RangeSummer SEQUENTIAL = RangeSummer.sequential();

  private static Strategies strategies;

  @BeforeAll
  static void createSummers() {
    strategies = new Strategies();
  }

  @AfterAll
  static void closeSummers() {
    strategies.close();
    SEQUENTIAL.close();
  }

  private static Gen<RangeSummer> summers(Strategy strategy) {
    return Generate.pick(strategies.configured(strategy));
  }

  /** A sub-range {@code [from, to)} of an array of {@code length} elements, from two picks. */
  private static int[] slice(int length, int a, int b) {
    int from = Math.floorMod(a, length + 1);
    int to = Math.floorMod(b, length + 1);
    return from <= to ? new int[] {from, to} : new int[] {to, from};
  }

  private static Gen<Pair<Integer, Integer>> picks() {
    return Gens.ints().zip(Gens.ints(), Pair::of);
  }

  private static BigInteger exactSum(long[] values, int from, int to) {
    BigInteger sum = BigInteger.ZERO;
    for (int i = from; i < to; i++) {
      sum = sum.add(BigInteger.valueOf(values[i]));
    }
    return sum;
  }

  @EveryStrategy
  void sumLongs_anySlice_isExact_orThrowsArithmeticExceptionBeyondLong(Strategy strategy) {
    qt(strategy.scaled(300))
        .forAll(summers(strategy), Gens.longArrays(Gens.longs(), 0, 300), picks())
        .checkAssert(
            (summer, values, pick) -> {
              int[] s = slice(values.length, pick._1, pick._2);
              BigInteger expected = exactSum(values, s[0], s[1]);
              assertEquals(expected, summer.sumExact(values, s[0], s[1]));
              if (expected.bitLength() < 64) {
                assertEquals(expected.longValueExact(), summer.sum(values, s[0], s[1]));
              } else {
                ArithmeticException thrown =
                    assertThrows(ArithmeticException.class, () -> summer.sum(values, s[0], s[1]));
                assertTrue(
                    thrown.getMessage().startsWith("the sum of long[] elements [" + s[0] + ", "),
                    thrown::getMessage);
              }
            });
  }

  @EveryStrategy
  void sumInts_anySlice_isExactAndNeverOverflows(Strategy strategy) {
    Gen<Integer> ints =
        Generate.oneOf(
            Gens.ints(),
            Generate.pick(List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1)));
    Gen<int[]> arrays =
        SourceDSL.lists()
            .of(ints)
            .ofSizeBetween(0, 300)
            .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
            .describedAs(java.util.Arrays::toString);
    qt(strategy.scaled(300))
        .forAll(summers(strategy), arrays, picks())
        .checkAssert(
            (summer, values, pick) -> {
              int[] s = slice(values.length, pick._1, pick._2);
              long expected = 0;
              for (int i = s[0]; i < s[1]; i++) {
                expected += values[i];
              }
              assertEquals(expected, summer.sum(values, s[0], s[1]));
            });
  }

  @EveryStrategy
  void sumDoubles_finiteSlice_isTheExactSumRoundedOnce(Strategy strategy) {
    qt(strategy.scaled(300))
        .forAll(
            summers(strategy),
            Gens.doubleArrays(
                Generate.oneOf(ExactDoubles.finiteMix(), ExactDoubles.subnormals()), 0, 300),
            picks())
        .checkAssert(
            (summer, values, pick) -> {
              int[] s = slice(values.length, pick._1, pick._2);
              double[] slice = Arrays.copyOfRange(values, s[0], s[1]);
              assertSameBits(correctlyRounded(slice), summer.sumDouble(values, s[0], s[1]));
            });
  }

  @EveryStrategy
  void sumDoubles_specialValues_followTheRulesOfSumDoubleWithATerm(Strategy strategy) {
    Gen<Double> any =
        Generate.frequency(
            Pair.of(4, SourceDSL.longs().all().map(Double::longBitsToDouble)),
            Pair.of(
                1,
                Generate.pick(
                    List.of(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        Double.MAX_VALUE,
                        -Double.MAX_VALUE,
                        0.0,
                        -0.0,
                        Double.MIN_VALUE))));
    qt(strategy.scaled(200))
        .forAll(summers(strategy), Gens.doubleArrays(any, 0, 40))
        .checkAssert(
            (summer, values) -> {
              double[] copy = values.clone();
              double expected = SEQUENTIAL.sumDouble(0, copy.length, i -> copy[(int) i]);
              assertSameBits(expected, summer.sumDouble(values));
            });
  }

  @EveryStrategy
  void sumFloats_anySlice_isTheFloatsExactSumRoundedOnceToDouble(Strategy strategy) {
    Gen<Float> floats =
        Generate.oneOf(
            SourceDSL.integers().all().map(Float::intBitsToFloat).map(f -> Float.isFinite(f) ? f : 1.5f),
            Generate.pick(List.of(Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0.0f)));
    Gen<float[]> arrays =
        SourceDSL.lists()
            .of(floats)
            .ofSizeBetween(0, 300)
            .map(
                list -> {
                  float[] array = new float[list.size()];
                  for (int i = 0; i < array.length; i++) {
                    array[i] = list.get(i);
                  }
                  return array;
                })
            .describedAs(java.util.Arrays::toString);
    qt(strategy.scaled(300))
        .forAll(summers(strategy), arrays, picks())
        .checkAssert(
            (summer, values, pick) -> {
              int[] s = slice(values.length, pick._1, pick._2);
              double[] widened = new double[s[1] - s[0]];
              for (int i = 0; i < widened.length; i++) {
                widened[i] = values[s[0] + i];
              }
              assertSameBits(correctlyRounded(widened), summer.sumDouble(values, s[0], s[1]));
            });
  }

  /** Arrays long enough for default chunks, so that every strategy cuts them. */
  @EveryStrategy
  void longArrays_ofManyChunks_areExactOnEveryStrategy(Strategy strategy) {
    Random random = new Random(42);
    long[] longs = random.longs(400_000).toArray();
    int[] ints = random.ints(400_000).toArray();
    double[] doubles = random.doubles(400_000, -1e300, 1e300).toArray();
    float[] floats = new float[400_000];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = (float) random.nextGaussian() * 1e30f;
    }
    double[] widened = new double[floats.length];
    for (int i = 0; i < floats.length; i++) {
      widened[i] = floats[i];
    }
    RangeSummer summer = strategies.shared(strategy);
    assertEquals(exactSum(longs, 0, longs.length), summer.sumExact(longs));
    assertEquals(exactSum(longs, 17, 399_000), summer.sumExact(longs, 17, 399_000));
    long intSum = 0;
    for (int value : ints) {
      intSum += value;
    }
    assertEquals(intSum, summer.sum(ints));
    assertSameBits(correctlyRounded(doubles), summer.sumDouble(doubles));
    assertSameBits(correctlyRounded(widened), summer.sumDouble(floats));
  }

  @EveryStrategy
  void arraySums_withProgress_reportUpToTheSliceOnce(Strategy strategy) {
    long[] values = new long[300_000];
    Arrays.fill(values, 3);
    RangeSummer summer = strategies.shared(strategy).withMinChunkSize(10_000);
    RecordingListener listener = new RecordingListener();
    assertEquals(3L * 290_000, summer.withProgress(listener, Duration.ofMillis(1)).sum(values, 5, 290_005));
    listener.assertWellFormed(290_000, true);
  }

  @EveryStrategy
  void badBoundsAndNulls_throwNamingTheValues(Strategy strategy) {
    RangeSummer summer = strategies.shared(strategy);
    long[] longs = new long[5];
    List<Function<RangeSummer, Executable>> calls =
        List.of(
            s -> () -> s.sum(longs, 4, 2),
            s -> () -> s.sumExact(longs, 4, 2),
            s -> () -> s.sum(new int[5], 4, 2),
            s -> () -> s.sumDouble(new double[5], 4, 2),
            s -> () -> s.sumDouble(new float[5], 4, 2));
    for (Function<RangeSummer, Executable> call : calls) {
      assertEquals(
          "from (4) must be <= to (2)",
          assertThrows(IllegalArgumentException.class, call.apply(summer)).getMessage());
    }
    assertEquals(
        "Range [2, 6) out of bounds for length 5",
        assertThrows(IndexOutOfBoundsException.class, () -> summer.sum(longs, 2, 6)).getMessage());
    assertEquals(
        "Range [-1, 3) out of bounds for length 5",
        assertThrows(IndexOutOfBoundsException.class, () -> summer.sumDouble(new double[5], -1, 3))
            .getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> summer.sum(new int[5], 0, 6));
    assertThrows(IndexOutOfBoundsException.class, () -> summer.sumDouble(new float[5], 6, 7));
    for (Executable nullArray :
        List.<Executable>of(
            () -> summer.sum((long[]) null),
            () -> summer.sumExact((long[]) null),
            () -> summer.sum((int[]) null),
            () -> summer.sumDouble((double[]) null),
            () -> summer.sumDouble((float[]) null),
            () -> summer.sum((long[]) null, 0, 0))) {
      assertEquals("values", assertThrows(NullPointerException.class, nullArray).getMessage());
    }
    assertEquals(0, summer.sum(longs, 3, 3));
    assertEquals(0.0, summer.sumDouble(new double[] {-0.0}, 1, 1));
    assertEquals(-0.0, summer.sumDouble(new double[] {-0.0, -0.0}));
  }

  private static void assertSameBits(double expected, double actual) {
    assertEquals(
        Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(Double.NaN)
                || Double.isNaN(expected)
            ? "NaN"
            : Double.toString(expected),
        Double.isNaN(actual) ? "NaN" : Double.toString(actual));
    if (!Double.isNaN(expected)) {
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual));
    }
  }
}
