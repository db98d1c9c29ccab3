/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static io.github.rangesummer.internal.ExactDoubles.correctlyRounded;
import static io.github.rangesummer.internal.Gens.qt;
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
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * {@link DoubleAccumulator} on its own: correct rounding against the exact {@code BigDecimal}
 * oracle, results independent of how terms are split and partial sums merged, and the exact state
 * surviving {@code writeTo}/{@code readFrom}, which rejects what it did not write.
 */
class DoubleAccumulatorTest {

  /** 1 byte of special values, 2 flags, then the limbs. */
  private static final int SERIALIZED_SIZE = 3 + 8 * DoubleAccumulator.LIMBS;

  private static Gen<double[]> finiteTerms() {
    return Gens.doubleArrays(ExactDoubles.finiteMix(), 0, 300);
  }

  /** Finite terms, sometimes with special values mixed in, sometimes all zeros of either sign. */
  private static Gen<double[]> anyTerms() {
    Gen<Double> special =
        Generate.pick(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    Gen<Double> zero = Generate.pick(List.of(0.0, -0.0));
    return Generate.frequency(
        Pair.of(6, finiteTerms()),
        Pair.of(
            1,
            Gens.doubleArrays(
                Generate.frequency(Pair.of(30, ExactDoubles.finiteMix()), Pair.of(1, special)),
                0,
                200)),
        Pair.of(1, Gens.doubleArrays(Generate.constant(-0.0), 0, 100)),
        Pair.of(1, Gens.doubleArrays(zero, 0, 100)));
  }

  @Test
  void round_finiteTerms_isCorrectlyRoundedExactSum() {
    qt(500)
        .forAll(finiteTerms())
        .checkAssert(terms -> assertSameDouble(correctlyRounded(terms), sumOf(terms)));
  }

  /**
   * Hundreds of thousands of one term fill its entry of the large accumulator many times over (an
   * entry is flushed after at least 1024 terms), and must still sum exactly.
   */
  @Test
  void round_manyEqualTerms_isCorrectlyRoundedExactSum() {
    qt(100)
        .forAll(finiteTerms(), repetitions())
        .checkAssert(
            (values, times) -> {
              double[] terms = Arrays.copyOf(values, Math.min(values.length, 3));
              DoubleAccumulator sum = new DoubleAccumulator();
              for (double term : terms) {
                sum.addTerms(0, times, i -> term);
              }
              assertSameDouble(correctlyRounded(terms, times), sum.round());
            });
  }

  /** Uniform up to 300,000, with the flush threshold and its neighbours as edge cases. */
  private static Gen<Integer> repetitions() {
    return Generate.frequency(
        Pair.of(8, Gens.ints(1, 300_000)),
        Pair.of(1, Generate.pick(List.of(1024, 1025, 1026, 2049))));
  }

  @Test
  void round_fullMantissaTermsPastFlushThreshold_isExact() {
    double term = Math.nextDown(2.0); // 53 mantissa bits set: an entry flushes every 1025 terms
    DoubleAccumulator sum = new DoubleAccumulator();
    sum.addTerms(0, 1 << 20, i -> term);
    assertSameDouble(0x1p20 * term, sum.round()); // exact: a power of two times a double
    sum.addTerms(0, 1 << 20, i -> -term);
    assertSameDouble(0.0, sum.round());
  }

  /**
   * One block in which entries fill and move to the small accumulator between zeros, subnormals of
   * both signs and full-mantissa terms of both signs, all of which the loop handles without
   * leaving: the sum is still exact, and a NaN or infinity at any position still decides it.
   */
  @Test
  void round_fullEntriesBetweenDivertedTerms_isExact() {
    double full = Math.nextDown(2.0);
    double[] cycle = {full, 0.0, -Double.MIN_VALUE, -full / 4, -0.0, Double.MIN_NORMAL / 3, full};
    double[] terms = new double[7 * 3001];
    for (int i = 0; i < terms.length; i++) {
      terms[i] = cycle[i % cycle.length];
    }
    assertSameDouble(correctlyRounded(terms), sumOf(terms));
    for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      for (int position : new int[] {0, 1030, terms.length - 1}) {
        double[] withSpecial = terms.clone();
        withSpecial[position] = special;
        assertSameDouble(special, sumOf(withSpecial));
      }
    }
  }

