/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.internal.Gens.qt;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.rangesummer.internal.Gens;
import java.math.BigInteger;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The integer sums, one property at a time over every strategy of {@link Strategies#ALL} (each
 * with small minimum chunk sizes too), against the closed form, an element-by-element {@code
 * BigInteger} sum and the sequential summer. Remote strategies make a tenth of the tries.
 */
class SumPropertiesTest {

  /** Longest wait for an asynchronous sum: a guard against hanging the build, not a timing. */
  private static final long ASYNC_GUARD_MINUTES = 5;

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

  private static Gen<Range> ranges() {
    return Range.gen(2_000_000);
  }

  private static Gen<Range> shortRanges() {
    return Range.gen(10_000);
  }

  @EveryStrategy
  void sumExact_anyRange_equalsClosedForm(Strategy strategy) {
    qt(strategy.scaled(400))
        .forAll(summers(strategy), ranges())
        .checkAssert(
            (summer, range) ->
                assertEquals(range.closedFormSum(), summer.sumExact(range.start(), range.end())));
  }

  @EveryStrategy
  void sum_anyRange_equalsClosedFormOrThrowsNamingRange(Strategy strategy) {
    qt(strategy.scaled(400))
        .forAll(summers(strategy), ranges())
        .checkAssert(
            (summer, range) ->
                assertLongSum(
                    range.closedFormSum(), range, () -> summer.sum(range.start(), range.end())));
  }

  @EveryStrategy
  void sum_rangeFromMinValue_equalsClosedFormOrThrows(Strategy strategy) {
    qt(strategy.scaled(200))
        .forAll(summers(strategy), Gens.longs(0, 300_000))
        .checkAssert(
            // Only the empty range and [MIN, MIN + 1) have a sum in the range of long.
            (summer, length) ->
                assertIdentitySums(summer, new Range(Long.MIN_VALUE, Long.MIN_VALUE + length)));
  }

  @EveryStrategy
  void sum_rangeToMaxValue_equalsClosedFormOrThrows(Strategy strategy) {
    qt(strategy.scaled(200))
        .forAll(summers(strategy), Gens.longs(0, 300_000))
        .checkAssert(
            (summer, length) ->
                assertIdentitySums(summer, new Range(Long.MAX_VALUE - length, Long.MAX_VALUE)));
  }

  /** Asserts {@code sumExact} and {@code sum} of the integers in {@code range}. */
  private static void assertIdentitySums(RangeSummer summer, Range range) {
    assertEquals(range.closedFormSum(), summer.sumExact(range.start(), range.end()));
    assertLongSum(range.closedFormSum(), range, () -> summer.sum(range.start(), range.end()));
  }

  @EveryStrategy
  void sum_symmetricRange_isMinusItsLowerBound(Strategy strategy) {
    // [-h, h) pairs every i with -i except -h: a long sum whose partial sums change sign.
    qt(strategy.scaled(200))
        .forAll(summers(strategy), Gens.longs(0, 1_000_000))
        .checkAssert((summer, half) -> assertEquals(-half, summer.sum(-half, half)));
  }

  @EveryStrategy
  void sum_singleElement_isThatElement(Strategy strategy) {
    qt(strategy.scaled(300))
        .forAll(summers(strategy), Gens.longs(), Term.gen())
        .checkAssert(
            (summer, index, term) -> {
              long start = index == Long.MAX_VALUE ? index - 1 : index;
              assertEquals(start, summer.sum(start, start + 1));
              assertEquals(BigInteger.valueOf(start), summer.sumExact(start, start + 1));
              long value = term.function().applyAsLong(start);
              assertEquals(value, summer.sum(start, start + 1, term.function()));
              assertEquals(
                  BigInteger.valueOf(value), summer.sumExact(start, start + 1, term.function()));
            });
  }

  @EveryStrategy
  void sum_emptyRange_isZeroWithoutCallingTerm(Strategy strategy) {
    LongTerm longTerm = i -> fail("term called for " + i);
    DoubleTerm doubleTerm = i -> fail("term called for " + i);
    qt(strategy.scaled(200))
        .forAll(summers(strategy), Gens.longs())
        .checkAssert(
            (summer, index) -> {
              assertEquals(0, summer.sum(index, index));
              assertEquals(0, summer.sum(index, index, longTerm));
              assertEquals(BigInteger.ZERO, summer.sumExact(index, index));
              assertEquals(BigInteger.ZERO, summer.sumExact(index, index, longTerm));
              assertEquals(
                  0L, Double.doubleToRawLongBits(summer.sumDouble(index, index, doubleTerm)));
              assertEquals(0L, await(summer.sumAsync(index, index)));
              assertEquals(0L, await(summer.sumAsync(index, index, longTerm)));
            });
  }

