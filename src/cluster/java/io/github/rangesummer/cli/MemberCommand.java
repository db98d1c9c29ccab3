/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code member}: a Hazelcast member in this JVM, whose class path already holds the library. */
@Command(
    name = "member",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a cluster member in this JVM until it is stopped (Ctrl-C), for sum --cluster and"
          + " compare --cluster. Terms of your own need their classes on this JVM's class path"
          + " and their packages in --allow.",
      "Defaults are hermetic: it listens on 127.0.0.1 only, joins the listed members over"
          + " TCP/IP, no multicast, no phone-home.",
      "It deserializes only the classes of range-summer, of Hazelcast and of the --allow"
          + " packages, the JDK's exceptions, and the few java.lang classes that lambdas and boxed"
          + " values are made of: a task or term of any other class is refused before it is read,"
          + " and the member names the class on standard error. That is a filter, not"
          + " authentication: whoever reaches the port can still run range-summer's tasks and"
          + " the code of the allowed classes, so keep members on a trusted network.",
      "Prints a line when it is ready, and when a member joins or leaves the cluster."
    })
final class MemberCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "The port to listen on; 0 for one the system chooses. Default: ${DEFAULT-VALUE}.")
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
      description =
          "The address to listen on, the only one, and that other members and clients reach."
              + " Default: ${DEFAULT-VALUE}.")
  String networkInterface = "127.0.0.1";

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "The cluster's name. Default: ${DEFAULT-VALUE}.")
  String clusterName = ClusterOption.DEFAULT_NAME;

  @Option(
      names = "--allow",
      paramLabel = "PACKAGE",
      split = ",",
      description =
          "Also deserialize the classes of these packages and their subpackages, such as"
              + " com.example.terms: those of your terms, what they hold, and your own tasks."
              + " Default: none.")
  List<String> allow = List.of();

  @Option(
      names = "--until-input-ends",
      hidden = true,
      description = "Stop when standard input ends: for members that compare starts.")
  boolean untilInputEnds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Args.checkBetween(spec, "port", port, 0, 65_535);
    AllowList allowed;
    try {
      allowed = AllowList.of(allow);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    installJvmFilter(allowed);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config(allowed));
    PrintWriter out = spec.commandLine().getOut();
    Address address = member.getCluster().getLocalMember().getAddress();
    out.printf(
        "Member %s:%d of cluster '%s' %s%n",
        address.getHost(),
        address.getPort(),
        clusterName,
        LocalMembers.READY);
    out.flush();
    member.getCluster().addMembershipListener(new Changes(out));
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

  /**
   * Sets this JVM's filter, under which the library reads the terms inside tasks; tells on
   * standard error which class it refused, since the client's exception does not name it.
   */
  private void installJvmFilter(AllowList allowed) {
    if (ObjectInputFilter.Config.getSerialFilter() != null
        || System.getProperty("jdk.serialFilterFactory") != null) {
      throw new ParameterException(
          spec.commandLine(),
          "this JVM already has a deserialization filter (jdk.serialFilter or"
              + " jdk.serialFilterFactory); member sets its own: name packages with --allow");
    }
    PrintWriter err = spec.commandLine().getErr();
    ObjectInputFilter.Config.setSerialFilter(
        allowed.jvmFilter(
            name -> {
              err.println(
                  "Refused to deserialize "
                      + name
                      + ": not in range-summer's packages or --allow.");
              err.flush();
            }));
  }

  private Config config(AllowList allowed) {
    System.setProperty("hazelcast.logging.type", "none");
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.socket.bind.any", "false"); // only the interface below
    config.getJetConfig().setEnabled(false);
    JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
    filter.setDefaultsDisabled(true); // they allow every class whose name starts with "java"
    filter.getWhitelist().addPrefixes(allowed.prefixes().toArray(String[]::new));
    config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
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
    if (port != 0) {
      joining.getTcpIpConfig().addMember(networkInterface + ":" + port);
    }
    for (String address : join) {
      joining.getTcpIpConfig().addMember(address);
    }
    return config;
  }

  /** Prints each member that joins or leaves, and how many the cluster has then. */
  private final class Changes implements MembershipListener {
    private final PrintWriter out;

    Changes(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void memberAdded(MembershipEvent event) {
      print(event, "joined");
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      print(event, "left");
    }

    private void print(MembershipEvent event, String what) {
      Address address = event.getMember().getAddress();
      int members = event.getMembers().size();
      out.printf(
          "Member %s:%d %s cluster '%s': %d %s.%n",
          address.getHost(),
          address.getPort(),
          what,
          clusterName,
          members,
          members == 1 ? "member" : "members");
      out.flush();
    }
  }
}
