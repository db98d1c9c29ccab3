/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static io.github.rangesummer.internal.ExactDoubles.correctlyRounded;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link DoubleAccumulator} on its own: correct rounding against the exact {@code BigDecimal}
 * oracle, results independent of how terms are split and partial sums merged, and the exact state
 * surviving {@code writeTo}/{@code readFrom}, which rejects what it did not write.
 */
class DoubleAccumulatorTest {

  /** 1 byte of special values, 2 flags, then the limbs. */
  private static final int SERIALIZED_SIZE = 3 + 8 * DoubleAccumulator.LIMBS;

  @Provide
  Arbitrary<double[]> finiteTerms() {
    return ExactDoubles.finiteMix().array(double[].class).ofMaxSize(300);
  }

  /** Finite terms, sometimes with special values mixed in, sometimes all zeros of either sign. */
  @Provide
  Arbitrary<double[]> anyTerms() {
    Arbitrary<Double> special =
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    Arbitrary<Double> zero = Arbitraries.of(0.0, -0.0);
    return Arbitraries.frequencyOf(
        Tuple.of(6, finiteTerms()),
        Tuple.of(
            1,
            Arbitraries.frequencyOf(Tuple.of(30, ExactDoubles.finiteMix()), Tuple.of(1, special))
                .array(double[].class)
                .ofMaxSize(200)),
        Tuple.of(1, Arbitraries.just(-0.0).array(double[].class).ofMaxSize(100)),
        Tuple.of(1, zero.array(double[].class).ofMaxSize(100)));
  }

  @Property(tries = 500)
  void round_finiteTerms_isCorrectlyRoundedExactSum(@ForAll("finiteTerms") double[] terms) {
    assertSameDouble(correctlyRounded(terms), sumOf(terms));
  }

  /**
   * Hundreds of thousands of one term fill its entry of the large accumulator many times over (an
   * entry is flushed after at least 512 terms), and must still sum exactly.
   */
  @Property(tries = 100)
  void round_manyEqualTerms_isCorrectlyRoundedExactSum(
      @ForAll("finiteTerms") double[] values, @ForAll("repetitions") int times) {
    double[] terms = Arrays.copyOf(values, Math.min(values.length, 3));
    DoubleAccumulator sum = new DoubleAccumulator();
    for (double term : terms) {
      sum.addTerms(0, times, i -> term);
    }
    assertSameDouble(correctlyRounded(terms, times), sum.round());
  }

  @Provide
  Arbitrary<Integer> repetitions() {
    return Arbitraries.integers()
        .between(1, 300_000)
        .withDistribution(RandomDistribution.uniform())
        .edgeCases(edgeCases -> edgeCases.add(511, 512, 513, 1024));
  }

  @Example
  void round_fullMantissaTermsPastFlushThreshold_isExact() {
    double term = Math.nextDown(2.0); // 53 mantissa bits set: an entry flushes every 512 terms
    DoubleAccumulator sum = new DoubleAccumulator();
    sum.addTerms(0, 1 << 20, i -> term);
    assertSameDouble(0x1p20 * term, sum.round()); // exact: a power of two times a double
    sum.addTerms(0, 1 << 20, i -> -term);
    assertSameDouble(0.0, sum.round());
  }

  @Property(tries = 300)
  void round_singleTerm_isThatTerm(@ForAll long bits) {
    double term = Double.longBitsToDouble(bits);
    DoubleAccumulator sum = new DoubleAccumulator();
    sum.add(term);
    assertSameDouble(term, sum.round());
  }

  @Example
  void round_empty_isPositiveZero() {
    assertSameDouble(0.0, new DoubleAccumulator().round());
    DoubleAccumulator mergedEmpties = new DoubleAccumulator();
    mergedEmpties.merge(new DoubleAccumulator());
    assertSameDouble(0.0, mergedEmpties.round());
  }

