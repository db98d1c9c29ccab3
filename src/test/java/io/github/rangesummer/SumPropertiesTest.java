/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.LongSupplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The integer sums, one property at a time over every in-JVM strategy, against the closed form, an
 * element-by-element {@code BigInteger} sum and the sequential summer.
 */
class SumPropertiesTest {

  /** Longest wait for an asynchronous sum: a guard against hanging the build, not a timing. */
  private static final long ASYNC_GUARD_MINUTES = 5;

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
  Arbitrary<Range> ranges() {
    return Range.arbitrary(2_000_000);
  }

  @Provide
  Arbitrary<Range> shortRanges() {
    return Range.arbitrary(10_000);
  }

  @Provide
  Arbitrary<Term> terms() {
    return Term.arbitrary();
  }

  @Property(tries = 400)
  void sumExact_anyRange_equalsClosedForm(
      @ForAll("summers") RangeSummer summer, @ForAll("ranges") Range range) {
    assertEquals(range.closedFormSum(), summer.sumExact(range.start(), range.end()));
  }

  @Property(tries = 400)
  void sum_anyRange_equalsClosedFormOrThrowsNamingRange(
      @ForAll("summers") RangeSummer summer, @ForAll("ranges") Range range) {
    assertLongSum(range.closedFormSum(), range, () -> summer.sum(range.start(), range.end()));
  }

  @Property(tries = 200)
  void sum_rangeFromMinValue_equalsClosedFormOrThrows(
      @ForAll("summers") RangeSummer summer, @ForAll @LongRange(max = 300_000) long length) {
    Range range = new Range(Long.MIN_VALUE, Long.MIN_VALUE + length);
    assertEquals(range.closedFormSum(), summer.sumExact(range.start(), range.end()));
    // Only the empty range and [MIN, MIN + 1) have a sum in the range of long.
    assertLongSum(range.closedFormSum(), range, () -> summer.sum(range.start(), range.end()));
  }

  @Property(tries = 200)
  void sum_rangeToMaxValue_equalsClosedFormOrThrows(
      @ForAll("summers") RangeSummer summer, @ForAll @LongRange(max = 300_000) long length) {
    Range range = new Range(Long.MAX_VALUE - length, Long.MAX_VALUE);
    assertEquals(range.closedFormSum(), summer.sumExact(range.start(), range.end()));
    assertLongSum(range.closedFormSum(), range, () -> summer.sum(range.start(), range.end()));
  }

  @Property(tries = 200)
  void sum_symmetricRange_isMinusItsLowerBound(
      @ForAll("summers") RangeSummer summer, @ForAll @LongRange(max = 1_000_000) long half) {
    // [-h, h) pairs every i with -i except -h: a long sum whose partial sums change sign.
    assertEquals(-half, summer.sum(-half, half));
  }

  @Property(tries = 300)
  void sum_singleElement_isThatElement(
      @ForAll("summers") RangeSummer summer, @ForAll long index, @ForAll("terms") Term term) {
    long start = index == Long.MAX_VALUE ? index - 1 : index;
    assertEquals(start, summer.sum(start, start + 1));
    assertEquals(BigInteger.valueOf(start), summer.sumExact(start, start + 1));
    long value = term.function().applyAsLong(start);
    assertEquals(value, summer.sum(start, start + 1, term.function()));
    assertEquals(BigInteger.valueOf(value), summer.sumExact(start, start + 1, term.function()));
  }

  @Property(tries = 200)
  void sum_emptyRange_isZeroWithoutCallingTerm(
      @ForAll("summers") RangeSummer summer, @ForAll long index) throws Exception {
    LongTerm longTerm = i -> fail("term called for " + i);
    DoubleTerm doubleTerm = i -> fail("term called for " + i);
    assertEquals(0, summer.sum(index, index));
    assertEquals(0, summer.sum(index, index, longTerm));
    assertEquals(BigInteger.ZERO, summer.sumExact(index, index));
    assertEquals(BigInteger.ZERO, summer.sumExact(index, index, longTerm));
    assertEquals(0L, Double.doubleToRawLongBits(summer.sumDouble(index, index, doubleTerm)));
    assertEquals(0L, await(summer.sumAsync(index, index)));
    assertEquals(0L, await(summer.sumAsync(index, index, longTerm)));
  }

