/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * What the tool needs from a cluster engine, without naming one: the shaded tool jar holds a
 * Hazelcast implementation, {@code HazelcastSupport}, compiled from {@code src/cluster/java}; the
 * library jar does not, and there the cluster options report that they are unavailable.
 */
interface ClusterSupport {

  /** The class that implements this interface in the tool jar. */
  String IMPLEMENTATION = "io.github.rangesummer.cli.HazelcastSupport";

  /** The executor that members run the tool's chunks on. */
  String EXECUTOR = "range-summer";

  /**
   * How long a client tries to reach a member before it gives up, in seconds, unless {@code
   * --cluster-timeout} says otherwise: at the start, and after it lost its connection to the last
   * one.
   */
  int REACH_SECONDS = 10;

  /** The most {@code --cluster-timeout} accepts, in seconds: a day. */
  int MAX_REACH_SECONDS = 86_400;

  /**
   * How long one connection attempt to an address that does not answer at all (a host that is
   * down, a firewall that drops packets) may take, in seconds; one that refuses fails at once.
   */
  int CONNECT_ATTEMPT_SECONDS = 5;

  /**
   * Connects to a cluster as a client.
   *
   * @param addresses members to connect to, as {@code HOST:PORT}
   * @param clusterName the cluster's name
   * @param reachSeconds how long to try to reach a member, at the start and after losing the
   *     last one, from 1 to {@link #MAX_REACH_SECONDS}
   * @return the connection; closing it disconnects
   * @throws ClusterUnavailableException if no member answered within {@code reachSeconds}
   */
  Connection connect(List<String> addresses, String clusterName, int reachSeconds);

  /** Returns the {@code member} command, a picocli command object. */
  Object memberCommand();

  /** A client's connection to a cluster. */
  interface Connection extends AutoCloseable {

    /** The members' executor {@link #EXECUTOR}. */
    ExecutorService executor();

    /**
     * The members' processors, added up: a sensible {@code parallelism}.
     *
     * @throws ClusterUnavailableException if no member is left
     */
    int cores();

    /**
     * What to throw for {@code failure}, a sum's on this cluster: a {@link
     * ClusterUnavailableException} that says so, its cause {@code failure}, if the client has no
     * member left; else {@code failure} itself.
     */
    RuntimeException explain(RuntimeException failure);

    /** Disconnects; the members keep running. */
    @Override
    void close();
  }

  /** Returns the implementation if this build of the tool has one. */
  static Optional<ClusterSupport> load() {
    try {
      Class<?> type = Class.forName(IMPLEMENTATION);
      return Optional.of((ClusterSupport) type.getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      return Optional.empty();
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalStateException("cannot load " + IMPLEMENTATION, cause);
    }
  }
}
