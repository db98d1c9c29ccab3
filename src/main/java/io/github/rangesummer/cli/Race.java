/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times contenders side by side over one range: {@code warmup} untimed runs of each (which also
 * start worker processes and let the JIT compile the loops), then {@code repeat} rounds in which
 * each contender runs once, timed; each reports the median of its timed runs. Interleaving the
 * rounds spreads drift in the machine's load over every contender alike.
 */
final class Race {

  /** A contender's result, median time and whether every run gave the same result. */
  record Result(
      String name,
      int workers,
      boolean callerHelps,
      BigInteger value,
      boolean stable,
      long medianNanos) {

    /** The workers, and {@code +1} if the calling thread helps: {@code 2+1}. */
    String workersLabel() {
      return callerHelps ? workers + "+1" : Integer.toString(workers);
    }
  }

  private Race() {}

  /** The number of progress steps {@link #run} takes. */
  static long steps(int contenders, int warmup, int repeat) {
    return (long) contenders * (warmup + repeat);
  }

  static List<Result> run(
      List<? extends Contender> contenders,
      long start,
      long end,
      int warmup,
      int repeat,
      ProgressBar bar) {
    int n = contenders.size();
    BigInteger[] values = new BigInteger[n];
    boolean[] stable = new boolean[n];
    Arrays.fill(stable, true);
    for (int c = 0; c < n; c++) {
      Contender contender = contenders.get(c);
      for (int w = 1; w <= warmup; w++) {
        bar.beginStep(label(contender, "warm-up", w, warmup));
        BigInteger value = contender.sum(start, end);
        stable[c] &= values[c] == null || values[c].equals(value);
        values[c] = value;
      }
    }
    long[][] nanos = new long[n][repeat];
    for (int r = 0; r < repeat; r++) {
      for (int c = 0; c < n; c++) {
        Contender contender = contenders.get(c);
        bar.beginStep(label(contender, "run", r + 1, repeat));
        long begin = System.nanoTime();
        BigInteger value = contender.sum(start, end);
        nanos[c][r] = System.nanoTime() - begin;
        stable[c] &= values[c] == null || values[c].equals(value);
        values[c] = value;
      }
    }
    List<Result> results = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      Contender contender = contenders.get(c);
      results.add(
          new Result(
              contender.name(),
              contender.workers(),
              contender.callerHelps(),
              values[c],
              stable[c],
              median(nanos[c])));
    }
    return results;
  }

  private static String label(Contender contender, String what, int i, int of) {
    return String.format(Locale.ROOT, "%s, %s %d of %d", contender.name(), what, i, of);
  }

  /** The median, the mean of the middle two for an even count; at least 1 ns. */
  static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    long median =
        sorted.length % 2 == 1
            ? sorted[mid]
            : sorted[mid - 1] + (sorted[mid] - sorted[mid - 1]) / 2;
    return Math.max(median, 1);
  }

  /** The sum of {@code [start, end)} in closed form: {@code n (start + end - 1) / 2}. */
  static BigInteger closedForm(long start, long end) {
    BigInteger first = BigInteger.valueOf(start);
    BigInteger n = BigInteger.valueOf(end).subtract(first);
    if (n.signum() == 0) {
      return BigInteger.ZERO;
    }
    return n.multiply(first.add(BigInteger.valueOf(end)).subtract(BigInteger.ONE)).shiftRight(1);
  }

  /**
   * {@code ok}, or why not: {@code WRONG (wrapped)} when a {@code long} wrapped around (the JDK
   * baselines do, silently), {@code WRONG (unstable)} when runs disagreed, else {@code WRONG}.
   */
  static String check(Result result, BigInteger expected) {
    if (!result.stable()) {
      return "WRONG (unstable)";
    }
    if (result.value().equals(expected)) {
      return "ok";
    }
    if (result.value().bitLength() < Long.SIZE
        && result.value().longValue() == expected.longValue()) {
      return "WRONG (wrapped)";
    }
    return "WRONG";
  }

  /** A duration for people: {@code 0.842 ms}, {@code 10.3 ms}, {@code 1.25 s}. */
  static String duration(long nanos) {
    double millis = nanos / 1e6;
    if (millis >= 1000) {
      return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }
    String format =
        millis >= 100 ? "%.0f ms" : millis >= 10 ? "%.1f ms" : millis >= 1 ? "%.2f ms" : "%.3f ms";
    return String.format(Locale.ROOT, format, millis);
  }
}
