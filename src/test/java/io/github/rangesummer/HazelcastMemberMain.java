/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.util.Arrays;

/**
 * A Hazelcast member in a JVM of its own, for {@link MemberJvm}: prints {@code ready HOST:PORT},
 * the address it was given, once it has joined, and halts when its standard input ends, so that
 * it never outlives the JVM that started it, however that ends.
 *
 * <p>Arguments: the cluster name, then the {@code HOST:PORT} addresses of members already up
 * (none for the first member).
 */
public final class HazelcastMemberMain {

  /** What the member prints before its address once it has joined. */
  static final String READY = "ready ";

  private HazelcastMemberMain() {}

  /**
   * Runs the member.
   *
   * @param args the cluster name, then the addresses of members already up
   * @throws IOException if standard input fails
   */
  public static void main(String[] args) throws IOException {
    Config config =
        HazelcastMembers.memberConfig(args[0], Arrays.asList(args).subList(1, args.length));
    boolean defaults = "default".equals(System.getProperty("rangesummer.test.heartbeats"));
    HazelcastInstance member =
        Hazelcast.newHazelcastInstance(
            defaults ? config : HazelcastMembers.fastFailureDetection(config));
    System.out.println(READY + HazelcastMembers.address(member));
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to close our input, or to die
    }
    Runtime.getRuntime().halt(0);
  }
}
