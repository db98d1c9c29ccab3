/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.SerialStreams.deserialize;
import static io.github.rangesummer.SerialStreams.serialize;
import static io.github.rangesummer.internal.ExactDoubles.correctlyRounded;
import static io.github.rangesummer.internal.Gens.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.internal.ExactDoubles;
import io.github.rangesummer.internal.Gens;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * {@link DoubleSum} against the exact {@code BigDecimal} oracle and the IEEE 754 special-value
 * rules: every exponent, subnormals, heavy cancellation; the same bits for merges in any grouping
 * and order and for parallel streams in pools of every size; and the serialized form, checked
 * against its documentation, which rejects what it did not write.
 */
class DoubleSumTest {

  private static final String PROXY = "io.github.rangesummer.DoubleSum$SerializationProxy";
  private static final double MAX = Double.MAX_VALUE;

  /** The version, the special values, two flags and 70 limbs. */
  private static final int DATA_SIZE = 4 + 3 + 8 * 70;

  private static StreamPools pools;

  @BeforeAll
  static void createPools() {
    pools = new StreamPools();
  }

  @AfterAll
  static void closePools() {
    pools.close();
  }

  private static Gen<double[]> finite(int max) {
    return Gens.doubleArrays(ExactDoubles.finiteMix(), 0, max);
  }

  /**
   * Values and their negations, shuffled, with a few small residues: the exact sum is the
   * residues', far below the values, which a rounding sum loses.
   */
  private static Gen<double[]> cancelling(int max) {
    Gen<double[]> residues =
        Gens.doubleArrays(
            Generate.oneOf(ExactDoubles.subnormals(), ExactDoubles.clustered(-1074)), 0, 5);
    return finite(max)
        .zip(
            residues,
            Gens.seeds(),
            (values, small, seed) -> {
              List<Double> all = new ArrayList<>();
              for (double value : values) {
                all.add(value);
                all.add(-value);
              }
              Arrays.stream(small).forEach(all::add);
              Collections.shuffle(all, new Random(seed));
              return all.stream().mapToDouble(Double::doubleValue).toArray();
            })
        .describedAs(Arrays::toString);
  }

  /** Finite values of every kind, heavily cancelling or not. */
  private static Gen<double[]> hard(int max) {
    return Generate.frequency(Pair.of(3, finite(max)), Pair.of(2, cancelling(max / 2)));
  }