  @Property(tries = 300)
  void sum_withTerm_equalsExactSumOrThrowsNamingRange(
      @ForAll("summers") RangeSummer summer,
      @ForAll("shortRanges") Range range,
      @ForAll("terms") Term term) {
    BigInteger exact = term.exactSum(range);
    assertEquals(exact, summer.sumExact(range.start(), range.end(), term.function()));
    assertLongSum(exact, range, () -> summer.sum(range.start(), range.end(), term.function()));
  }

  @Property(tries = 200)
  void sum_anyStrategy_agreesWithSequential(
      @ForAll("summers") RangeSummer summer,
      @ForAll("shortRanges") Range range,
      @ForAll("terms") Term term) {
    RangeSummer sequential = strategies.sequential();
    long start = range.start();
    long end = range.end();
    LongTerm f = term.function();
    assertEquals(outcome(() -> sequential.sum(start, end)), outcome(() -> summer.sum(start, end)));
    assertEquals(
        outcome(() -> sequential.sum(start, end, f)), outcome(() -> summer.sum(start, end, f)));
    assertEquals(sequential.sumExact(start, end, f), summer.sumExact(start, end, f));
  }

  @Property(tries = 200)
  void sumAsync_anyRange_agreesWithSum(
      @ForAll("summers") RangeSummer summer,
      @ForAll("shortRanges") Range range,
      @ForAll("terms") Term term)
      throws Exception {
    long start = range.start();
    long end = range.end();
    LongTerm f = term.function();
    assertEquals(outcome(() -> summer.sum(start, end)), asyncOutcome(summer.sumAsync(start, end)));
    assertEquals(
        outcome(() -> summer.sum(start, end, f)), asyncOutcome(summer.sumAsync(start, end, f)));
  }

  /**
   * The example: partial sums far outside the range of long whose total fits. Chunked
   * {@code long} accumulation would wrap or throw; the exact collector returns 5 everywhere.
   */
  @Property(tries = 200)
  void sum_overflowingTermsThatCancel_returnsExactSum(
      @ForAll("summers") RangeSummer summer, @ForAll long anyStart) throws Exception {
    Range range = Range.startingAt(anyStart, 4001);
    long start = range.start();
    LongTerm term = i -> i - start < 2000 ? Long.MAX_VALUE : i - start < 4000 ? -Long.MAX_VALUE : 5;
    assertEquals(5, summer.sum(start, range.end(), term));
    assertEquals(BigInteger.valueOf(5), summer.sumExact(start, range.end(), term));
    assertEquals(5L, await(summer.sumAsync(start, range.end(), term)));
  }

  @Property(tries = 150)
  void sum_anyStrategy_callsTermOncePerIndex(
      @ForAll("summers") RangeSummer summer, @ForAll("shortRanges") Range range) {
    AtomicIntegerArray calls = new AtomicIntegerArray(range.length());
    long start = range.start();
    LongTerm term = i -> calls.incrementAndGet(Math.toIntExact(i - start));
    // Every index is called once, so every term is 1 and the sum is the length.
    assertEquals(range.length(), summer.sum(start, range.end(), term));
    for (int i = 0; i < range.length(); i++) {
      assertEquals(1, calls.get(i), "calls of index " + (start + i));
    }
  }

