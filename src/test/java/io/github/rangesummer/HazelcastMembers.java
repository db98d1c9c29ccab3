/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Hermetic Hazelcast configuration for the tests, and three embedded members shared by every test
 * in this JVM (start-up takes seconds): a unique cluster name, phone-home, Jet, multicast and
 * auto-detection off, logging off, and TCP/IP on 127.0.0.1.
 *
 * <p>No port is fixed. Each member binds a port that the operating system chooses (port 0) and
 * joins the addresses of members already up, read from them once they are ({@link #address}); so
 * builds side by side on one machine never meet on a port, and a member never waits for one.
 */
public final class HazelcastMembers {

  /** An executor of two threads and a queue of one task, on every member. */
  static final String TIGHT_EXECUTOR = "range-summer-tight";

  /** The executor every test uses, on every member. */
  public static final String EXECUTOR = "range-summer";

  private static List<HazelcastInstance> embedded;

  private HazelcastMembers() {}

  /**
   * Returns the first of three embedded members, started on first use and shared by every test:
   * the first alone, then the other two, which join it.
   *
   * @return a member of the embedded cluster
   */
  static synchronized HazelcastInstance embedded() {
    if (embedded == null) {
      String cluster = "range-summer-test-" + UUID.randomUUID();
      List<HazelcastInstance> members = new ArrayList<>();
      try {
        members.add(start(memberConfig(cluster, List.of())));
        List<String> first = List.of(address(members.get(0)));
        List<CompletableFuture<HazelcastInstance>> joining = new ArrayList<>();
        for (int member = 2; member <= 3; member++) {
          Config config = memberConfig(cluster, first);
          joining.add(TestSupport.onNewThread("start member " + member, () -> start(config)));
        }
        try {
          CompletableFuture.allOf(joining.toArray(CompletableFuture<?>[]::new)).join();
        } finally {
          for (CompletableFuture<HazelcastInstance> member : joining) {
            if (!member.isCompletedExceptionally()) {
              members.add(member.join()); // to be shut down below if another failed
            }
          }
        }
      } catch (RuntimeException e) {
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
   * Returns the address a running member listens on, the port it was given included.
   *
   * @param member a running member
   * @return {@code host:port}, as {@link #memberConfig} and a client's configuration take it
   */
  static String address(HazelcastInstance member) {
    Address address = member.getCluster().getLocalMember().getAddress();
    return address.getHost() + ":" + address.getPort();
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
   * A member on 127.0.0.1, on a port the operating system chooses, that joins {@code members}
   * over TCP/IP only.
   *
   * @param cluster the cluster name, unique per test run
   * @param members the {@code host:port} addresses of members already up; none for the first
   * @return the configuration
   */
  static Config memberConfig(String cluster, List<String> members) {
    System.setProperty("hazelcast.logging.type", "none"); // also for loggers made before a config
    Config config = new Config();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");
    config.getJetConfig().setEnabled(false);
    config.getExecutorConfig(EXECUTOR).setPoolSize(4);
    // An executor that refuses work beyond one queued task, for the back-pressure tests.
    config.getExecutorConfig(TIGHT_EXECUTOR).setPoolSize(2).setQueueCapacity(1);
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(0).setPortAutoIncrement(false); // 0: a free port, chosen when it binds
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(members));
    return config;
  }
}
