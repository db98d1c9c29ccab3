/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.assertFromTerm;
import static io.github.rangesummer.TestSupport.await;
import static io.github.rangesummer.TestSupport.awaitStable;
import static io.github.rangesummer.TestSupport.closedForm;
import static io.github.rangesummer.TestSupport.failureOf;
import static io.github.rangesummer.TestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code sumExactAsync} and {@code sumDoubleAsync}, with and without a term, keep the contract of
 * {@code sumAsync}: the exact result, a cancel that stops the work, deadlines, progress and the
 * term's failures. Part of the contract suite: every test runs on every strategy.
 */
class AsyncFormsTest {

  /** One asynchronous form, started on a summer over a range with a counting term. */
  private interface Form {
    CompletableFuture<?> start(RangeSummer summer, long start, long end, SharedLongs calls);
  }

  /** The three forms with a term, each counting its calls in {@code calls}. */
  private static List<Form> countingForms() {
    return List.of(
        (summer, start, end, calls) -> summer.sumExactAsync(start, end, countingLong(calls)),
        (summer, start, end, calls) -> summer.sumDoubleAsync(start, end, countingDouble(calls)),
        (summer, start, end, calls) -> summer.sumAsync(start, end, countingLong(calls)));
  }

  private static LongTerm countingLong(SharedLongs calls) {
    return i -> {
      calls.increment(0);
      return i & 1;
    };
  }

  private static DoubleTerm countingDouble(SharedLongs calls) {
    return i -> {
      calls.increment(0);
      return 0.5;
    };
  }

  @EveryStrategy
  void sumExactAsync_returnsTheExactSum_beyondLong(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      assertEquals(closedForm(-5, 3_000_000), get(summer.sumExactAsync(-5, 3_000_000)));
      assertEquals(
          closedForm(Long.MAX_VALUE - 1_000, Long.MAX_VALUE),
          get(summer.sumExactAsync(Long.MAX_VALUE - 1_000, Long.MAX_VALUE)));
      assertEquals(BigInteger.ZERO, get(summer.sumExactAsync(7, 7)));
      assertEquals(
          BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(100_000)),
          get(summer.sumExactAsync(0, 100_000, i -> Long.MAX_VALUE)));
      assertEquals(BigInteger.ZERO, get(summer.sumExactAsync(3, 3, i -> 1)));
    }
  }

  @EveryStrategy
  void sumDoubleAsync_isTheCorrectlyRoundedSum_sameBitsAsSequential(Strategy strategy)
      throws Exception {
    DoubleTerm harmonic = i -> 1.0 / i;
    DoubleTerm cancelling = i -> (i % 2 == 0 ? 1e300 : -1e300) + 1.0 / (i + 1);
    double[] expected;
    try (RangeSummer sequential = RangeSummer.sequential()) {
      expected =
          new double[] {
            sequential.sumDouble(1, 1_000_001, harmonic), sequential.sumDouble(0, 200_001, cancelling)
          };
    }
    try (RangeSummer summer = strategy.get().withMinChunkSize(1_000)) {
      assertEquals(
          Double.doubleToRawLongBits(expected[0]),
          Double.doubleToRawLongBits(get(summer.sumDoubleAsync(1, 1_000_001, harmonic))));
      assertEquals(
          Double.doubleToRawLongBits(expected[1]),
          Double.doubleToRawLongBits(get(summer.sumDoubleAsync(0, 200_001, cancelling))));
      assertEquals(0.0, get(summer.sumDoubleAsync(4, 4, i -> -0.0)));
      assertEquals(-0.0, get(summer.sumDoubleAsync(0, 3, i -> -0.0)));
    }
  }

  @EveryStrategy
  void everyForm_cancel_stopsTheWork(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      for (Form form : countingForms()) {
        SharedLongs calls = SharedLongs.create(1);
        CompletableFuture<?> future = form.start(summer, 0, Long.MAX_VALUE, calls);
        await("the term is called", () -> calls.get(0) > 10_000);
        assertTrue(future.cancel(true));
        awaitStable("term calls", () -> calls.get(0));
        assertInstanceOf(CancellationException.class, failureOf(future));
      }
      assertEquals(closedForm(0, 1_000), get(summer.sumExactAsync(0, 1_000)), "still usable");
    }
  }

  @EveryStrategy
  void everyForm_deadline_failsWithTimeoutException_andStopsTheWork(Strategy strategy)
      throws Exception {
    try (RangeSummer summer = strategy.get()) {
      RangeSummer timed = summer.withTimeout(Duration.ofMillis(200));
      for (Form form : countingForms()) {
        SharedLongs calls = SharedLongs.create(1);
        CompletableFuture<?> future = form.start(timed, 0, Long.MAX_VALUE, calls);
        assertInstanceOf(TimeoutException.class, failureOf(future));
        awaitStable("term calls", () -> calls.get(0));
      }
    }
  }

  @EveryStrategy
  void everyForm_withProgress_reportsUpToTheTotalOnce(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      RangeSummer small = summer.withMinChunkSize(10_000);
      List<Function<RangeSummer, CompletableFuture<?>>> forms =
          List.of(
              s -> s.sumExactAsync(0, 1_000_000),
              s -> s.sumExactAsync(0, 1_000_000, i -> i),
              s -> s.sumDoubleAsync(0, 1_000_000, i -> 0.25));
      for (Function<RangeSummer, CompletableFuture<?>> form : forms) {
        RecordingListener listener = new RecordingListener();
        get(form.apply(small.withProgress(listener, Duration.ofMillis(5))));
        listener.assertWellFormed(1_000_000, true);
      }
    }
  }

  @EveryStrategy
  void everyForm_termThrows_failsWithTheTermsException(Strategy strategy) throws Exception {
    IllegalStateException failure = new IllegalStateException("term failed");
    try (RangeSummer summer = strategy.get()) {
      assertFromTerm(
          strategy,
          failure,
          failureOf(
              summer.sumExactAsync(
                  0,
                  1_000,
                  i -> {
                    if (i == 500) {
                      throw failure;
                    }
                    return i;
                  })));
      assertFromTerm(
          strategy,
          failure,
          failureOf(
              summer.sumDoubleAsync(
                  0,
                  1_000,
                  i -> {
                    if (i == 500) {
                      throw failure;
                    }
                    return i;
                  })));
    }
  }

  @EveryStrategy
  void everyForm_badArguments_throwAtOnce(Strategy strategy) {
    RangeSummer summer = strategy.get();
    assertEquals(
        "start (5) must be <= end (3)",
        assertThrows(IllegalArgumentException.class, () -> summer.sumExactAsync(5, 3))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> summer.sumExactAsync(5, 3, i -> i));
    assertThrows(IllegalArgumentException.class, () -> summer.sumDoubleAsync(5, 3, i -> i));
    assertThrows(NullPointerException.class, () -> summer.sumExactAsync(0, 3, null));
    assertThrows(NullPointerException.class, () -> summer.sumDoubleAsync(0, 3, null));
    summer.close();
    assertThrows(IllegalStateException.class, () -> summer.sumExactAsync(0, 3));
    assertThrows(IllegalStateException.class, () -> summer.sumDoubleAsync(0, 3, i -> i));
  }
}