  @Property(tries = 100)
  void sum_moreWorkersThanElements_equalsClosedForm(
      @ForAll @IntRange(min = 2, max = 8) int workers,
      @ForAll @IntRange(min = 1, max = 7) int length,
      @ForAll long anyStart) {
    Range range = Range.startingAt(anyStart, Math.min(length, workers - 1));
    try (RangeSummer summer = RangeSummer.threaded(workers)) {
      RangeSummer oneElementChunks = summer.withMinChunkSize(1);
      assertEquals(range.closedFormSum(), oneElementChunks.sumExact(range.start(), range.end()));
      assertEquals(
          range.closedFormSum(), oneElementChunks.sumExact(range.start(), range.end(), i -> i));
    }
  }

  @Property(tries = 100)
  void sum_reversedRange_throws(
      @ForAll("summers") RangeSummer summer, @ForAll long a, @ForAll long b) {
    if (a == b) {
      b = a == Long.MAX_VALUE ? a - 1 : a + 1;
    }
    long start = Math.max(a, b);
    long end = Math.min(a, b);
    String message = String.format(Locale.ROOT, "start (%d) must be <= end (%d)", start, end);
    LongTerm term = i -> fail("term called for " + i);
    DoubleTerm doubleTerm = i -> fail("term called for " + i);
    assertMessage(
        message, assertThrows(IllegalArgumentException.class, () -> summer.sum(start, end)));
    assertMessage(
        message, assertThrows(IllegalArgumentException.class, () -> summer.sum(start, end, term)));
    assertMessage(
        message, assertThrows(IllegalArgumentException.class, () -> summer.sumExact(start, end)));
    assertMessage(
        message,
        assertThrows(IllegalArgumentException.class, () -> summer.sumExact(start, end, term)));
    assertMessage(
        message,
        assertThrows(
            IllegalArgumentException.class, () -> summer.sumDouble(start, end, doubleTerm)));
    assertMessage(
        message, assertThrows(IllegalArgumentException.class, () -> summer.sumAsync(start, end)));
    assertMessage(
        message,
        assertThrows(IllegalArgumentException.class, () -> summer.sumAsync(start, end, term)));
  }

  @Property(tries = 20)
  void sum_nullTerm_throws(@ForAll("summers") RangeSummer summer) {
    assertMessage("term", assertThrows(NullPointerException.class, () -> summer.sum(0, 1, null)));
    assertMessage(
        "term", assertThrows(NullPointerException.class, () -> summer.sumExact(0, 1, null)));
    assertMessage(
        "term", assertThrows(NullPointerException.class, () -> summer.sumDouble(0, 1, null)));
    assertMessage(
        "term", assertThrows(NullPointerException.class, () -> summer.sumAsync(0, 1, null)));
  }

  /**
   * Asserts that {@code sum} returns {@code exact} if it is a {@code long}, and otherwise throws an
   * {@link ArithmeticException} that names the range and the exact sum.
   */
  static void assertLongSum(BigInteger exact, Range range, LongSupplier sum) {
    if (exact.bitLength() < Long.SIZE) {
      assertEquals(exact.longValueExact(), sum.getAsLong());
    } else {
      ArithmeticException e = assertThrows(ArithmeticException.class, sum::getAsLong);
      assertTrue(e.getMessage().contains(range.toString()), e.getMessage());
      assertTrue(e.getMessage().contains(exact.toString()), e.getMessage());
    }
  }

  private static void assertMessage(String expected, Throwable thrown) {
    assertEquals(expected, thrown.getMessage());
  }

  /** The value of a sum, or the class and message of what it threw, for comparisons. */
  private static String outcome(LongSupplier sum) {
    try {
      return Long.toString(sum.getAsLong());
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static String asyncOutcome(CompletableFuture<Long> future) throws Exception {
    try {
      return Long.toString(await(future));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      assertInstanceOf(RuntimeException.class, cause);
      return cause.getClass().getName() + ": " + cause.getMessage();
    }
  }

  private static long await(CompletableFuture<Long> future)
      throws InterruptedException, ExecutionException {
    try {
      return future.get(ASYNC_GUARD_MINUTES, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("no result after " + ASYNC_GUARD_MINUTES + " minutes", e);
    }
  }
}
