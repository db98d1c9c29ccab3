/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

/**
 * The times a job's attempts took, as a histogram of eight buckets per doubling, for their median
 * within 9 %: adding is constant time, and the median is read once per straggler check, not per
 * answer. Not thread-safe; the scheduler guards it.
 */
final class Durations {

  private static final int PER_DOUBLING = 8;
  private static final int BUCKETS = 64 * PER_DOUBLING;

  private final int[] counts = new int[BUCKETS];
  private int total;

  /** Adds one attempt's time, in nanoseconds. */
  void add(long nanos) {
    counts[bucket(Math.max(1, nanos))]++;
    total++;
  }

  /** Returns how many times were added. */
  int count() {
    return total;
  }

  /** Returns the median time, in nanoseconds, or -1 if none was added. */
  long median() {
    if (total == 0) {
      return -1;
    }
    int seen = 0;
    for (int bucket = 0; bucket < BUCKETS; bucket++) {
      seen += counts[bucket];
      if (2 * seen >= total) {
        return upper(bucket);
      }
    }
    throw new AssertionError("the counts add up to the total");
  }

  /** The bucket of {@code nanos}: the doubling, then an eighth of it. */
  private static int bucket(long nanos) {
    int doubling = 63 - Long.numberOfLeadingZeros(nanos);
    int eighth =
        doubling < 3
            ? 0
            : (int) ((nanos >>> (doubling - 3)) & (PER_DOUBLING - 1));
    return doubling * PER_DOUBLING + eighth;
  }

  /** The largest time in {@code bucket}: the median is never read as shorter than it was. */
  private static long upper(int bucket) {
    int doubling = bucket / PER_DOUBLING;
    int eighth = bucket % PER_DOUBLING;
    if (doubling < 3) {
      return (2L << doubling) - 1;
    }
    long base = 1L << doubling;
    return base + ((eighth + 1L) << (doubling - 3)) - 1;
  }
}
