/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

/** Hand-written loops that several benchmarks compare the library with. */
final class Baselines {

  private Baselines() {}

  /**
   * The sum of {@code [0, n)} with eight independent accumulators: the library's fast path by
   * hand, without blocks, checkpoints or exactness. The pace the hardware allows one core.
   */
  static long eightLanes(long n) {
    long limit = n;
    long s0 = 0;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    long s4 = 0;
    long s5 = 0;
    long s6 = 0;
    long s7 = 0;
    long i = 0;
    for (long unrolled = limit & ~7L; i < unrolled; i += 8) {
      s0 += i;
      s1 += i + 1;
      s2 += i + 2;
      s3 += i + 3;
      s4 += i + 4;
      s5 += i + 5;
      s6 += i + 6;
      s7 += i + 7;
    }
    for (; i < limit; i++) {
      s0 += i;
    }
    return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
  }
}