  /** Any doubles at all, NaN, infinities and both zeros among them, sometimes only zeros. */
  private static Gen<double[]> anyValues() {
    Gen<Double> special =
        Generate.pick(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    Gen<Double> any =
        Generate.frequency(
            Pair.of(3, SourceDSL.longs().all().map(Double::longBitsToDouble)),
            Pair.of(30, ExactDoubles.finiteMix()),
            Pair.of(1, special));
    return Generate.frequency(
        Pair.of(4, hard(300)),
        Pair.of(2, Gens.doubleArrays(any, 0, 200)),
        Pair.of(1, Gens.doubleArrays(Generate.constant(-0.0), 0, 50)),
        Pair.of(1, Gens.doubleArrays(Generate.pick(List.of(0.0, -0.0)), 0, 50)));
  }

  /** The IEEE 754 sum of {@code values} rounded once: what {@link DoubleSum} must return. */
  private static double expected(double[] values) {
    boolean nan = false;
    boolean positiveInfinity = false;
    boolean negativeInfinity = false;
    for (double value : values) {
      nan |= Double.isNaN(value);
      positiveInfinity |= value == Double.POSITIVE_INFINITY;
      negativeInfinity |= value == Double.NEGATIVE_INFINITY;
    }
    if (nan || (positiveInfinity && negativeInfinity)) {
      return Double.NaN;
    }
    if (positiveInfinity || negativeInfinity) {
      return positiveInfinity ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return correctlyRounded(values);
  }

  private static DoubleSum sumOf(double... values) {
    DoubleSum sum = new DoubleSum();
    for (double value : values) {
      sum.add(value);
    }
    return sum;
  }

  @Test
  void doubleValue_hardFiniteValues_isCorrectlyRoundedExactSum() {
    qt(500)
        .forAll(hard(300))
        .checkAssert(
            values -> assertSameDouble(correctlyRounded(values), sumOf(values).doubleValue()));
  }

  @Test
  void doubleValue_anyValues_followsIeeeRules() {
    qt(500)
        .forAll(anyValues())
        .checkAssert(values -> assertSameDouble(expected(values), sumOf(values).doubleValue()));
  }

  /**
   * Thousands of repetitions of a few values: past the 1,024 values added without the table, and
   * past entries that fill (after 1,024 values of one sign and exponent).
   */
  @Test
  void doubleValue_manyRepeatedValues_isCorrectlyRoundedExactSum() {
    qt(100)
        .forAll(finite(4), Gens.ints(1, 5_000))
        .checkAssert(
            (values, times) -> {
              DoubleSum sum = new DoubleSum();
              for (int i = 0; i < times; i++) {
                for (double value : values) {
                  sum.add(value);
                }
              }
              assertSameDouble(correctlyRounded(values, times), sum.doubleValue());
            });
  }

  /**
   * Reading the sum between values leaves it exact: each running total is rounded once. The gaps
   * between reads are random, below and beyond the 1,024 values added after each read before the
   * table is allocated again.
   */
  @Test
  void doubleValue_betweenValues_isCorrectlyRoundedSumSoFar() {
    qt(100)
        .forAll(hard(60), Gens.ints(1, 100), Gens.seeds())
        .checkAssert(
            (values, times, seed) -> {
              Random random = new Random(seed);
              double[] all = new double[values.length * times];
              Arrays.setAll(all, i -> values[i % values.length]);
              DoubleSum sum = new DoubleSum();
              int nextRead = random.nextInt(3_000);
              for (int i = 0; i < all.length; i++) {
                sum.add(all[i]);
                if (i == nextRead || i == all.length - 1) {
                  assertSameDouble(correctlyRounded(Arrays.copyOf(all, i + 1)), sum.doubleValue());
                  nextRead += 1 + random.nextInt(3_000);
                }
              }
            });
  }

  @Test
  void doubleValue_intermediateOverflow_isExact() {
    assertSameDouble(MAX, sumOf(MAX, MAX, -MAX).doubleValue());
    assertSameDouble(-MAX, sumOf(-MAX, -MAX, MAX).doubleValue());
    assertSameDouble(Double.POSITIVE_INFINITY, sumOf(MAX, Math.ulp(MAX) / 2).doubleValue());
    assertSameDouble(MAX, sumOf(MAX, Math.ulp(MAX) / 2, -Double.MIN_VALUE).doubleValue());
    assertSameDouble(1.0, sumOf(1e16, 1.0, -1e16).doubleValue());
  }

  @Test
  void doubleValue_zeros_followSignedZeroRules() {
    assertSameDouble(0.0, new DoubleSum().doubleValue());
    assertSameDouble(-0.0, sumOf(-0.0).doubleValue());
    assertSameDouble(-0.0, sumOf(-0.0, -0.0, -0.0).doubleValue());
    assertSameDouble(0.0, sumOf(-0.0, 0.0).doubleValue());
    assertSameDouble(0.0, sumOf(1.5, -1.5).doubleValue());
    assertSameDouble(0.0, sumOf(-Double.MIN_VALUE, Double.MIN_VALUE, -0.0).doubleValue());
    DoubleSum negativeZeros = sumOf(-0.0);
    negativeZeros.add(new DoubleSum());
    assertSameDouble(-0.0, negativeZeros.doubleValue());
  }

  @Test
  void doubleValue_subnormals_areSummedExactly() {
    assertSameDouble(
        3 * Double.MIN_VALUE, sumOf(Double.MIN_VALUE, 2 * Double.MIN_VALUE).doubleValue());
    double largestSubnormal = Math.nextDown(Double.MIN_NORMAL);
    assertSameDouble(Double.MIN_NORMAL, sumOf(largestSubnormal, Double.MIN_VALUE).doubleValue());
    assertSameDouble(Double.MIN_VALUE, sumOf(Double.MIN_NORMAL, -largestSubnormal).doubleValue());
  }

  /**
   * Any split of the values into parts, empty ones included, merged in any order and tree shape,
   * gives the same bits as all values in one sum; each merged part keeps its own.
   */
  @Test
  void add_partsInAnyGroupingAndOrder_sameBits() {
    qt(500)
        .forAll(anyValues(), Gens.seeds())
        .checkAssert(
            (values, seed) -> {
              DoubleSum merged =
                  Mergeables.mergeAtRandom(
                      values.length,
                      new Random(seed),
                      (from, to) -> sumOf(Arrays.copyOfRange(values, from, to)),
                      DoubleSum::add,
                      DoubleSum::doubleValue);
              assertSameDouble(expected(values), merged.doubleValue());
            });
  }

  @Test
  void add_copyIntoNewSum_isSameSum() {
    qt(200)
        .forAll(anyValues(), anyValues())
        .checkAssert(
            (values, more) -> {
              DoubleSum original = sumOf(values);
              DoubleSum copy = new DoubleSum();
              copy.add(original);
              for (double value : more) {
                copy.add(value);
              }
              double[] all =
                  DoubleStream.concat(DoubleStream.of(values), DoubleStream.of(more)).toArray();
              assertSameDouble(expected(all), copy.doubleValue());
              assertSameDouble(expected(values), original.doubleValue());
            });
  }

  /** The 110th doubling of MAX_VALUE would pass the exact sum's range: it throws, the sum stays. */
  @Test
  void add_itselfPastRange_throwsAndKeepsSum() {
    DoubleSum sum = sumOf(MAX);
    DoubleSum negative = sumOf(-MAX);
    for (int i = 0; i < 109; i++) {
      sum.add(sum);
      negative.add(negative);
    }
    byte[] before = serialize(sum);
    assertThrows(ArithmeticException.class, () -> sum.add(sum));
    assertArrayEquals(before, serialize(sum));
    sum.add(negative);
    assertSameDouble(0.0, sum.doubleValue());
  }

  @Test
  void nullArguments_throwNamingThem() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new DoubleSum().add((DoubleSum) null));
    assertEquals("other", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> DoubleSum.summing(null));
    assertEquals("mapper", e.getMessage());
  }

