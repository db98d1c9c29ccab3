/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The tool's cluster support on Hazelcast: a client for {@code --cluster}, and the {@code member}
 * command. Compiled from {@code src/cluster/java} into the shaded tool jar only; {@link
 * ClusterSupport#load()} finds it by name.
 */
final class HazelcastSupport implements ClusterSupport {

  /** Created by {@link ClusterSupport#load()}. */
  HazelcastSupport() {}

  @Override
  public Connection connect(List<String> addresses, String clusterName) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(
        30_000);
    for (String address : addresses) {
      config.getNetworkConfig().addAddress(address);
    }
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    return new Connection() {
      @Override
      public ExecutorService executor() {
        return client.getExecutorService(EXECUTOR);
      }

      @Override
      public int cores() {
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
      }

      @Override
      public void close() {
        client.shutdown();
      }
    };
  }

  @Override
  public Object memberCommand() {
    return new MemberCommand();
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
