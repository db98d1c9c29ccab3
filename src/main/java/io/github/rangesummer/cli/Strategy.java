/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import io.github.rangesummer.RangeSummer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The library's strategies, by the names of their factory methods: the project's one list of
 * them. The tool's commands, options and messages go through it, and so do the JMH benchmarks
 * ({@code bench.Strategies}) and the tests, whose contract list ({@code Strategies.ALL}) makes its
 * summers with {@link #summer} and is checked to hold every constant here. Adding a strategy is a
 * constant here, its case in {@link #summer}, and the summers the tests add around it.
 *
 * <p>Public for the tests and benchmarks; the package is not exported by the module.
 */
public enum Strategy {
  SEQUENTIAL("sequential", 1, "thread"),
  THREADED("threaded", RangeSummer.MAX_THREADS, "threads"),
  FORK_JOIN("forkJoin", RangeSummer.MAX_THREADS, "threads"),
  MULTI_PROCESS("multiProcess", RangeSummer.MAX_PROCESSES, "worker JVMs"),
  DISTRIBUTED("distributed", RangeSummer.MAX_PARALLELISM, "chunks in flight");

  private final String label;
  private final int maxWorkers;
  private final String workersAre;

  Strategy(String label, int maxWorkers, String workersAre) {
    this.label = label;
    this.maxWorkers = maxWorkers;
    this.workersAre = workersAre;
  }

  /**
   * Returns the strategy named {@code label}, as {@link #toString()} names it.
   *
   * @param label such as {@code threaded}
   * @return the strategy
   * @throws IllegalArgumentException naming every strategy, for an unknown label
   */
  public static Strategy of(String label) {
    for (Strategy strategy : values()) {
      if (strategy.label.equals(label)) {
        return strategy;
      }
    }
    throw new IllegalArgumentException("'" + label + "' is not one of " + names());
  }

  /**
   * Returns a new summer of this strategy, with {@code workers} threads, processes or chunks in
   * flight ({@code sequential} ignores it).
   *
   * @param workers the threads, processes or chunks in flight
   * @param executor for {@code distributed}, the executor it borrows; for {@code forkJoin}, a
   *     {@link ForkJoinPool} to borrow, or {@code null} for the common pool; else ignored
   * @return the summer, which the caller closes
   * @throws IllegalArgumentException if {@code distributed} has no executor
   */
  public RangeSummer summer(int workers, ExecutorService executor) {
    return switch (this) {
      case SEQUENTIAL -> RangeSummer.sequential();
      case THREADED -> RangeSummer.threaded(workers);
      case FORK_JOIN ->
          executor instanceof ForkJoinPool
              ? RangeSummer.forkJoin((ForkJoinPool) executor)
              : RangeSummer.forkJoin();
      case MULTI_PROCESS -> RangeSummer.multiProcess(workers);
      case DISTRIBUTED -> {
        if (executor == null) {
          throw new IllegalArgumentException("distributed needs an executor, such as a cluster's");
        }
        yield RangeSummer.distributed(executor, workers);
      }
    };
  }

  /** The most workers this strategy accepts. */
  public int maxWorkers() {
    return maxWorkers;
  }

  /** Why {@link #maxWorkers()} is the bound, for messages: {@code multiProcess takes at most ...}. */
  String workersBound() {
    return String.format(Locale.ROOT, "%s takes at most %d %s", label, maxWorkers, workersAre);
  }

  /**
   * Of the strategies that {@code compare} and {@code scaling} run with N workers on this
   * machine, the one that takes the fewest, whose bound is theirs.
   */
  static Strategy boundingLocalWorkers() {
    Strategy bounding = null;
    for (Strategy strategy : values()) {
      if (strategy.scalesLocally()
          && (bounding == null || strategy.maxWorkers < bounding.maxWorkers)) {
        bounding = strategy;
      }
    }
    return bounding;
  }

  /**
   * Throws a usage error unless {@code workers} is between 1 and this strategy's {@link
   * #maxWorkers()}, naming {@code option} and why the bound is what it is.
   */
  void checkWorkers(CommandSpec spec, String option, int workers) {
    Args.checkBetween(spec, option, workers, 1, maxWorkers, "as " + workersBound());
  }

  /** Whether this strategy always computes on one thread, whatever the worker count. */
  boolean singleWorker() {
    return this == SEQUENTIAL;
  }

  /** Whether the calling thread computes too, besides the workers (fork/join pools). */
  boolean callerHelps() {
    return this == FORK_JOIN;
  }

  /** Whether this strategy runs on a cluster, so only where one is given. */
  public boolean needsCluster() {
    return this == DISTRIBUTED;
  }

  /** Whether {@code scaling} measures it against worker counts on this machine. */
  boolean scalesLocally() {
    return !singleWorker() && !needsCluster();
  }

  /** The names of every strategy, for messages: {@code sequential, threaded, ... or x}. */
  static String names() {
    StringBuilder text = new StringBuilder();
    Strategy[] all = values();
    for (int i = 0; i < all.length; i++) {
      text.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i]);
    }
    return text.toString();
  }

  /** Every strategy's name, for picocli's {@code ${COMPLETION-CANDIDATES}} in help texts. */
  static final class Names extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Names() {
      for (Strategy strategy : values()) {
        add(strategy.toString());
      }
    }
  }

  /**
   * Returns a summer of this strategy with {@code workers} threads, processes or chunks in flight,
   * reporting to {@code bar} if it draws, and what it needs closed: {@code forkJoin} borrows a
   * {@code new ForkJoinPool(workers)} that the returned {@link Lease} shuts down; {@code
   * distributed} borrows the cluster's executor.
   *
   * @param cluster the cluster for {@code distributed}, else {@code null}
   * @throws IllegalStateException if this strategy needs a cluster and {@code cluster} is null
   */
  Lease open(int workers, ClusterSupport.Connection cluster, ProgressBar bar) {
    if (needsCluster() && cluster == null) {
      throw new IllegalStateException("distributed needs a cluster: --cluster HOST:PORT");
    }
    ForkJoinPool pool = this == FORK_JOIN ? new ForkJoinPool(workers) : null;
    RangeSummer summer = summer(workers, needsCluster() ? cluster.executor() : pool);
    return new Lease(summer, pool, needsCluster() ? cluster : null, bar);
  }

  @Override
  public String toString() {
    return label;
  }

  /**
   * A summer, reporting to the bar if it draws, and for {@code forkJoin} the pool it borrows;
   * closing releases both. On a cluster, a failure that comes from having no member left is
   * reported as such.
   */
  static final class Lease implements AutoCloseable {
    private final RangeSummer summer;
    private final RangeSummer reporting;
    private final ForkJoinPool pool;
    private final ClusterSupport.Connection cluster;

    private Lease(
        RangeSummer summer, ForkJoinPool pool, ClusterSupport.Connection cluster, ProgressBar bar) {
      this.summer = summer;
      this.reporting = bar.enabled() ? summer.withProgress(bar) : summer;
      this.pool = pool;
      this.cluster = cluster;
    }

    /**
     * The exact sum, with progress reported to the bar.
     *
     * @throws ClusterUnavailableException if the sum failed because no member is left
     */
    BigInteger sumExact(long start, long end) {
      try {
        return reporting.sumExact(start, end);
      } catch (RuntimeException e) {
        throw cluster == null ? e : cluster.explain(e);
      }
    }

    @Override
    public void close() {
      summer.close();
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }
}
