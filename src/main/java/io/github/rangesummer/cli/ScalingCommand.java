/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scaling}: speed-up against the number of workers, as a table and a chart. */
@Command(
    name = "scaling",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "For 1 to N workers, times threaded, forkJoin and multiProcess beside sequential over"
          + " [START, END), and prints each one's speed-up against sequential; with --chart, also"
          + " draws it, with the ideal line, as a PNG or SVG chart.",
      "Each worker count is a separate race: warm-up runs, then timed rounds, medians."
    })
final class ScalingCommand implements Callable<Integer> {

  static final Strategy[] PARALLEL =
      Arrays.stream(Strategy.values()).filter(Strategy::scalesLocally).toArray(Strategy[]::new);

  @Spec private CommandSpec spec;

  @Mixin private Args.Range range;

  @Option(
      names = "--max-workers",
      paramLabel = "N",
      description = "Largest worker count. Default: the available processors, ${DEFAULT-VALUE}.")
  private int maxWorkers = Runtime.getRuntime().availableProcessors();

  @Mixin private Args.Timing timing;

  @Option(
      names = "--chart",
      paramLabel = "FILE",
      description = "Also draw the chart, as PNG or SVG by the file's extension (.png, .svg).")
  private Path chart;

  @Mixin private ProgressOption progress;

  /** Speed-ups at one worker count, in the order of {@link #PARALLEL}. */
  record Point(int workers, long sequentialNanos, double[] speedups) {}

  @Override
  public Integer call() throws IOException {
    Args.checkRange(spec, range.start, range.end);
    Strategy.boundingLocalWorkers().checkWorkers(spec, "max-workers", maxWorkers);
    timing.check(spec);
    SpeedupChart.Format chartFormat = chart == null ? null : SpeedupChart.format(spec, chart);

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int contenders = 1 + PARALLEL.length;
    List<Point> points = new ArrayList<>();
    try (ProgressBar bar =
        progress.bar(err, maxWorkers * Race.steps(contenders, timing.warmup, timing.repeat))) {
      for (int workers = 1; workers <= maxWorkers; workers++) {
        points.add(measure(workers, bar));
      }
    }

    out.printf(
        Locale.ROOT,
        "Speed-up against sequential over [%d, %d), sequential timed beside each row;%n"
            + "median of %d timed runs after %d warm-up runs each; %d available processors.%n%n",
        range.start,
        range.end,
        timing.repeat,
        timing.warmup,
        Runtime.getRuntime().availableProcessors());
    String[] header = new String[PARALLEL.length + 3];
    boolean[] right = new boolean[header.length];
    header[0] = "workers";
    header[1] = "sequential";
    for (int s = 0; s < PARALLEL.length; s++) {
      header[s + 2] = PARALLEL[s].toString();
    }
    header[header.length - 1] = "ideal";
    Arrays.fill(right, true);
    TextTable table = new TextTable(header, right);
    for (Point point : points) {
      String[] row = new String[header.length];
      row[0] = Integer.toString(point.workers());
      row[1] = Race.duration(point.sequentialNanos());
      for (int s = 0; s < PARALLEL.length; s++) {
        row[s + 2] = String.format(Locale.ROOT, "%.2fx", point.speedups()[s]);
      }
      row[row.length - 1] = String.format(Locale.ROOT, "%.2fx", (double) point.workers());
      table.add(row);
    }
    table.print(out);
    out.println();
    out.println("forkJoin: a pool of N threads, and the calling thread helps.");
    if (chart != null) {
      SpeedupChart.write(chart, chartFormat, range.start, range.end, points);
      out.println("Chart written to " + chart + ".");
    }
    out.flush();
    return 0;
  }

  private Point measure(int workers, ProgressBar bar) {
    List<Contender> contenders = new ArrayList<>();
    List<Race.Result> results;
    try {
      contenders.add(Contender.of(Strategy.SEQUENTIAL, 1, bar));
      for (Strategy strategy : PARALLEL) {
        contenders.add(Contender.of(strategy, workers, bar));
      }
      results = Race.run(contenders, range.start, range.end, timing.warmup, timing.repeat, bar);
    } finally {
      contenders.forEach(Contender::close);
    }
    BigInteger expected = Race.closedForm(range.start, range.end);
    for (Race.Result result : results) {
      String check = Race.check(result, expected);
      if (!check.equals("ok")) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "%s with %d workers: %s, %s instead of %s",
                result.name(),
                result.workers(),
                check,
                result.value(),
                expected));
      }
    }
    long sequential = results.get(0).medianNanos();
    double[] speedups = new double[PARALLEL.length];
    for (int s = 0; s < PARALLEL.length; s++) {
      speedups[s] = (double) sequential / results.get(s + 1).medianNanos();
    }
    return new Point(workers, sequential, speedups);
  }
}