  @Test
  void summing_parallelStreamInEveryPool_sameBitsAsSequential() {
    qt(60)
        .forAll(hard(5_000))
        .checkAssert(
            values -> {
              double expected = correctlyRounded(values);
              List<Double> boxed = Arrays.stream(values).boxed().toList();
              assertSameDouble(
                  expected, boxed.stream().collect(DoubleSum.summing(Double::doubleValue)));
              List<Double> results =
                  pools.runInEach(
                      () -> boxed.parallelStream().collect(DoubleSum.summing(Double::doubleValue)));
              results.forEach(result -> assertSameDouble(expected, result));
            });
  }

  @Test
  void collect_doubleStreamWithMethodReferences_sameBitsAsSequential() {
    qt(60)
        .forAll(hard(5_000))
        .checkAssert(
            values -> {
              double expected = correctlyRounded(values);
              DoubleSum sequential =
                  DoubleStream.of(values).collect(DoubleSum::new, DoubleSum::add, DoubleSum::add);
              assertSameDouble(expected, sequential.doubleValue());
              List<Double> results =
                  pools.runInEach(
                      () ->
                          DoubleStream.of(values)
                              .parallel()
                              .collect(DoubleSum::new, DoubleSum::add, DoubleSum::add)
                              .doubleValue());
              results.forEach(result -> assertSameDouble(expected, result));
            });
  }

  @Test
  void toString_isRoundedSum() {
    assertEquals("1.0", sumOf(1e16, 1.0, -1e16).toString());
    assertEquals("NaN", sumOf(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).toString());
    assertEquals("-0.0", sumOf(-0.0).toString());
  }

  /** A sum changes as values are added, so it equals only itself, as a DoubleAdder does. */
  @Test
  void equals_isIdentity() {
    DoubleSum sum = sumOf(0.5);
    DoubleSum same = sumOf(0.5);
    assertEquals(sum, sum);
    assertNotEquals(sum, same);
  }

  @Test
  void serialization_roundTrip_goesOnSummingAsOriginal() {
    qt(200)
        .forAll(anyValues(), anyValues())
        .checkAssert(
            (values, more) -> {
              DoubleSum read = readValid(serialize(sumOf(values)));
              assertSameDouble(expected(values), read.doubleValue());
              for (double value : more) {
                read.add(value);
              }
              double[] all =
                  DoubleStream.concat(DoubleStream.of(values), DoubleStream.of(more)).toArray();
              assertSameDouble(expected(all), read.doubleValue());
            });
  }

  /**
   * The serialized form, as documented, computed from the values with {@code BigDecimal}: a stream
   * written so by hand is what a DoubleSum writes, and reads back as that sum.
   */
  @Test
  void serialization_documentedForm_isWrittenAndRead() {
    qt(300)
        .forAll(anyValues())
        .checkAssert(
            values -> {
              byte[] documented = SerialStreams.withData(PROXY, 1L, documentedData(values));
              assertArrayEquals(documented, serialize(sumOf(values)));
              assertSameDouble(expected(values), readValid(documented).doubleValue());
            });
  }

  @Test
  void deserialize_unknownVersion_throwsInvalidObject() {
    qt(100)
        .forAll(Gens.ints())
        .checkAssert(
            version -> {
              if (version == 1) {
                return;
              }
              byte[] data = documentedData(1.0);
              ByteBuffer.wrap(data).putInt(0, version);
              InvalidObjectException e = assertInvalidData(data);
              assertTrue(e.getMessage().contains("version " + version), e.getMessage());
            });
  }

