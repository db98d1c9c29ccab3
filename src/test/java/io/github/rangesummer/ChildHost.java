/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.util.stream.Collectors;

/**
 * A parent JVM for tests that need one of their own: sums on {@code multiProcess(2)} with a
 * capturing lambda, prints the result and its workers' pids, and with {@code --hang} then waits to
 * be killed.
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
    long sum = summer.sum(0, 1_000_000, i -> i * factor);
    String pids =
        ProcessHandle.current()
            .descendants()
            .map(handle -> Long.toString(handle.pid()))
            .collect(Collectors.joining(","));
    System.out.println("sum=" + sum);
    System.out.println("pids=" + pids);
    System.out.flush();
    if (args.length > 0 && args[0].equals("--hang")) {
      Thread.sleep(Long.MAX_VALUE);
    }
    summer.close();
  }
}
