/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static io.github.rangesummer.internal.Gens.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The kernels of {@link Summation}: the identity kernel's fast path (eight {@code long} lanes)
 * agrees with its exact path and the closed form on both sides of the ±2<sup>49</sup> limit, chunk
 * loops report every element to their checkpoint, and accumulators survive the worker protocol.
 */
class SummationTest {

  /** The identity kernel's fast path takes blocks strictly inside (-2^49, 2^49). */
  private static final long FAST_LIMIT = 1L << 49;

  /** The identity kernel's block size: the most elements {@code block} is given at once. */
  private static final int BLOCK = 1 << 16;

  /** The identity's elements as a term: the same sum through the exact per-element loop. */
  private static final LongTerm SELF = i -> i;

  /** First elements of blocks on both sides of the fast path's limits, and at the domain's ends. */
  private static Gen<Long> blockStarts() {
    return Generate.oneOf(
        Gens.longs(FAST_LIMIT - 2 * BLOCK, FAST_LIMIT + BLOCK),
        Gens.longs(-FAST_LIMIT - BLOCK, -FAST_LIMIT + 2 * BLOCK),
        Generate.pick(
            List.of(
                FAST_LIMIT - BLOCK - 1, FAST_LIMIT - BLOCK, -FAST_LIMIT, -FAST_LIMIT + 1, 0L, -1L)),
        Gens.longs(-FAST_LIMIT, FAST_LIMIT),
        // Every binade above the limit, where eight long lanes would overflow.
        Generate.range(50, 62).flatMap(k -> Gens.longs(-(1L << k), 1L << k)),
        Gens.longs(Long.MIN_VALUE, Long.MIN_VALUE + BLOCK),
        Gens.longs(Long.MAX_VALUE - 2 * BLOCK, Long.MAX_VALUE - BLOCK),
        Gens.longs());
  }

  /** {@code anyStart}, moved down if needed so that {@code length} elements fit below the end. */
  private static long startFor(long anyStart, long length) {
    return Math.min(anyStart, Long.MAX_VALUE - length);
  }

  @Test
  void identityBlock_nearFastPathLimit_equalsExactKernelAndClosedForm() {
    qt(400)
        .forAll(blockStarts(), Gens.ints(1, BLOCK))
        .checkAssert(
            (anyFirst, count) -> {
              long first = startFor(anyFirst, count);
              BigInteger expected = closedForm(first, first + count);
              Int128 identity = new Int128();
              Summation.identity().block(first, count, identity);
              assertEquals(expected, identity.toBigInteger(), "identity kernel");
              Int128 exact = new Int128();
              Summation.ofLong(SELF).block(first, count, exact);
              assertEquals(expected, exact.toBigInteger(), "exact per-element kernel");
            });
  }

  @Test
  void accumulate_anyRange_equalsClosedFormAndReportsEveryElement() {
    qt(200)
        .forAll(blockStarts(), Gens.longs(1, 400_000), Gens.booleans())
        .checkAssert(
            (anyFirst, length, identity) -> {
              long from = startFor(anyFirst, length);
              Summation<Int128> summation = integers(identity);
              Int128 sum = summation.newAccumulator();
              List<Long> reports = new ArrayList<>();
              summation.accumulate(from, from + length, sum, reports::add);
              assertEquals(closedForm(from, from + length), sum.toBigInteger());
              assertEquals(length, reports.stream().mapToLong(Long::longValue).sum());
              assertTrue(reports.stream().allMatch(elements -> elements > 0), reports::toString);
            });
  }

  @Test
  void accumulate_checkpointSaysStop_returnsAfterOneBlock() {
    qt(100)
        .forAll(blockStarts(), Gens.longs(1, 200_000), Gens.booleans())
        .checkAssert(
            (anyFirst, length, identity) -> {
              long from = startFor(anyFirst, length);
              Summation<Int128> summation = integers(identity);
              Int128 sum = summation.newAccumulator();
              List<Long> reports = new ArrayList<>();
              summation.accumulate(
                  from,
                  from + length,
                  sum,
                  elements -> {
                    reports.add(elements);
                    return false;
                  });
              assertEquals(1, reports.size(), reports::toString);
              long done = reports.get(0);
              assertTrue(done > 0 && done <= length, reports::toString);
              assertEquals(closedForm(from, from + done), sum.toBigInteger());
            });
  }