  @EveryStrategy
  void sum_withTerm_equalsExactSumOrThrowsNamingRange(Strategy strategy) {
    qt(strategy.scaled(300))
        .forAll(summers(strategy), shortRanges(), Term.gen())
        .checkAssert(
            (summer, range, term) -> {
              BigInteger exact = term.exactSum(range);
              assertEquals(exact, summer.sumExact(range.start(), range.end(), term.function()));
              assertLongSum(
                  exact, range, () -> summer.sum(range.start(), range.end(), term.function()));
            });
  }

  @EveryStrategy
  void sum_anyStrategy_agreesWithSequential(Strategy strategy) {
    qt(strategy.scaled(200))
        .forAll(summers(strategy), shortRanges(), Term.gen())
        .checkAssert(
            (summer, range, term) -> {
              long start = range.start();
              long end = range.end();
              LongTerm f = term.function();
              assertEquals(
                  outcome(() -> SEQUENTIAL.sum(start, end)), outcome(() -> summer.sum(start, end)));
              assertEquals(
                  outcome(() -> SEQUENTIAL.sum(start, end, f)),
                  outcome(() -> summer.sum(start, end, f)));
              assertEquals(SEQUENTIAL.sumExact(start, end, f), summer.sumExact(start, end, f));
            });
  }

  @EveryStrategy
  void sumAsync_anyRange_agreesWithSum(Strategy strategy) {
    qt(strategy.scaled(200))
        .forAll(summers(strategy), shortRanges(), Term.gen())
        .checkAssert(
            (summer, range, term) -> {
              long start = range.start();
              long end = range.end();
              LongTerm f = term.function();
              assertEquals(
                  outcome(() -> summer.sum(start, end)), asyncOutcome(summer.sumAsync(start, end)));
              assertEquals(
                  outcome(() -> summer.sum(start, end, f)),
                  asyncOutcome(summer.sumAsync(start, end, f)));
            });
  }

  /** Ranges up to 300,000 long with a term that captures its coefficients and wraps. */
  @EveryStrategy
  void sumExact_longRangeWithCapturingTerm_agreesWithSequential(Strategy strategy) {
    qt(strategy.scaled(150))
        .forAll(summers(strategy), Range.gen(300_000), Gens.longs(), Gens.longs())
        .checkAssert(
            (summer, range, a, b) -> {
              LongTerm term = masked(a, b);
              assertEquals(
                  SEQUENTIAL.sumExact(range.start(), range.end(), term),
                  summer.sumExact(range.start(), range.end(), term));
            });
  }

  /** {@code a * (i & 0xFFFF) + b}, wrapping like Java arithmetic. */
  private static LongTerm masked(long a, long b) {
    return i -> a * (i & 0xFFFF) + b;
  }

  /**
   * The example: partial sums far outside the range of long whose total fits. Chunked
   * {@code long} accumulation would wrap or throw; the exact collector returns 5 everywhere.
   */
  @EveryStrategy
  void sum_overflowingTermsThatCancel_returnsExactSum(Strategy strategy) {
    qt(strategy.scaled(200))
        .forAll(summers(strategy), Gens.longs())
        .checkAssert(
            (summer, anyStart) -> {
              Range range = Range.startingAt(anyStart, 4001);
              long start = range.start();
              LongTerm term = cancelling(start);
              assertEquals(5, summer.sum(start, range.end(), term));
              assertEquals(BigInteger.valueOf(5), summer.sumExact(start, range.end(), term));
              assertEquals(5L, await(summer.sumAsync(start, range.end(), term)));
            });
  }

  /** 2000 times {@code MAX_VALUE}, 2000 times {@code -MAX_VALUE}, then 5, from {@code start}. */
  private static LongTerm cancelling(long start) {
    return i -> i - start < 2000 ? Long.MAX_VALUE : i - start < 4000 ? -Long.MAX_VALUE : 5;
  }

