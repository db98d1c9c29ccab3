/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.util.stream.Collectors;

/**
 * A parent JVM for tests that need one of their own: sums on {@code multiProcess(2)} with a
 * capturing lambda, prints the result and its workers' pids, and with {@code --hang} then waits to
 * be killed; with {@code --hang-in-sum} it prints its workers' pids while a sum that never ends
 * runs on them, to be killed mid-sum.
 */
public final class ChildHost {

  private ChildHost() {}

  /**
   * Runs the host.
   *
   * @param args {@code --hang} to wait forever after summing
   * @throws InterruptedException if interrupted while hanging
   */
  public static void main(String[] args) throws InterruptedException {
    long factor = 3;
    RangeSummer summer = RangeSummer.multiProcess(2);
    if (args.length > 0 && args[0].equals("--hang-in-sum")) {
      summer.sumAsync(0, Long.MAX_VALUE, i -> i & 1);
      while (ProcessHandle.current().children().count() < 2) {
        Thread.sleep(10);
      }
      Thread.sleep(500); // the workers compute by now
      System.out.println("pids=" + pids());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
    long sum = summer.sum(0, 1_000_000, i -> i * factor);
    System.out.println("sum=" + sum);
    System.out.println("pids=" + pids());
    System.out.flush();
    if (args.length > 0 && args[0].equals("--hang")) {
      Thread.sleep(Long.MAX_VALUE);
    }
    summer.close();
  }

  private static String pids() {
    return ProcessHandle.current()
        .descendants()
        .map(handle -> Long.toString(handle.pid()))
        .collect(Collectors.joining(","));
  }
}
