/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import com.google.gson.stream.JsonWriter;
import io.github.rangesummer.RangeSummer;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code compare}: every strategy and two JDK baselines, side by side. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sums the integers of [START, END) with sequential, threaded, forkJoin and multiProcess, and"
          + " with two JDK baselines: a plain loop (jdkLoop) and"
          + " LongStream.range(START, END).parallel().sum() (jdkParallelStream).",
      "Checks each result against the closed form, and prints the median time of the timed runs"
          + " and the speed-up against sequential. The JDK baselines sum in a long, which wraps"
          + " around silently: their check then reads WRONG (wrapped).",
      "Exit status 1 if a strategy of the library gave a wrong sum."
    })
final class CompareCommand implements Callable<Integer> {

  /** The two JDK baselines, after the library's strategies. */
  private static final int BASELINES = 2;

  /** The most member JVMs {@code --members} starts. */
  private static final int MAX_MEMBERS = 16;

  @Spec private CommandSpec spec;

  @Mixin private Args.Range range;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description =
          "Threads or processes of threaded, forkJoin and multiProcess: at most "
              + RangeSummer.MAX_PROCESSES
              + ", the most worker JVMs of multiProcess."
              + " Default: the available processors, ${DEFAULT-VALUE}.")
  private int workers = Runtime.getRuntime().availableProcessors();

  @Mixin private Args.Timing timing;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = Args.FormatConverter.class,
      description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  private Args.Format format = Args.Format.TABLE;

  @Mixin private ProgressOption progress;

  @Mixin private ClusterOption cluster;

  @Option(
      names = "--members",
      paramLabel = "N",
      description =
          "Start N cluster members (1 to "
              + MAX_MEMBERS
              + ") in JVMs of their own on this machine, add a distributed row, and stop them"
              + " afterwards.")
  private int members;

  /** One line of the comparison. */
  private record Row(Race.Result result, String check, double speedup) {}

  @Override
  public Integer call() throws IOException {
    Args.checkRange(spec, range.start, range.end);
    Strategy.boundingLocalWorkers().checkWorkers(spec, "workers", workers);
    timing.check(spec);
    if (spec.commandLine().getParseResult().hasMatchedOption("--members")) {
      Args.checkBetween(
          spec,
          "members",
          members,
          1,
          MAX_MEMBERS,
          "the most member JVMs that compare starts on this machine");
      if (cluster.given()) {
        throw new ParameterException(
            spec.commandLine(), "--members and --cluster exclude each other");
      }
    }
    cluster.checkTimeout(spec);
    ClusterSupport support = members > 0 ? ClusterOption.support(spec) : null;
    try (LocalMembers local = members > 0 ? new LocalMembers(members) : null;
        ClusterSupport.Connection connection =
            local != null
                ? support.connect(
                    local.addresses(), local.clusterName(), ClusterSupport.REACH_SECONDS)
                : cluster.given() ? cluster.connect(spec) : null) {
      return compare(connection);
    }
  }

  private int compare(ClusterSupport.Connection connection) throws IOException {
    List<Strategy> strategies = new ArrayList<>();
    for (Strategy strategy : Strategy.values()) {
      if (!strategy.needsCluster() || connection != null) {
        strategies.add(strategy);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int steps = strategies.size() + BASELINES;
    List<Contender> contenders = new ArrayList<>();
    List<Race.Result> results;
    try (ProgressBar bar = progress.bar(err, Race.steps(steps, timing.warmup, timing.repeat))) {
      try {
        for (Strategy strategy : strategies) {
          int n =
              strategy.singleWorker() ? 1 : strategy.needsCluster() ? connection.cores() : workers;
          contenders.add(Contender.of(strategy, n, connection, bar));
        }
        contenders.add(Contender.jdkLoop());
        contenders.add(Contender.jdkParallelStream());
        results = Race.run(contenders, range.start, range.end, timing.warmup, timing.repeat, bar);
      } finally {
        contenders.forEach(Contender::close);
      }
    }

    BigInteger expected = Race.closedForm(range.start, range.end);
    long sequentialNanos = results.get(0).medianNanos();
    List<Row> rows = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      Race.Result result = results.get(i);
      String check = Race.check(result, expected);
      rows.add(new Row(result, check, (double) sequentialNanos / result.medianNanos()));
      if (!(contenders.get(i) instanceof Contender.Baseline) && !check.equals("ok")) {
        wrong.add(result.name());
      }
    }

    switch (format) {
      case TABLE -> printTable(out, expected, rows);
      case CSV -> printCsv(out, rows);
      case JSON -> printJson(out, expected, rows);
    }
    out.flush();
    if (!wrong.isEmpty()) {
      err.println("error: wrong sum from " + String.join(", ", wrong));
      err.flush();
      return 1;
    }
    return 0;
  }

  private void printTable(PrintWriter out, BigInteger expected, List<Row> rows) {
    out.printf(
        Locale.ROOT,
        "Sum of [%d, %d): %s integers, closed form %s.%n",
        range.start,
        range.end,
        elements(),
        expected);
    out.printf(
        Locale.ROOT,
        "Median of %d timed runs after %d warm-up runs each; %d available processors; Java %s.%n%n",
        timing.repeat,
        timing.warmup,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    TextTable table =
        new TextTable(
            new String[] {"strategy", "workers", "result", "check", "median", "speed-up"},
            new boolean[] {false, true, true, false, true, true});
    for (Row row : rows) {
      table.add(
          row.result().name(),
          row.result().workersLabel(),
          row.result().value().toString(),
          row.check(),
          Race.duration(row.result().medianNanos()),
          String.format(Locale.ROOT, "%.2fx", row.speedup()));
    }
    table.print(out);
    out.println();
    out.println("N+1: N workers, and the calling thread helps (fork/join pools).");
  }

  private static void printCsv(PrintWriter out, List<Row> rows) {
    out.println("strategy,workers,caller_helps,result,check,median_ns,speedup");
    for (Row row : rows) {
      out.println(
          String.join(
              ",",
              csv(row.result().name()),
              Integer.toString(row.result().workers()),
              Boolean.toString(row.result().callerHelps()),
              row.result().value().toString(),
              csv(row.check()),
              Long.toString(row.result().medianNanos()),
              String.format(Locale.ROOT, "%.3f", row.speedup())));
    }
  }

  /** A CSV field, quoted if it holds a comma, quote or line break (RFC 4180). */
  static String csv(String field) {
    if (field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
      return '"' + field.replace("\"", "\"\"") + '"';
    }
    return field;
  }

  private void printJson(PrintWriter out, BigInteger expected, List<Row> rows) throws IOException {
    JsonWriter json = new JsonWriter(out);
    json.setIndent("  ");
    json.beginObject();
    json.name("start").value(range.start);
    json.name("end").value(range.end);
    json.name("elements").value(elements());
    json.name("expected").value(expected);
    json.name("warmup").value(timing.warmup);
    json.name("repeat").value(timing.repeat);
    json.name("processors").value(Runtime.getRuntime().availableProcessors());
    json.name("java").value(System.getProperty("java.version"));
    json.name("results").beginArray();
    for (Row row : rows) {
      json.beginObject();
      json.name("strategy").value(row.result().name());
      json.name("workers").value(row.result().workers());
      json.name("caller_helps").value(row.result().callerHelps());
      json.name("result").value(row.result().value());
      json.name("check").value(row.check());
      json.name("correct").value(row.check().equals("ok"));
      json.name("median_ns").value(row.result().medianNanos());
      json.name("speedup").value(Math.round(row.speedup() * 1000) / 1000.0);
      json.endObject();
    }
    json.endArray();
    json.endObject();
    json.flush(); // not close(): that would close standard output
    out.println();
  }

  private BigInteger elements() {
    return BigInteger.valueOf(range.end).subtract(BigInteger.valueOf(range.start));
  }
}
