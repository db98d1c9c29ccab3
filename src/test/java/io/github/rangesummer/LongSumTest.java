/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.SerialStreams.deserialize;
import static io.github.rangesummer.SerialStreams.serialize;
import static io.github.rangesummer.internal.Gens.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.internal.Gens;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link LongSum} against {@code BigInteger} sums: values of both signs and the extremes, merges in
 * any grouping and order, the collectors on parallel streams in pools of every size, and the
 * serialized form, which rejects what it did not write.
 */
class LongSumTest {

  private static final String PROXY = "io.github.rangesummer.LongSum$SerializationProxy";
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private static StreamPools pools;

  @BeforeAll
  static void createPools() {
    pools = new StreamPools();
  }

  @AfterAll
  static void closePools() {
    pools.close();
  }

  /** Longs of both signs, with Long.MIN_VALUE, Long.MAX_VALUE and their neighbours likely. */
  private static Gen<long[]> values() {
    return Gens.longArrays(Gens.longs(), 0, 300);
  }

  private static BigInteger exactSum(long[] values) {
    return Arrays.stream(values)
        .mapToObj(BigInteger::valueOf)
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  private static LongSum sumOf(long[] values) {
    LongSum sum = new LongSum();
    for (long value : values) {
      sum.add(value);
    }
    return sum;
  }

  @Test
  void toBigInteger_anyValues_isExactSumAfterEachValue() {
    qt(500)
        .forAll(values())
        .checkAssert(
            values -> {
              LongSum sum = new LongSum();
              BigInteger expected = BigInteger.ZERO;
              for (long value : values) {
                sum.add(value);
                expected = expected.add(BigInteger.valueOf(value));
                assertEquals(expected, sum.toBigInteger());
              }
            });
  }

  @Test
  void toBigInteger_millionsOfExtremes_isExact() {
    LongSum sum = new LongSum();
    for (int i = 0; i < 3_000_000; i++) {
      sum.add(Long.MIN_VALUE);
    }
    assertEquals(LONG_MIN.multiply(BigInteger.valueOf(3_000_000)), sum.toBigInteger());
    for (int i = 0; i < 3_000_001; i++) {
      sum.add(Long.MAX_VALUE);
    }
    assertEquals(LONG_MAX.subtract(BigInteger.valueOf(3_000_000)), sum.toBigInteger());
    assertEquals(Long.MAX_VALUE - 3_000_000, sum.longValueExact());
  }

  @Test
  void empty_isZero() {
    LongSum sum = new LongSum();
    assertEquals(BigInteger.ZERO, sum.toBigInteger());
    assertEquals(0, sum.longValueExact());
    assertEquals("0", sum.toString());
  }

  @Test
  void longValueExact_anyValues_isSumIffInLongRange() {
    qt(500)
        .forAll(Gens.longArrays(Gens.longs(), 0, 6))
        .checkAssert(
            values -> {
              BigInteger exact = exactSum(values);
              LongSum sum = sumOf(values);
              if (exact.compareTo(LONG_MIN) >= 0 && exact.compareTo(LONG_MAX) <= 0) {
                assertEquals(exact.longValueExact(), sum.longValueExact());
              } else {
                ArithmeticException e =
                    assertThrows(ArithmeticException.class, sum::longValueExact);
                assertEquals("sum (" + exact + ") does not fit in a long", e.getMessage());
              }
            });
  }

  @Test
  void longValueExact_justOutsideLongRange_throwsNamingSum() {
    LongSum above = sumOf(new long[] {Long.MAX_VALUE, 1});
    ArithmeticException e = assertThrows(ArithmeticException.class, above::longValueExact);
    assertEquals("sum (9223372036854775808) does not fit in a long", e.getMessage());
    LongSum below = sumOf(new long[] {Long.MIN_VALUE, -1});
    e = assertThrows(ArithmeticException.class, below::longValueExact);
    assertEquals("sum (-9223372036854775809) does not fit in a long", e.getMessage());
    below.add(1);
    assertEquals(Long.MIN_VALUE, below.longValueExact());
  }

  /**
   * Any split of the values into parts, empty ones included, merged in any order and tree shape,
   * gives the exact sum, and each merged part keeps its own.
   */
  @Test
  void add_partsInAnyGroupingAndOrder_isExactSum() {
    qt(500)
        .forAll(values(), Gens.seeds())
        .checkAssert(
            (values, seed) -> {
              LongSum merged =
                  Mergeables.mergeAtRandom(
                      values.length,
                      new Random(seed),
                      (from, to) -> sumOf(Arrays.copyOfRange(values, from, to)),
                      LongSum::add,
                      LongSum::toBigInteger);
              assertEquals(exactSum(values), merged.toBigInteger());
            });
  }

  /** Merging a sum into itself doubles it, up to 2^127 - 2^64; past that it throws and keeps it. */
  @Test
  void add_itselfPast128Bits_throwsAndKeepsSum() {
    LongSum sum = sumOf(new long[] {Long.MAX_VALUE});
    for (int i = 0; i < 64; i++) {
      sum.add(sum);
    }
    BigInteger largest = LONG_MAX.shiftLeft(64);
    assertEquals(largest, sum.toBigInteger());
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> sum.add(sum));
    assertEquals(
        "sum (" + largest + ") plus (" + largest + ") does not fit in 128 bits", e.getMessage());
    assertEquals(largest, sum.toBigInteger());
    LongSum negative = sumOf(new long[] {Long.MIN_VALUE});
    for (int i = 0; i < 64; i++) {
      negative.add(negative);
    }
    assertEquals(LONG_MIN.shiftLeft(64), negative.toBigInteger()); // -2^127, the least
    assertThrows(ArithmeticException.class, () -> negative.add(sumOf(new long[] {-1})));
    negative.add(sum);
    assertEquals(BigInteger.ONE.shiftLeft(64).negate(), negative.toBigInteger());
  }

