/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The tool's cluster support on Hazelcast: a client for {@code --cluster}, and the {@code member}
 * command. Compiled from {@code src/cluster/java} into the shaded tool jar only; {@link
 * ClusterSupport#load()} finds it by name.
 *
 * <p>The client gives up on a cluster it cannot reach after {@code --cluster-timeout} ({@link
 * #REACH_SECONDS} by default), where Hazelcast's defaults would try forever (its cluster connect
 * timeout) or retry each task for 120 s (its invocation timeout), and says so in the user's terms.
 */
final class HazelcastSupport implements ClusterSupport {

  /**
   * {@code hazelcast.client.heartbeat.interval}: a connection idle this long is pinged, in
   * milliseconds; 5,000 by default.
   */
  static final int HEARTBEAT_INTERVAL_MILLIS = 2_000;

  /**
   * The least {@code hazelcast.client.heartbeat.timeout}, in milliseconds, whatever {@code
   * --cluster-timeout} says: well above a member's garbage collection pauses and the heartbeat
   * interval.
   */
  static final int MIN_HEARTBEAT_TIMEOUT_MILLIS = 5_000;

  /** Created by {@link ClusterSupport#load()}. */
  HazelcastSupport() {}

  @Override
  public Connection connect(List<String> addresses, String clusterName, int reachSeconds) {
    if (reachSeconds < 1 || reachSeconds > MAX_REACH_SECONDS) {
      throw new IllegalArgumentException(
          "reachSeconds (" + reachSeconds + ") must be between 1 and " + MAX_REACH_SECONDS);
    }
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    // How long the client retries a task it cannot place (no connection, a partition without an
    // owner); 120 s by default. The limit applies only to retries, never to a task that runs: a
    // chunk may compute for hours.
    config.setProperty(
        "hazelcast.client.invocation.timeout.seconds", Integer.toString(reachSeconds));
    config.setProperty(
        "hazelcast.client.heartbeat.interval", Integer.toString(HEARTBEAT_INTERVAL_MILLIS));
    // A connection silent this long is closed; 60 s by default. Hazelcast also waits this long for
    // an address that accepts a connection to answer as a member.
    config.setProperty(
        "hazelcast.client.heartbeat.timeout",
        Long.toString(Math.max(MIN_HEARTBEAT_TIMEOUT_MILLIS, reachSeconds * 1_000L)));
    ClientConnectionStrategyConfig connecting = config.getConnectionStrategyConfig();
    // ON: while it reconnects, tasks wait, so a member back within reachSeconds saves the sum.
    connecting.setReconnectMode(ReconnectMode.ON);
    connecting
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(TimeUnit.SECONDS.toMillis(reachSeconds));
    config
        .getNetworkConfig()
        .setConnectionTimeout((int) TimeUnit.SECONDS.toMillis(CONNECT_ATTEMPT_SECONDS));
    for (String address : addresses) {
      config.getNetworkConfig().addAddress(address);
    }
    Watch watch = new Watch();
    config.addListenerConfig(new ListenerConfig(watch)); // its lifecycle events from the start
    long started = System.nanoTime();
    HazelcastInstance client;
    try {
      client = HazelcastClient.newHazelcastClient(config);
    } catch (IllegalStateException e) { // "Unable to connect to any cluster."
      throw new ClusterUnavailableException(
          String.format(
              Locale.ROOT,
              "could not reach any member of cluster '%s' at %s within %d s: is a member of that"
                  + " cluster name (--cluster-name) running there?",
              clusterName,
              String.join(", ", addresses),
              secondsSince(started)),
          e);
    }
    client.getCluster().addMembershipListener(watch);
    return new HazelcastConnection(client, clusterName, reachSeconds, watch);
  }

  @Override
  public Object memberCommand() {
    return new MemberCommand();
  }

  /** Whole seconds since {@code nanoTime}, at least 1, for messages. */
  private static long secondsSince(long nanoTime) {
    return Math.max(1, Math.round((System.nanoTime() - nanoTime) / 1e9));
  }

  private static String address(Member member) {
    Address address = member.getAddress();
    return address.getHost() + ":" + address.getPort();
  }

  /** A client's connection, which says in the user's terms when it has no member left. */
  private static final class HazelcastConnection implements Connection {
    private final HazelcastInstance client;
    private final String clusterName;
    private final int reachSeconds;
    private final Watch watch;

    HazelcastConnection(
        HazelcastInstance client, String clusterName, int reachSeconds, Watch watch) {
      this.client = client;
      this.clusterName = clusterName;
      this.reachSeconds = reachSeconds;
      this.watch = watch;
    }

    @Override
    public ExecutorService executor() {
      return client.getExecutorService(EXECUTOR);
    }

    @Override
    public int cores() {
      try {
        IExecutorService executor = client.getExecutorService(EXECUTOR);
        int cores = 0;
        for (Future<Integer> count : executor.submitToAllMembers(new Cores()).values()) {
          try {
            cores += count.get(30, TimeUnit.SECONDS);
          } catch (ExecutionException | TimeoutException e) {
            cores += 1; // a member that cannot answer still counts
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting the members' cores", e);
          }
        }
        return Math.max(1, cores);
      } catch (RuntimeException e) {
        throw explain(e);
      }
    }

    @Override
    public RuntimeException explain(RuntimeException failure) {
      long lostAt = watch.lostAt;
      boolean running = client.getLifecycleService().isRunning();
      if (lostAt == Watch.CONNECTED && running) {
        return failure;
      }
      List<String> last = watch.lastMembers;
      String whom =
          last.isEmpty()
              ? "every member"
              : last.size() == 1
                  ? "its last member, " + last.get(0)
                  : "its last members, " + String.join(", ", last);
      return new ClusterUnavailableException(
          String.format(
              Locale.ROOT,
              "no members left in cluster '%s': the client lost its connection to %s, and %s",
              clusterName,
              whom,
              running
                  ? "has reached none again for " + secondsSince(lostAt) + " s"
                  : "reached none again within " + reachSeconds + " s"),
          failure);
    }

    @Override
    public void close() {
      client.shutdown();
    }
  }

  /**
   * Follows the client: whether it is connected, since when it is not, and the members it knew
   * when it lost its connection to the last of them, for {@link HazelcastConnection#explain}.
   */
  private static final class Watch implements LifecycleListener, InitialMembershipListener {
    static final long CONNECTED = Long.MIN_VALUE;

    private final Map<UUID, String> members = new ConcurrentHashMap<>();

    /** {@code System.nanoTime()} when the client lost its last connection, or {@link #CONNECTED}. */
    volatile long lostAt = CONNECTED;

    /** The members the client knew when it lost its last connection. */
    volatile List<String> lastMembers = List.of();

    @Override
    public void stateChanged(LifecycleEvent event) {
      switch (event.getState()) {
        case CLIENT_DISCONNECTED -> {
          lastMembers = List.copyOf(new ArrayList<>(members.values()));
          lostAt = System.nanoTime();
        }
        case CLIENT_CONNECTED -> lostAt = CONNECTED;
        default -> {
          // starting, started, shutting down, shut down: explain asks the client itself
        }
      }
    }

    @Override
    public void init(InitialMembershipEvent event) {
      for (Member member : event.getMembers()) {
        members.put(member.getUuid(), address(member));
      }
    }

    @Override
    public void memberAdded(MembershipEvent event) {
      members.put(event.getMember().getUuid(), address(event.getMember()));
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      members.remove(event.getMember().getUuid());
    }
  }

  /** A member's available processors. */
  static final class Cores implements Callable<Integer>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer call() {
      return Runtime.getRuntime().availableProcessors();
    }
  }
}