  /**
   * Every state no DoubleSum writes: special values beyond the three bits, flags other than 0 and
   * 1, a lower limb beyond 32 bits, a top limb other than 0 and -1, flags that contradict the sum.
   */
  @Test
  void deserialize_malformedData_throwsInvalidObject() {
    qt(300)
        .forAll(anyValues(), Gens.longs(), Gens.ints(0, 69))
        .checkAssert(
            (values, any, limb) -> {
              byte[] valid = documentedData(values);
              byte[] data = valid.clone();
              data[4] = (byte) (8 | any);
              assertInvalidData(data);
              data = valid.clone();
              data[5 + (int) (any & 1)] = (byte) (2 | (any >>> 8));
              assertInvalidData(data);
              data = valid.clone();
              long outOfRange = limb < 69 ? any | (1L << (32 + (any & 31))) : outOfTopRange(any);
              ByteBuffer.wrap(data).putLong(7 + 8 * limb, outOfRange);
              assertInvalidData(data);
              if (valid[5] == 1) { // a value other than -0.0: claim there were none
                data = valid.clone();
                data[6] = 1;
                assertInvalidData(data);
              }
              byte[] limbs = Arrays.copyOfRange(valid, 7, valid.length);
              if (valid[4] != 0 || !Arrays.equals(limbs, new byte[8 * 70])) {
                data = valid.clone(); // a non-zero or special sum: claim only -0.0 was added
                data[5] = 0;
                assertInvalidData(data);
              }
            });
  }

  private static long outOfTopRange(long any) {
    return any == 0 || any == -1 ? 1 : any;
  }

  @Test
  void deserialize_truncated_throwsInvalidObjectOrStreamError() {
    Mergeables.assertTruncationsRejected(
        serialize(sumOf(-MAX, Double.MIN_VALUE, Double.NaN)), DATA_SIZE);
  }

  @Test
  void deserialize_hostileStreams_throwInvalidObject() {
    byte[] valid = documentedData(1.0, -0.5);
    assertInvalidData(Arrays.copyOf(valid, valid.length + 8)); // more than version 1 writes
    assertInvalidData(Arrays.copyOf(valid, valid.length - 1)); // a block shorter than the data
    // A block header claiming a huge length, with the data of one sum behind it.
    assertInvalid(
        SerialStreams.withClassData(PROXY, 1L, SerialStreams.blockData(Integer.MAX_VALUE, valid)));
    // An array of 2^31 - 1 longs where the data should be: it is never allocated.
    assertInvalid(SerialStreams.withClassData(PROXY, 1L, SerialStreams.hugeArray()));
    // A DoubleSum written without its proxy.
    InvalidObjectException e =
        assertInvalid(SerialStreams.withoutData("io.github.rangesummer.DoubleSum", 1L));
    assertTrue(e.getMessage().contains("proxy"), e.getMessage());
  }

  /**
   * The data of the documented form for {@code values}, from the oracle: the version, the special
   * values, the two flags, and the exact sum of the finite values in units of 2^-1075 as 70 limbs
   * of 32 bits, the last holding the sign.
   */
  private static byte[] documentedData(double... values) {
    int specials = 0;
    boolean notNegativeZero = false;
    BigDecimal finiteSum = BigDecimal.ZERO;
    for (double value : values) {
      if (Double.isNaN(value)) {
        specials |= 1;
      } else if (Double.isInfinite(value)) {
        specials |= value > 0 ? 2 : 4;
      } else {
        finiteSum = finiteSum.add(new BigDecimal(value));
      }
      notNegativeZero |= Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0);
    }
    BigInteger units =
        finiteSum.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(1075))).toBigIntegerExact();
    ByteBuffer data = ByteBuffer.allocate(DATA_SIZE);
    data.putInt(1).put((byte) specials).put((byte) (notNegativeZero ? 1 : 0));
    data.put((byte) (values.length == 0 ? 1 : 0));
    for (int i = 0; i < 69; i++) {
      data.putLong(units.shiftRight(32 * i).longValue() & 0xFFFF_FFFFL);
    }
    data.putLong(units.signum() < 0 ? -1 : 0);
    return data.array();
  }

  private static DoubleSum readValid(byte[] bytes) {
    try {
      return assertInstanceOf(DoubleSum.class, deserialize(bytes));
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError("rejected a valid stream", e);
    }
  }

  /** Asserts that the documented form's stream with {@code data} is rejected. */
  private static InvalidObjectException assertInvalidData(byte[] data) {
    return assertInvalid(SerialStreams.withData(PROXY, 1L, data));
  }

  private static InvalidObjectException assertInvalid(byte[] stream) {
    return assertThrows(InvalidObjectException.class, () -> deserialize(stream));
  }

  private static void assertSameDouble(double expected, double actual) {
    assertEquals(
        Double.doubleToLongBits(expected),
        Double.doubleToLongBits(actual),
        () ->
            "expected " + Double.toHexString(expected) + " but was " + Double.toHexString(actual));
  }
}
