/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Hermetic Hazelcast configuration for the tests, and three embedded members shared by every test
 * in this JVM (start-up takes seconds): a unique cluster name, phone-home, Jet, multicast and
 * auto-detection off, logging off, and TCP/IP on 127.0.0.1 with each member listed on its own.
 * Ports come from 5901-5999, which no other test of this build uses; {@code
 * -Drangesummer.test.portBase=N} moves them to N+1 and up, so that two builds can run side by side.
 */
public final class HazelcastMembers {

  /** The executor every test uses, on every member. */
  public static final String EXECUTOR = "range-summer";

  /** The port below every port these tests use. */
  static final int PORT_BASE = Integer.getInteger("rangesummer.test.portBase", 5900);

  /** Ports of the three embedded members; the fault tests use {@link #FAULT_PORTS}. */
  static final int[] EMBEDDED_PORTS = {PORT_BASE + 1, PORT_BASE + 2, PORT_BASE + 3};

  /** Ports of the member JVMs of the fault tests. */
  static final int[] FAULT_PORTS = {PORT_BASE + 11, PORT_BASE + 12, PORT_BASE + 13};

  private static List<HazelcastInstance> embedded;

  private HazelcastMembers() {}

  /**
   * Returns the first of three embedded members, started on first use and shared by every test.
   *
   * @return a member of the embedded cluster
   */
  static synchronized HazelcastInstance embedded() {
    if (embedded == null) {
      String cluster = "range-summer-test-" + UUID.randomUUID();
      List<Future<HazelcastInstance>> starting = new ArrayList<>();
      for (int port : EMBEDDED_PORTS) {
        Config config = memberConfig(cluster, port, EMBEDDED_PORTS);
        starting.add(TestSupport.onNewThread("start member " + port, () -> start(config)));
      }
      List<HazelcastInstance> members = new ArrayList<>();
      try {
        for (Future<HazelcastInstance> member : starting) {
          members.add(member.get());
        }
      } catch (Exception e) {
        members.forEach(HazelcastInstance::shutdown);
        throw new IllegalStateException("cannot start the embedded members", e);
      }
      embedded = members;
    }
    return embedded.get(0);
  }

  /** Shuts the embedded members down, if they run; {@link #executor()} starts them again. */
  public static synchronized void shutdownEmbedded() {
    if (embedded != null) {
      embedded.forEach(HazelcastInstance::shutdown);
      embedded = null;
    }
  }

  private static HazelcastInstance start(Config config) {
    return Hazelcast.newHazelcastInstance(config);
  }

  /**
   * Returns the executor of the embedded members.
   *
   * @return the executor {@link #EXECUTOR} of the embedded members
   */
  public static ExecutorService executor() {
    return embedded().getExecutorService(EXECUTOR);
  }

  /**
   * Starts {@link HazelcastMemberMain} in a JVM of its own and waits until it has joined; it halts
   * when its standard input closes, so it never outlives this JVM.
   *
   * @param classPath the member's class path: range-summer, Hazelcast, the member main
   * @param cluster the cluster name
   * @param port the member's port on 127.0.0.1
   * @param ports every member's port
   * @return the member's process
   * @throws IOException if it cannot start or ends before it has joined
   */
  public static Process startJvm(String classPath, String cluster, int port, int[] ports)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    if (Runtime.version().feature() >= 23) {
      // as the pom's argLine for the test JVMs: Hazelcast's use of Unsafe, without the warning
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(
        List.of(
            "-cp",
            classPath,
            HazelcastMemberMain.class.getName(),
            cluster,
            Integer.toString(port),
            Arrays.stream(ports).mapToObj(Integer::toString).collect(Collectors.joining(","))));
    Process member =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
      if (line == null) {
        member.destroyForcibly();
        throw new IOException("the member on port " + port + " ended before it joined");
      }
    }
    return member;
  }

  /**
   * Heartbeats every second; a member silent for 5 s is removed and its tasks fail over.
   *
   * @param config a member's configuration
   * @return {@code config}
   */
  static Config fastFailureDetection(Config config) {
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    return config;
  }

  /**
   * A member on 127.0.0.1:{@code port} that joins {@code ports} over TCP/IP only.
   *
   * @param cluster the cluster name, unique per test run
   * @param port the member's port
   * @param ports every member's port, each listed on its own
   * @return the configuration
   */
  static Config memberConfig(String cluster, int port, int[] ports) {
    System.setProperty("hazelcast.logging.type", "none"); // also for loggers made before a config
    Config config = new Config();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");
    config.getJetConfig().setEnabled(false);
    config.getExecutorConfig(EXECUTOR).setPoolSize(4);
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    for (int member : ports) {
      join.getTcpIpConfig().addMember("127.0.0.1:" + member);
    }
    return config;
  }
}