  @Test
  void writeRead_int128_roundTrips() {
    qt(200)
        .forAll(Gens.longs(), Gens.longs(), Gens.booleans())
        .checkAssert(
            (high, low, identity) -> {
              Summation<Int128> summation = integers(identity);
              Int128 value = new Int128(high, low);
              byte[] bytes = write(summation, value);
              assertEquals(16, bytes.length);
              Int128 read = read(summation, bytes);
              assertEquals(high, read.high());
              assertEquals(low, read.low());
            });
  }

  @Test
  void writeRead_doubleAccumulator_roundTrips() {
    qt(200)
        .forAll(doubleTerms())
        .checkAssert(
            terms -> {
              double[] copy = terms.clone();
              Summation<DoubleAccumulator> summation = Summation.ofDouble(i -> copy[(int) i]);
              DoubleAccumulator sum = summation.newAccumulator();
              if (copy.length > 0) {
                summation.accumulate(0, copy.length, sum, elements -> true);
              }
              byte[] bytes = write(summation, sum);
              DoubleAccumulator read = read(summation, bytes);
              assertEquals(
                  Double.doubleToLongBits(sum.round()), Double.doubleToLongBits(read.round()));
              assertArrayEquals(bytes, write(summation, read));
            });
  }

  /** The identity kernel, or the same sum through the per-element kernel of {@link #SELF}. */
  private static Summation<Int128> integers(boolean identity) {
    return identity ? Summation.identity() : Summation.ofLong(SELF);
  }

  private static Gen<double[]> doubleTerms() {
    return Gens.doubleArrays(
        Generate.oneOf(
            ExactDoubles.finiteMix(),
            Generate.pick(
                List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0))),
        0,
        600);
  }

  @Test
  void kindAndTerm_eachSummation_describeItForTheWorkerProtocol() {
    LongTerm longTerm = i -> 2 * i;
    DoubleTerm doubleTerm = i -> 0.5 * i;
    assertEquals(SumKind.IDENTITY, Summation.identity().kind());
    assertNull(Summation.identity().term());
    assertEquals(SumKind.LONG_TERM, Summation.ofLong(longTerm).kind());
    assertSame(longTerm, Summation.ofLong(longTerm).term());
    assertEquals(SumKind.DOUBLE_TERM, Summation.ofDouble(doubleTerm).kind());
    assertSame(doubleTerm, Summation.ofDouble(doubleTerm).term());
  }

  private static <A> byte[] write(Summation<A> summation, A accumulator) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      summation.partials().write(accumulator, out);
    } catch (IOException e) {
      throw new AssertionError("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  private static <A> A read(Summation<A> summation, byte[] bytes) {
    try {
      return summation.partials().read(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IOException e) {
      throw new AssertionError("rejected its own bytes", e);
    }
  }

  /** Returns the sum of the integers in {@code [start, end)}. */
  private static BigInteger closedForm(long start, long end) {
    BigInteger count = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start));
    return BigInteger.valueOf(start).add(BigInteger.valueOf(end - 1)).multiply(count).shiftRight(1);
  }

  /** A term's exception, checked or not, leaves {@code accumulate} as the same instance. */
  @Test
  void accumulate_termThrows_sameInstanceThroughEveryKernel() {
    List<Throwable> failures =
        List.of(new IOException("checked"), new IllegalStateException("unchecked"), new Error());
    for (Throwable failure : failures) {
      LongTerm longTerm = i -> SummationTest.<RuntimeException>rethrow(failure);
      DoubleTerm doubleTerm = i -> SummationTest.<RuntimeException>rethrow(failure);
      assertSame(failure, thrownBy(Summation.ofLong(longTerm)));
      assertSame(failure, thrownBy(Summation.ofDouble(doubleTerm)));
    }
  }

  private static <A> Throwable thrownBy(Summation<A> summation) {
    try {
      summation.accumulate(0, 10, summation.newAccumulator(), elements -> true);
    } catch (Throwable thrown) {
      return thrown;
    }
    throw new AssertionError("the term's exception was not thrown");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> long rethrow(Throwable failure) throws T {
    throw (T) failure;
  }
}