  /**
   * Any split of the terms into parts, including empty ones, merged in any order and tree shape,
   * rounds to the same bits as all terms in one accumulator.
   */
  @Property(tries = 500)
  void merge_anySplitInAnyOrder_sameBitsAsOneAccumulator(
      @ForAll("anyTerms") double[] terms, @ForAll Random random) {
    double expected = sumOf(terms);
    if (Arrays.stream(terms).allMatch(Double::isFinite)) {
      assertSameDouble(correctlyRounded(terms), expected);
    }
    int parts = 1 + random.nextInt(12);
    int[] cuts = random.ints(parts - 1, 0, terms.length + 1).sorted().toArray();
    List<DoubleAccumulator> partials = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int to = i < cuts.length ? cuts[i] : terms.length;
      partials.add(sumOf(Arrays.copyOfRange(terms, from, to), random));
      from = to;
    }
    while (partials.size() > 1) {
      DoubleAccumulator into = partials.get(random.nextInt(partials.size()));
      DoubleAccumulator part = partials.get(random.nextInt(partials.size()));
      if (into != part) {
        into.merge(part);
        partials.remove(part);
      }
    }
    assertSameDouble(expected, partials.get(0).round());
  }

  @Property(tries = 300)
  void writeTo_readFrom_roundTripsExactState(
      @ForAll("anyTerms") double[] terms, @ForAll("anyTerms") double[] more) throws IOException {
    DoubleAccumulator original = accumulate(terms);
    byte[] bytes = serialize(original);
    assertEquals(SERIALIZED_SIZE, bytes.length);
    DoubleAccumulator read = deserialize(bytes);
    assertSameDouble(original.round(), read.round());
    assertArrayEquals(bytes, serialize(read));
    // The state read back goes on summing as the original would.
    DoubleAccumulator continued = accumulate(more);
    continued.merge(read);
    double[] all = Arrays.copyOf(terms, terms.length + more.length);
    System.arraycopy(more, 0, all, terms.length, more.length);
    assertSameDouble(sumOf(all), continued.round());
  }

  @Property(tries = 50)
  void readFrom_unknownSpecialValues_throws(@ForAll @IntRange(min = 8, max = 255) int specials) {
    byte[] bytes = serialize(new DoubleAccumulator());
    bytes[0] = (byte) specials;
    IOException e = assertThrows(IOException.class, () -> deserialize(bytes));
    assertTrue(e.getMessage().contains("specials " + specials), e.getMessage());
  }

  @Property(tries = 100)
  void readFrom_lowerLimbOutOfRange_throws(
      @ForAll @IntRange(max = DoubleAccumulator.LIMBS - 2) int limb, @ForAll long value) {
    long outOfRange = (value >>> 32) == 0 ? value | (1L << (32 + (int) (value & 31))) : value;
    byte[] bytes = serialize(accumulate(new double[] {1.0, -0x1p-1074, 0x1p1000}));
    ByteBuffer.wrap(bytes).putLong(3 + 8 * limb, outOfRange);
    IOException e = assertThrows(IOException.class, () -> deserialize(bytes));
    assertTrue(e.getMessage().contains("limb " + limb), e.getMessage());
  }

  @Property(tries = 100)
  void readFrom_truncated_throws(@ForAll("anyTerms") double[] terms, @ForAll int anyLength) {
    byte[] bytes = serialize(accumulate(terms));
    byte[] truncated = Arrays.copyOf(bytes, Math.floorMod(anyLength, bytes.length));
    assertThrows(EOFException.class, () -> deserialize(truncated));
  }

  /**
   * The top limb carries the sign: no sum of doubles reaches past it. Whatever state readFrom
   * accepts must round, alone and merged, instead of failing later with an unrelated exception.
   */
  @Property(tries = 200)
  void readFrom_anyTopLimb_throwsOrRounds(@ForAll("topLimbs") long top) {
    byte[] bytes = serialize(accumulate(new double[] {Double.MAX_VALUE, 0x1p-1074}));
    ByteBuffer.wrap(bytes).putLong(3 + 8 * (DoubleAccumulator.LIMBS - 1), top);
    DoubleAccumulator read;
    try {
      read = deserialize(bytes);
    } catch (IOException rejected) {
      return;
    }
    read.round();
    DoubleAccumulator merged = accumulate(new double[] {-Double.MAX_VALUE});
    merged.merge(read);
    merged.round();
  }

  @Provide
  Arbitrary<Long> topLimbs() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-3, 3),
        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, -(1L << 32), 1L << 31));
  }

  @Example
  void readFrom_topLimbBeyondAnySum_throws() {
    for (long top : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, -(1L << 40)}) {
      byte[] bytes = serialize(new DoubleAccumulator());
      ByteBuffer.wrap(bytes).putLong(3 + 8 * (DoubleAccumulator.LIMBS - 1), top);
      assertThrows(IOException.class, () -> deserialize(bytes), () -> "top limb " + top);
    }
  }

  private static double sumOf(double[] terms) {
    return accumulate(terms).round();
  }

  private static DoubleAccumulator accumulate(double[] terms) {
    DoubleAccumulator sum = new DoubleAccumulator();
    sum.addTerms(0, terms.length, i -> terms[(int) i]);
    return sum;
  }

  /** Sums {@code terms} in blocks of random sizes, as chunk loops do. */
  private static DoubleAccumulator sumOf(double[] terms, Random random) {
    DoubleAccumulator sum = new DoubleAccumulator();
    int done = 0;
    while (done < terms.length) {
      int count = 1 + random.nextInt(terms.length - done);
      sum.addTerms(done, count, i -> terms[(int) i]);
      done += count;
    }
    return sum;
  }

  private static byte[] serialize(DoubleAccumulator accumulator) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      accumulator.writeTo(out);
    } catch (IOException e) {
      throw new AssertionError("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  private static DoubleAccumulator deserialize(byte[] bytes) throws IOException {
    return DoubleAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
  }

  private static void assertSameDouble(double expected, double actual) {
    assertEquals(
        Double.doubleToLongBits(expected),
        Double.doubleToLongBits(actual),
        () ->
            "expected " + Double.toHexString(expected) + " but was " + Double.toHexString(actual));
  }
}