  /**
   * {@code add(double)} value by value leaves the same exact state as the kernel given the same
   * values: before the large accumulator exists (the first {@link DoubleAccumulator#DIRECT_ADDS}
   * values go to the small one), after it (entries filling past 2<sup>63</sup>, zeros, subnormals,
   * special values), and after a {@code round()} in between, which compacts it.
   */
  @Test
  void add_valueByValue_sameStateAsAddTerms() {
    qt(200)
        .forAll(anyTerms(), Gens.ints(1, 40), Gens.seeds())
        .checkAssert(
            (values, times, seed) -> {
              double[] terms = new double[values.length * times];
              for (int i = 0; i < terms.length; i++) {
                terms[i] = values[i % values.length];
              }
              int roundAt = terms.length == 0 ? 0 : new Random(seed).nextInt(terms.length + 1);
              DoubleAccumulator added = new DoubleAccumulator();
              for (int i = 0; i < terms.length; i++) {
                if (i == roundAt) {
                  added.round();
                }
                added.add(terms[i]);
              }
              assertSameDouble(sumOf(terms), added.round());
              assertArrayEquals(serialize(accumulate(terms)), serialize(added));
            });
  }

  @Test
  void add_fullMantissaValuesPastFlushThreshold_isExact() {
    double term = Math.nextDown(2.0); // an entry flushes every 1025 values
    DoubleAccumulator sum = new DoubleAccumulator();
    for (int i = 0; i < 1 << 20; i++) {
      sum.add(term);
    }
    assertSameDouble(0x1p20 * term, sum.round());
    for (int i = 0; i < 1 << 20; i++) {
      sum.add(-term);
    }
    assertSameDouble(0.0, sum.round());
  }

  @Test
  void round_singleTerm_isThatTerm() {
    qt(300)
        .forAll(Gens.longs())
        .checkAssert(
            bits -> {
              double term = Double.longBitsToDouble(bits);
              DoubleAccumulator sum = new DoubleAccumulator();
              sum.add(term);
              assertSameDouble(term, sum.round());
            });
  }

  @Test
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
  @Test
  void merge_anySplitInAnyOrder_sameBitsAsOneAccumulator() {
    qt(500)
        .forAll(anyTerms(), Gens.seeds())
        .checkAssert(
            (terms, seed) -> {
              Random random = new Random(seed);
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
            });
  }

  @Test
  void writeTo_readFrom_roundTripsExactState() {
    qt(300)
        .forAll(anyTerms(), anyTerms())
        .checkAssert(
            (terms, more) -> {
              DoubleAccumulator original = accumulate(terms);
              byte[] bytes = serialize(original);
              assertEquals(SERIALIZED_SIZE, bytes.length);
              DoubleAccumulator read = deserializeValid(bytes);
              assertSameDouble(original.round(), read.round());
              assertArrayEquals(bytes, serialize(read));
              // The state read back goes on summing as the original would.
              DoubleAccumulator continued = accumulate(more);
              continued.merge(read);
              double[] all = Arrays.copyOf(terms, terms.length + more.length);
              System.arraycopy(more, 0, all, terms.length, more.length);
              assertSameDouble(sumOf(all), continued.round());
            });
  }

  @Test
  void readFrom_unknownSpecialValues_throws() {
    qt(50)
        .forAll(Gens.ints(8, 255))
        .checkAssert(
            specials -> {
              byte[] bytes = serialize(new DoubleAccumulator());
              bytes[0] = (byte) (int) specials;
              IOException e = assertThrows(IOException.class, () -> deserialize(bytes));
              assertTrue(e.getMessage().contains("specials " + specials), e.getMessage());
            });
  }

  @Test
  void readFrom_lowerLimbOutOfRange_throws() {
    qt(100)
        .forAll(Gens.ints(0, DoubleAccumulator.LIMBS - 2), Gens.longs())
        .checkAssert(
            (limb, value) -> {
              long outOfRange =
                  (value >>> 32) == 0 ? value | (1L << (32 + (int) (value & 31))) : value;
              byte[] bytes = serialize(accumulate(new double[] {1.0, -0x1p-1074, 0x1p1000}));
              ByteBuffer.wrap(bytes).putLong(3 + 8 * limb, outOfRange);
              IOException e = assertThrows(IOException.class, () -> deserialize(bytes));
              assertTrue(e.getMessage().contains("limb " + limb), e.getMessage());
            });
  }

  @Test
  void readFrom_truncated_throws() {
    qt(100)
        .forAll(anyTerms(), Gens.ints())
        .checkAssert(
            (terms, anyLength) -> {
              byte[] bytes = serialize(accumulate(terms));
              byte[] truncated = Arrays.copyOf(bytes, Math.floorMod(anyLength, bytes.length));
              assertThrows(EOFException.class, () -> deserialize(truncated));
            });
  }

