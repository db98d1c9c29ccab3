/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Arguments are checked where they enter, with messages that name the offending value. */
class ArgumentsTest {

  private static NullPointerTester nullPointerTester() {
    return new NullPointerTester()
        .setDefault(Duration.class, Duration.ofSeconds(1))
        .setDefault(ForkJoinPool.class, Strategies.BORROWED_POOL)
        .setDefault(ProgressListener.class, (done, total) -> {});
  }

  @EveryStrategy
  void sum_reversedRange_throws(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      for (long[] range : new long[][] {{7, -3}, {1, 0}, {Long.MAX_VALUE, Long.MIN_VALUE}}) {
        long start = range[0];
        long end = range[1];
        String message = "start (" + start + ") must be <= end (" + end + ")";
        assertAll(
            "[" + start + ", " + end + ")",
            () -> assertMessage(message, () -> summer.sum(start, end)),
            () -> assertMessage(message, () -> summer.sum(start, end, i -> i)),
            () -> assertMessage(message, () -> summer.sumExact(start, end)),
            () -> assertMessage(message, () -> summer.sumExact(start, end, i -> i)),
            () -> assertMessage(message, () -> summer.sumDouble(start, end, i -> i)),
            () -> assertMessage(message, () -> summer.sumAsync(start, end)),
            () -> assertMessage(message, () -> summer.sumAsync(start, end, i -> i)));
      }
    }
  }

  private static void assertMessage(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE, RangeSummer.MAX_THREADS + 1, Integer.MAX_VALUE})
  void threaded_workersOutOfRange_throws(int workers) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RangeSummer.threaded(workers));
    assertTrue(
        e.getMessage().contains("(" + workers + ")"), () -> "names the value: " + e.getMessage());
  }

  @Test
  void threaded_maxThreads_isAcceptedAndStartsThreadsOnDemand() {
    try (RangeSummer summer = RangeSummer.threaded(RangeSummer.MAX_THREADS)) {
      assertEquals(4_950, summer.sum(0, 100));
    }
  }

  @EveryStrategy
  void nullArguments_throwNullPointerException(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      nullPointerTester().testAllPublicInstanceMethods(summer);
    }
  }

  @Test
  void factories_nullArguments_throwNullPointerException() {
    nullPointerTester().testAllPublicStaticMethods(RangeSummer.class);
  }

  @EveryStrategy
  void nullArguments_messagesNameTheParameter(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      Duration second = Duration.ofSeconds(1);
      assertAll(
          () -> assertNpe("term", () -> summer.sum(0, 1, null)),
          () -> assertNpe("term", () -> summer.sumExact(0, 1, null)),
          () -> assertNpe("term", () -> summer.sumDouble(0, 1, null)),
          () -> assertNpe("term", () -> summer.sumAsync(0, 1, null)),
          () -> assertNpe("timeout", () -> summer.withTimeout(null)),
          () -> assertNpe("listener", () -> summer.withProgress(null)),
          () -> assertNpe("listener", () -> summer.withProgress(null, second)),
          () -> assertNpe("interval", () -> summer.withProgress((done, total) -> {}, null)),
          () -> assertNpe("pool", () -> RangeSummer.forkJoin(null)));
    }
  }

  private static void assertNpe(String parameter, Executable call) {
    assertEquals(parameter, assertThrows(NullPointerException.class, call).getMessage());
  }

  @EveryStrategy
  void withOptions_nonPositive_throws(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      ProgressListener listener = (done, total) -> {};
      assertAll(
          () -> assertNamesValue("PT0S", () -> summer.withTimeout(Duration.ZERO)),
          () -> assertNamesValue("PT-0.001S", () -> summer.withTimeout(Duration.ofMillis(-1))),
          () -> assertNamesValue("PT0S", () -> summer.withProgress(listener, Duration.ZERO)),
          () ->
              assertNamesValue(
                  "PT-1S", () -> summer.withProgress(listener, Duration.ofSeconds(-1))),
          () -> assertNamesValue("(0)", () -> summer.withMinChunkSize(0)),
          () -> assertNamesValue("(-1)", () -> summer.withMinChunkSize(-1)),
          () ->
              assertNamesValue(
                  "(" + Long.MIN_VALUE + ")", () -> summer.withMinChunkSize(Long.MIN_VALUE)));
    }
  }

  private static void assertNamesValue(String value, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(value), () -> "names " + value + ": " + e.getMessage());
  }

  @EveryStrategy
  void close_twice_isIdempotent(Strategy strategy) {
    RangeSummer summer = strategy.get();
    assertEquals(4_950, summer.sum(0, 100));
    summer.close();
    summer.close();
    assertThrows(IllegalStateException.class, () -> summer.sum(0, 100));
  }

  @EveryStrategy
  void calls_afterClose_throwIllegalStateException(Strategy strategy) {
    RangeSummer summer = strategy.get();
    summer.close();
    assertAll(
        () -> assertThrows(IllegalStateException.class, () -> summer.sum(0, 100)),
        () -> assertThrows(IllegalStateException.class, () -> summer.sum(0, 0)),
        () -> assertThrows(IllegalStateException.class, () -> summer.sum(0, 1L << 40)),
        () -> assertThrows(IllegalStateException.class, () -> summer.sum(0, 100, i -> i)),
        () -> assertThrows(IllegalStateException.class, () -> summer.sumExact(0, 100)),
        () -> assertThrows(IllegalStateException.class, () -> summer.sumExact(0, 100, i -> i)),
        () -> assertThrows(IllegalStateException.class, () -> summer.sumDouble(0, 100, i -> i)),
        () -> assertThrows(IllegalStateException.class, () -> summer.sumAsync(0, 100)),
        () -> assertThrows(IllegalStateException.class, () -> summer.sumAsync(0, 0)),
        () -> assertThrows(IllegalStateException.class, () -> summer.sumAsync(0, 100, i -> i)));
  }

  @EveryStrategy
  void close_ofDerivedSummer_closesItsOrigin(Strategy strategy) {
    RangeSummer origin = strategy.get();
    RangeSummer derived = origin.withTimeout(Duration.ofMinutes(1)).withMinChunkSize(10);
    derived.close();
    assertThrows(IllegalStateException.class, () -> origin.sum(0, 100));
    assertThrows(
        IllegalStateException.class,
        () -> origin.withProgress((done, total) -> {}).sum(0, 100));
    origin.close();
  }
}
