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
      completionCandidates = Strategy.Names.class,
      description =
          "${COMPLETION-CANDIDATES}. Default: threaded, or distributed with --cluster.")
  private Strategy strategy;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Threads or processes, at most "
              + RangeSummer.MAX_THREADS
              + " threads, "
              + RangeSummer.MAX_PROCESSES
              + " for multiProcess; with --cluster, chunks in flight (at most "
              + RangeSummer.MAX_PARALLELISM
              + "), by default the members' processors added up; not for sequential."
              + " Default: the available processors, ${DEFAULT-VALUE}.")
  private int workers = Runtime.getRuntime().availableProcessors();

  @Mixin private ProgressOption progress;

  @Mixin private ClusterOption cluster;

  @Override
  public Integer call() {
    Args.checkRange(spec, range.start, range.end);
    Strategy chosen =
        strategy != null ? strategy : cluster.given() ? Strategy.DISTRIBUTED : Strategy.THREADED;
    if (chosen.needsCluster() != cluster.given()) {
      throw new ParameterException(
          spec.commandLine(),
          chosen.needsCluster()
              ? chosen + " needs --cluster HOST:PORT,..."
              : "--cluster does not apply to " + chosen);
    }
    boolean workersGiven = spec.commandLine().getParseResult().hasMatchedOption("--workers");
    if (chosen.singleWorker() && workersGiven && workers != 1) {
      throw new ParameterException(
          spec.commandLine(), "--workers (" + workers + ") does not apply to " + chosen);
    }
    if (workersGiven) {
      chosen.checkWorkers(spec, "workers", workers); // before connecting to a cluster
    }
    cluster.checkTimeout(spec);
    try (ClusterSupport.Connection connection = cluster.given() ? cluster.connect(spec) : null) {
      return sum(chosen, connection, workersGiven);
    }
  }

  private int sum(Strategy chosen, ClusterSupport.Connection connection, boolean workersGiven) {
    int n;
    if (chosen.singleWorker()) {
      n = 1;
    } else if (connection != null && !workersGiven) {
      n = Math.min(connection.cores(), chosen.maxWorkers());
    } else {
      n = workers;
    }
    chosen.checkWorkers(spec, "workers", n);

    BigInteger sum;
    try (ProgressBar bar = progress.bar(spec.commandLine().getErr(), 1);
        Strategy.Lease lease = chosen.open(n, connection, bar)) {
      bar.beginStep(chosen + ", " + n + (n == 1 ? " worker" : " workers"));
      sum = lease.sumExact(range.start, range.end);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(sum);
    out.flush();
    return 0;
  }
}
