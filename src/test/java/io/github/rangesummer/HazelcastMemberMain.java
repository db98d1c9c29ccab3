/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import java.io.IOException;
import java.util.Arrays;

/**
 * A Hazelcast member in a JVM of its own, for {@link DistributedFaultTest}: prints {@code ready}
 * once it has joined, and halts when its standard input ends, so that it never outlives the test
 * JVM, however that ends.
 *
 * <p>Arguments: cluster name, port, the ports of every member separated by commas.
 */
public final class HazelcastMemberMain {

  private HazelcastMemberMain() {}

  /**
   * Runs the member.
   *
   * @param args cluster name, port, every member's port separated by commas
   * @throws IOException if standard input fails
   */
  public static void main(String[] args) throws IOException {
    int[] ports = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
    Config config = HazelcastMembers.memberConfig(args[0], Integer.parseInt(args[1]), ports);
    HazelcastMembers.fastFailureDetection(config);
    Hazelcast.newHazelcastInstance(config);
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to close our input, or to die
    }
    Runtime.getRuntime().halt(0);
  }
}
