/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code member}: a Hazelcast member in this JVM, whose class path already holds the library. */
@Command(
    name = "member",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a cluster member in this JVM until it is stopped (Ctrl-C), for sum --cluster and"
          + " compare --cluster. Terms of your own need their classes on this JVM's class path.",
      "Defaults are hermetic: loopback only, TCP/IP with the listed members, no multicast, no"
          + " phone-home. A member runs code that clients submit: keep it on a trusted network."
    })
final class MemberCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "Default: ${DEFAULT-VALUE}.")
  int port = 5701;

  @Option(
      names = "--join",
      paramLabel = "HOST:PORT",
      split = ",",
      description = "The other members to join, each as HOST:PORT. Default: none.")
  List<String> join = List.of();

  @Option(
      names = "--interface",
      paramLabel = "ADDRESS",
      description = "The network interface to bind to. Default: ${DEFAULT-VALUE}.")
  String networkInterface = "127.0.0.1";

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "The cluster's name. Default: ${DEFAULT-VALUE}.")
  String clusterName = ClusterOption.DEFAULT_NAME;

  @Option(
      names = "--until-input-ends",
      hidden = true,
      description = "Stop when standard input ends: for members that compare starts.")
  boolean untilInputEnds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Args.checkBetween(spec, "port", port, 1, 65_535);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "Member %s:%d of cluster '%s' %s%n",
        networkInterface, port, clusterName, LocalMembers.READY);
    out.flush();
    if (untilInputEnds) {
      while (System.in.read() >= 0) {
        // the parent closes our input to stop us, or dies
      }
      member.shutdown();
      return 0;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    member.getLifecycleService().addLifecycleListener(
        event -> {
          if (!member.getLifecycleService().isRunning()) {
            stopped.countDown();
          }
        });
    stopped.await();
    return 0;
  }

  private Config config() {
    System.setProperty("hazelcast.logging.type", "none");
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.getJetConfig().setEnabled(false);
    config
        .getExecutorConfig(ClusterSupport.EXECUTOR)
        .setPoolSize(Runtime.getRuntime().availableProcessors());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(networkInterface);
    JoinConfig joining = network.getJoin();
    joining.getMulticastConfig().setEnabled(false);
    joining.getAutoDetectionConfig().setEnabled(false);
    joining.getTcpIpConfig().setEnabled(true);
    joining.getTcpIpConfig().addMember(networkInterface + ":" + port);
    for (String address : join) {
      joining.getTcpIpConfig().addMember(address);
    }
    return config;
  }
}