  @Test
  void nullArguments_throwNamingThem() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new LongSum().add((LongSum) null));
    assertEquals("other", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> LongSum.summing(null));
    assertEquals("mapper", e.getMessage());
  }

  @Test
  void summing_parallelStreamInEveryPool_isExactSum() {
    qt(60)
        .forAll(Gens.longArrays(Gens.longs(), 0, 5_000))
        .checkAssert(
            values -> {
              BigInteger expected = exactSum(values);
              List<Long> boxed = Arrays.stream(values).boxed().toList();
              assertEquals(expected, boxed.stream().collect(LongSum.summing(Long::longValue)));
              List<BigInteger> results =
                  pools.runInEach(
                      () -> boxed.parallelStream().collect(LongSum.summing(Long::longValue)));
              assertEquals(List.of(expected, expected, expected, expected), results);
            });
  }

  @Test
  void collect_longStreamWithMethodReferences_isExactSum() {
    qt(60)
        .forAll(Gens.longArrays(Gens.longs(), 0, 5_000))
        .checkAssert(
            values -> {
              BigInteger expected = exactSum(values);
              LongSum sequential =
                  LongStream.of(values).collect(LongSum::new, LongSum::add, LongSum::add);
              assertEquals(expected, sequential.toBigInteger());
              List<BigInteger> results =
                  pools.runInEach(
                      () ->
                          LongStream.of(values)
                              .parallel()
                              .collect(LongSum::new, LongSum::add, LongSum::add)
                              .toBigInteger());
              assertEquals(List.of(expected, expected, expected, expected), results);
            });
  }

  @Test
  void toString_isSumInDecimal() {
    LongSum sum = sumOf(new long[] {Long.MIN_VALUE, Long.MIN_VALUE, -5});
    assertEquals(LONG_MIN.shiftLeft(1).subtract(BigInteger.valueOf(5)).toString(), sum.toString());
  }

  /** A sum changes as values are added, so it equals only itself, as a LongAdder does. */
  @Test
  void equals_isIdentity() {
    LongSum sum = sumOf(new long[] {7});
    LongSum same = sumOf(new long[] {7});
    assertEquals(sum, sum);
    assertNotEquals(sum, same);
  }

  @Test
  void serialization_roundTrip_keepsExactSum() {
    qt(200)
        .forAll(values(), values())
        .checkAssert(
            (values, more) -> {
              LongSum read = readValid(serialize(sumOf(values)));
              assertEquals(exactSum(values), read.toBigInteger());
              for (long value : more) {
                read.add(value);
              }
              assertEquals(exactSum(values).add(exactSum(more)), read.toBigInteger());
            });
  }

  /**
   * The serialized form, as documented: the proxy's class and serialVersionUID 1, then a version,
   * the upper and the lower 64 bits. A stream written so by hand reads as that sum, and is what a
   * LongSum writes.
   */
  @Test
  void serialization_documentedForm_isWrittenAndRead() {
    qt(200)
        .forAll(values())
        .checkAssert(
            values -> {
              BigInteger exact = exactSum(values);
              byte[] documented = SerialStreams.withData(PROXY, 1L, data(1, exact));
              assertArrayEquals(documented, serialize(sumOf(values)));
              assertEquals(exact, readValid(documented).toBigInteger());
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
              byte[] bytes = SerialStreams.withData(PROXY, 1L, data(version, BigInteger.TEN));
              InvalidObjectException e = assertInvalid(bytes);
              assertTrue(e.getMessage().contains("version " + version), e.getMessage());
            });
  }

  /**
   * Cut anywhere in its data, the stream fails with InvalidObjectException; cut before, with the
   * stream's own IOException.
   */
  @Test
  void deserialize_truncated_throwsInvalidObjectOrStreamError() {
    Mergeables.assertTruncationsRejected(serialize(sumOf(new long[] {Long.MIN_VALUE, -1})), 20);
  }

  @Test
  void deserialize_hostileStreams_throwInvalidObject() {
    byte[] valid = data(1, BigInteger.ONE);
    // More data than version 1 writes.
    assertInvalid(SerialStreams.withData(PROXY, 1L, Arrays.copyOf(valid, valid.length + 1)));
    // A block header claiming a huge length, with the data of one sum behind it.
    assertInvalid(
        SerialStreams.withClassData(PROXY, 1L, SerialStreams.blockData(Integer.MAX_VALUE, valid)));
    // An array of huge length where the data should be: it is never allocated.
    assertInvalid(SerialStreams.withClassData(PROXY, 1L, SerialStreams.hugeArray()));
    // A LongSum written without its proxy.
    InvalidObjectException e =
        assertInvalid(SerialStreams.withoutData("io.github.rangesummer.LongSum", 1L));
    assertTrue(e.getMessage().contains("proxy"), e.getMessage());
  }

  /** The data of the documented form: the version, then the sum's upper and lower 64 bits. */
  private static byte[] data(int version, BigInteger sum) {
    return ByteBuffer.allocate(20)
        .putInt(version)
        .putLong(sum.shiftRight(64).longValue())
        .putLong(sum.longValue())
        .array();
  }

  private static LongSum readValid(byte[] bytes) {
    try {
      return assertInstanceOf(LongSum.class, deserialize(bytes));
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError("rejected a valid stream", e);
    }
  }

  private static InvalidObjectException assertInvalid(byte[] bytes) {
    return assertThrows(InvalidObjectException.class, () -> deserialize(bytes));
  }
}