  /**
   * The top limb carries the sign: no sum of doubles reaches past it. Whatever state readFrom
   * accepts must round, alone and merged, instead of failing later with an unrelated exception.
   */
  @Test
  void readFrom_anyTopLimb_throwsOrRounds() {
    qt(200)
        .forAll(topLimbs())
        .checkAssert(
            top -> {
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
            });
  }

  private static Gen<Long> topLimbs() {
    return Generate.oneOf(
        SourceDSL.longs().all(),
        Generate.longRange(-3, 3),
        Generate.pick(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, -(1L << 32), 1L << 31)));
  }

  @Test
  void readFrom_topLimbBeyondAnySum_throws() {
    for (long top : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, -(1L << 40)}) {
      byte[] bytes = serialize(new DoubleAccumulator());
      ByteBuffer.wrap(bytes).putLong(3 + 8 * (DoubleAccumulator.LIMBS - 1), top);
      assertThrows(IOException.class, () -> deserialize(bytes), () -> "top limb " + top);
    }
  }

  /**
   * Merging a sum into itself doubles it; the 110th doubling of {@code Double.MAX_VALUE} would
   * reach 2<sup>1133</sup>, past the top limb: it throws and leaves the sum as it was, which is
   * still exact, is read back, and cancels exactly with its negation.
   */
  @Test
  void merge_intoItselfPastRange_throwsAndKeepsExactSum() {
    DoubleAccumulator positive = accumulate(new double[] {Double.MAX_VALUE, Double.MIN_VALUE});
    DoubleAccumulator negative = accumulate(new double[] {-Double.MAX_VALUE, -Double.MIN_VALUE});
    int doublings = 0;
    byte[] before;
    while (true) {
      before = serialize(positive);
      try {
        positive.merge(positive);
      } catch (ArithmeticException e) {
        assertTrue(e.getMessage().contains("2^1133"), e.getMessage());
        break;
      }
      negative.merge(negative);
      doublings++;
      assertTrue(doublings < 200, "no limit");
    }
    assertEquals(109, doublings);
    assertArrayEquals(before, serialize(positive));
    assertSameDouble(Double.POSITIVE_INFINITY, positive.round());
    DoubleAccumulator read = deserializeValid(serialize(positive));
    read.merge(negative);
    assertSameDouble(0.0, read.round());
    negative.merge(positive);
    assertSameDouble(0.0, negative.round());
  }

  @Test
  void readFrom_flagOtherThanZeroOrOne_throws() {
    qt(100)
        .forAll(anyTerms(), Gens.ints(1, 2), Gens.ints(2, 255))
        .checkAssert(
            (terms, position, flag) -> {
              byte[] bytes = serialize(accumulate(terms));
              bytes[position] = (byte) (int) flag;
              IOException e = assertThrows(IOException.class, () -> deserialize(bytes));
              assertTrue(e.getMessage().contains(" is " + flag), e.getMessage());
            });
  }

  /**
   * The flags and the sum must agree: the empty sum has no terms other than {@code -0.0}, and a
   * sum of nothing but {@code -0.0} is zero and not special.
   */
  @Test
  void readFrom_flagsContradictingSum_throws() {
    byte[] empty = serialize(new DoubleAccumulator());
    empty[1] = 1; // empty, yet a term other than -0.0
    assertThrows(IOException.class, () -> deserialize(empty));
    double[][] sums = {{1.0}, {-Double.MIN_VALUE}, {Double.NaN}, {Double.NEGATIVE_INFINITY}};
    for (double[] terms : sums) {
      byte[] onlyNegativeZeros = serialize(accumulate(terms));
      onlyNegativeZeros[1] = 0;
      assertThrows(
          IOException.class, () -> deserialize(onlyNegativeZeros), () -> Arrays.toString(terms));
      byte[] noTerms = onlyNegativeZeros.clone();
      noTerms[2] = 1;
      assertThrows(IOException.class, () -> deserialize(noTerms), () -> Arrays.toString(terms));
    }
    deserializeValid(serialize(accumulate(new double[] {-0.0, -0.0})));
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

  /** Reads what {@link #serialize} wrote, which must be accepted. */
  private static DoubleAccumulator deserializeValid(byte[] bytes) {
    try {
      return deserialize(bytes);
    } catch (IOException e) {
      throw new AssertionError("rejected its own bytes", e);
    }
  }

  private static void assertSameDouble(double expected, double actual) {
    assertEquals(
        Double.doubleToLongBits(expected),
        Double.doubleToLongBits(actual),
        () ->
            "expected " + Double.toHexString(expected) + " but was " + Double.toHexString(actual));
  }
}
