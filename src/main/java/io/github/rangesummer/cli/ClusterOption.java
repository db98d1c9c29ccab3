/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --cluster HOST:PORT,... --cluster-name NAME --cluster-timeout SECONDS}: sum on a cluster,
 * as its client.
 */
final class ClusterOption {

  /** The cluster name of {@code member} and of these options, unless told otherwise. */
  static final String DEFAULT_NAME = "range-summer";

  @Option(
      names = "--cluster",
      paramLabel = "HOST:PORT",
      split = ",",
      description =
          "Members of a cluster (started with the member command) to sum on, as a client,"
              + " with the distributed strategy.")
  List<String> addresses;

  @Option(
      names = "--cluster-name",
      paramLabel = "NAME",
      description = "The cluster's name. Default: ${DEFAULT-VALUE}.")
  String name = DEFAULT_NAME;

  @Option(
      names = "--cluster-timeout",
      paramLabel = "SECONDS",
      description =
          "How long the client tries to reach a member before it gives up, at the start and"
              + " after losing the last one, from 1 to "
              + ClusterSupport.MAX_REACH_SECONDS
              + ". Default: ${DEFAULT-VALUE}.")
  int reachSeconds = ClusterSupport.REACH_SECONDS;

  /** Whether {@code --cluster} was given. */
  boolean given() {
    return addresses != null && !addresses.isEmpty();
  }

  /**
   * Connects to the cluster given by the options.
   *
   * @throws ParameterException if this build of the tool has no cluster support
   * @throws ClusterUnavailableException if no member answered
   */
  ClusterSupport.Connection connect(CommandSpec spec) {
    return support(spec).connect(addresses, name, reachSeconds);
  }

  /**
   * Throws a usage error if {@code --cluster-timeout} is out of range, or was given without
   * {@code --cluster}; each command calls it before {@link #connect}.
   */
  void checkTimeout(CommandSpec spec) {
    if (!spec.commandLine().getParseResult().hasMatchedOption("--cluster-timeout")) {
      return;
    }
    if (!given()) {
      throw new ParameterException(
          spec.commandLine(), "--cluster-timeout applies only with --cluster");
    }
    Args.checkBetween(spec, "cluster-timeout", reachSeconds, 1, ClusterSupport.MAX_REACH_SECONDS);
  }

  /** The cluster support of this build, or a usage error saying it has none. */
  static ClusterSupport support(CommandSpec spec) {
    return ClusterSupport.load()
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "this build of range-summer has no cluster support: run the -cli.jar"));
  }
}