  /** Counts calls in a file that worker processes share, so that it works on every strategy. */
  @EveryStrategy
  void sum_anyStrategy_callsTermOncePerIndex(Strategy strategy) {
    SharedLongs calls = SharedLongs.create(10_001);
    qt(strategy.scaled(150))
        .forAll(summers(strategy), shortRanges())
        .checkAssert(
            (summer, range) -> {
              for (int i = 0; i < range.length(); i++) {
                calls.set(i, 0);
              }
              // Every term is 1, however often a chunk runs, so the sum is the length.
              assertEquals(
                  range.length(), summer.sum(range.start(), range.end(), counting(calls, range)));
              for (int i = 0; i < range.length(); i++) {
                ConcurrencyTest.assertCalledOnce(strategy, calls.get(i), range.start() + i);
              }
            });
  }

  private static LongTerm counting(SharedLongs calls, Range range) {
    long start = range.start();
    return i -> {
      calls.increment(Math.toIntExact(i - start));
      return 1;
    };
  }

  @Test
  void sum_moreWorkersThanElements_equalsClosedForm() {
    qt(100)
        .forAll(Gens.ints(2, 8), Gens.ints(1, 7), Gens.longs())
        .checkAssert(
            (workers, length, anyStart) -> {
              Range range = Range.startingAt(anyStart, Math.min(length, workers - 1));
              try (RangeSummer summer = RangeSummer.threaded(workers)) {
                RangeSummer oneElementChunks = summer.withMinChunkSize(1);
                assertEquals(
                    range.closedFormSum(), oneElementChunks.sumExact(range.start(), range.end()));
                assertEquals(
                    range.closedFormSum(),
                    oneElementChunks.sumExact(range.start(), range.end(), i -> i));
              }
            });
  }

  @EveryStrategy
  void sum_reversedRange_throws(Strategy strategy) {
    LongTerm term = i -> fail("term called for " + i);
    DoubleTerm doubleTerm = i -> fail("term called for " + i);
    qt(strategy.scaled(100))
        .forAll(summers(strategy), Gens.longs(), Gens.longs())
        .checkAssert(
            (summer, a, anyB) -> {
              long b = a.equals(anyB) ? (a == Long.MAX_VALUE ? a - 1 : a + 1) : anyB;
              long start = Math.max(a, b);
              long end = Math.min(a, b);
              String message =
                  String.format(Locale.ROOT, "start (%d) must be <= end (%d)", start, end);
              assertAll(
                  () -> assertIllegal(message, () -> summer.sum(start, end)),
                  () -> assertIllegal(message, () -> summer.sum(start, end, term)),
                  () -> assertIllegal(message, () -> summer.sumExact(start, end)),
                  () -> assertIllegal(message, () -> summer.sumExact(start, end, term)),
                  () -> assertIllegal(message, () -> summer.sumDouble(start, end, doubleTerm)),
                  () -> assertIllegal(message, () -> summer.sumAsync(start, end)),
                  () -> assertIllegal(message, () -> summer.sumAsync(start, end, term)));
            });
  }

  @EveryStrategy
  void sum_nullTerm_throws(Strategy strategy) {
    qt(20)
        .forAll(summers(strategy))
        .checkAssert(
            summer ->
                assertAll(
                    () -> assertNpe("term", () -> summer.sum(0, 1, null)),
                    () -> assertNpe("term", () -> summer.sumExact(0, 1, null)),
                    () -> assertNpe("term", () -> summer.sumDouble(0, 1, null)),
                    () -> assertNpe("term", () -> summer.sumAsync(0, 1, null))));
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

  private static void assertIllegal(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static void assertNpe(String message, Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  /** The value of a sum, or the class and message of what it threw, for comparisons. */
  private static String outcome(LongSupplier sum) {
    try {
      return Long.toString(sum.getAsLong());
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static String asyncOutcome(CompletableFuture<Long> future) {
    try {
      return Long.toString(await(future));
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      assertInstanceOf(RuntimeException.class, cause);
      return cause.getClass().getName() + ": " + cause.getMessage();
    }
  }

  /** Waits for {@code future}; its failure comes as the cause of a {@code CompletionException}. */
  private static long await(CompletableFuture<Long> future) {
    try {
      return future.get(ASYNC_GUARD_MINUTES, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("no result after " + ASYNC_GUARD_MINUTES + " minutes", e);
    }
  }
}
