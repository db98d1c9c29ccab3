/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.util.Arrays;

/**
 * Run by {@link WorkerOutputTest} in a JVM with a small heap: a term in a worker process writes
 * {@link #NOISE} bytes without a newline, then a line of last words, and the sum is printed.
 */
final class NoisyWorkerMain {

  static final int NOISE = 64 << 20;
  static final String LAST_WORDS = "last words after the noise";

  private NoisyWorkerMain() {}

  public static void main(String[] args) {
    try (RangeSummer summer = RangeSummer.multiProcess(1)) {
      long sum =
          summer.sum(0, 10, i -> {
            if (i == 0) {
              char[] megabyte = new char[1 << 20];
              Arrays.fill(megabyte, 'x');
              String noise = new String(megabyte);
              for (int k = 0; k < NOISE >> 20; k++) {
                System.out.print(noise);
              }
              System.out.println();
              System.out.println(LAST_WORDS);
            }
            return i;
          });
      System.out.println("sum=" + sum);
    }
  }
}
