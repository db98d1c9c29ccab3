/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import io.github.rangesummer.RangeSummer;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sum}: the exact sum, and nothing else, on standard output. */
@Command(
    name = "sum",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints the exact sum of the integers of [START, END), however large, and nothing else.",
      "Every element is added: a large range takes time (about 10^10 elements per second per"
          + " core)."
    })
final class SumCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private Args.Range range;

  @Option(
      names = "--strategy",
      paramLabel = "NAME",
      converter = Args.StrategyConverter.class,
      description = "sequential, threaded, forkJoin or multiProcess. Default: ${DEFAULT-VALUE}.")
  private Strategy strategy = Strategy.THREADED;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Threads or processes; not for sequential."
              + " Default: the available processors, ${DEFAULT-VALUE}.")
  private int workers = Runtime.getRuntime().availableProcessors();

  @Mixin private ProgressOption progress;

  @Override
  public Integer call() {
    Args.checkRange(spec, range.start, range.end);
    int n;
    if (strategy == Strategy.SEQUENTIAL) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--workers") && workers != 1) {
        throw new ParameterException(
            spec.commandLine(), "--workers (" + workers + ") does not apply to sequential");
      }
      n = 1;
    } else {
      n = workers;
      Args.checkBetween(spec, "workers", n, 1, strategy.maxWorkers());
    }

    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = progress.bar(err, 1);
    BigInteger sum;
    try (Strategy.Lease lease = strategy.open(n)) {
      RangeSummer summer = bar.enabled() ? lease.summer.withProgress(bar) : lease.summer;
      bar.beginStep(strategy + ", " + n + (n == 1 ? " worker" : " workers"));
      sum = summer.sumExact(range.start, range.end);
    } finally {
      bar.finish();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(sum);
    out.flush();
    return 0;
  }
}
