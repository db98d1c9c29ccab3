/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SumCommandTest {

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "threaded", "forkJoin", "multiProcess"})
  void sum_eachStrategy_printsOnlyTheSum(String strategy) {
    Cli.Run run =
        strategy.equals("sequential")
            ? Cli.run("sum", "0", "1000000", "--strategy", strategy)
            : Cli.run("sum", "0", "1000000", "--strategy", strategy, "--workers", "2");

    assertEquals(0, run.code(), run.err());
    assertEquals("499999500000\n", run.out());
    assertEquals("", run.err(), "no progress bar when standard error is not a terminal");
  }

  @Test
  void sum_defaultStrategy_printsOnlyTheSum() {
    Cli.Run run = Cli.run("sum", "1", "101");

    assertEquals(0, run.code(), run.err());
    assertEquals("5050\n", run.out());
    assertEquals("", run.err());
  }

  @Test
  void sum_beyondLong_printsExactBigSum() {
    long start = Long.MAX_VALUE - 1_000_000;
    Cli.Run run = Cli.run("sum", Long.toString(start), Long.toString(Long.MAX_VALUE));

    BigInteger expected =
        LongStream.range(start, Long.MAX_VALUE)
            .mapToObj(BigInteger::valueOf)
            .reduce(BigInteger.ZERO, BigInteger::add);
    assertEquals(1, expected.compareTo(BigInteger.valueOf(Long.MAX_VALUE)));
    assertEquals(0, run.code(), run.err());
    assertEquals(expected + "\n", run.out());
  }

  @Test
  void sum_negativeBounds_areNumbersNotOptions() {
    Cli.Run run = Cli.run("sum", "-10", "-5");

    assertEquals(0, run.code(), run.err());
    assertEquals("-40\n", run.out());
  }

  @Test
  void sum_underscoresBetweenDigits_areAccepted() {
    Cli.Run run = Cli.run("sum", "0", "1_000");

    assertEquals(0, run.code(), run.err());
    assertEquals("499500\n", run.out());
  }

  @Test
  void sum_emptyRange_printsZero() {
    Cli.Run run = Cli.run("sum", "7", "7");

    assertEquals(0, run.code(), run.err());
    assertEquals("0\n", run.out());
  }

  @Test
  void sum_noProgress_printsNothingOnStderr() {
    Cli.Run run = Cli.run("sum", "0", "100", "--no-progress");

    assertEquals("4950\n", run.out());
    assertEquals("", run.err());
  }

  @Test
  void sum_reversedRange_isUsageError() {
    Cli.Run run = Cli.run("sum", "5", "3");

    run.assertUsageError("start (5) must be <= end (3)");
  }

  @Test
  void sum_nonNumericBound_isUsageError() {
    Cli.Run run = Cli.run("sum", "0", "ten");

    run.assertUsageError(
        "Invalid value for positional parameter at index 1 (END): 'ten' is not an integer");
  }

  @Test
  void sum_boundBeyondLong_isUsageError() {
    Cli.Run run = Cli.run("sum", "0", "9223372036854775808");

    run.assertUsageError(
        "Invalid value for positional parameter at index 1 (END): '9223372036854775808' is"
            + " outside the long range [-9223372036854775808, 9223372036854775807]");
  }

  @Test
  void sum_missingBound_isUsageError() {
    Cli.Run run = Cli.run("sum", "0");

    run.assertUsageError("Missing required parameter: 'END'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"threaded", "forkJoin", "multiProcess"})
  void sum_zeroWorkers_isUsageError_namingTheStrategysBound(String strategy) {
    Strategy chosen = new Args.StrategyConverter().convert(strategy);
    Cli.run("sum", "0", "10", "--strategy", strategy, "--workers", "0")
        .assertUsageError(
            "workers (0) must be between 1 and "
                + chosen.maxWorkers()
                + ", as "
                + chosen.workersBound());
  }

  @Test
  void sum_moreWorkersThanTheStrategyTakes_isUsageError() {
    Cli.run("sum", "0", "10", "--strategy", "threaded", "--workers", "32768")
        .assertUsageError(
            "workers (32768) must be between 1 and 32767, as threaded takes at most 32767"
                + " threads");
    Cli.run("sum", "0", "10", "--strategy", "multiProcess", "--workers", "257")
        .assertUsageError(
            "workers (257) must be between 1 and 256, as multiProcess takes at most 256 worker"
                + " JVMs");
  }

  @Test
  void sum_workersWithSequential_isUsageError() {
    Cli.Run run = Cli.run("sum", "0", "10", "--strategy", "sequential", "--workers", "4");

    run.assertUsageError("--workers (4) does not apply to sequential");
  }

  @Test
  void sum_unknownStrategy_isUsageError() {
    Cli.Run run = Cli.run("sum", "0", "10", "--strategy", "gpu");

    run.assertUsageError(
        "Invalid value for option '--strategy': 'gpu' is not one of sequential, threaded,"
            + " forkJoin, multiProcess or distributed");
  }
}
