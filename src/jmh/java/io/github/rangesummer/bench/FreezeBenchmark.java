/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import io.github.rangesummer.HazelcastMembers;
import io.github.rangesummer.LongTerm;
import io.github.rangesummer.MemberJvm;
import io.github.rangesummer.RangeSummer;
import io.github.rangesummer.SubmitOnlyExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a frozen worker or member costs (issue 24): a sum of 6·10<sup>6</sup> elements of a term
 * of about 2 µs, on three member JVMs with Hazelcast's default heartbeats ({@code
 * where=distributed}, a client in this JVM calls, {@code distributed(executor, 6)}) or on {@code
 * multiProcess(3)} ({@code where=multiProcess}), once undisturbed and once with one member or
 * worker stopped with {@code SIGSTOP} when a quarter of the chunks are done. Bound: the frozen
 * sum within 2x the undisturbed time plus 2 s (goal 1.3x). Between runs, outside the
 * measurement, a stopped member is resumed and a killed worker replaced. Each run prints the
 * attempts it sent ({@code distributed}), for the cost of speculation.
 *
 * <pre>
 * mvn -B -Pbench test-compile exec:exec -Djmh.args="FreezeBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class FreezeBenchmark {

  private static final int MEMBERS = 3;
  private static final long N = 6_000_000;

  /** About two microseconds a call. */
  private static final LongTerm SLOW =
      i -> {
        long end = System.nanoTime() + 2_000;
        while (System.nanoTime() - end < 0) {
          Thread.onSpinWait();
        }
        return i;
      };

  @Param({"distributed", "multiProcess"})
  public String where;

  /**
   * {@code on}, or {@code off} for the summer made with {@code rangesummer.speculation=false}:
   * {@code -p speculation=on,off} measures what speculation costs, side by side in one run.
   */
  @Param({"on"})
  public String speculation;

  private final String cluster = "range-summer-bench-" + UUID.randomUUID();
  private final MemberJvm[] members = new MemberJvm[MEMBERS];
  private HazelcastInstance client;
  private Counting counting;
  private RangeSummer summer;
  private final List<Long> stopped = new ArrayList<>();

  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    if (!speculation.equals("on") && !speculation.equals("off")) {
      throw new IllegalArgumentException("speculation (" + speculation + ") must be on or off");
    }
    // read when a summer is created
    System.setProperty("rangesummer.speculation", Boolean.toString(speculation.equals("on")));
    if (where.equals("multiProcess")) {
      summer = RangeSummer.multiProcess(MEMBERS);
      return;
    }
    for (int slot = 0; slot < MEMBERS; slot++) {
      members[slot] =
          MemberJvm.start(
              System.getProperty("java.class.path"),
              cluster,
              addresses(),
              List.of("-Drangesummer.test.heartbeats=default"));
    }
    ClientConfig config = new ClientConfig();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.getNetworkConfig().setAddresses(addresses());
    client = HazelcastClient.newHazelcastClient(config);
    counting = new Counting(client.getExecutorService(HazelcastMembers.EXECUTOR));
    summer = RangeSummer.distributed(counting, 2 * MEMBERS);
  }

  private List<String> addresses() {
    return Arrays.stream(members)
        .filter(member -> member != null)
        .map(MemberJvm::address)
        .collect(Collectors.toList());
  }

  /** Resumes what the last run stopped, lets a killed worker go, and warms every place up. */
  @Setup(Level.Invocation)
  public void recover() throws Exception {
    for (long pid : stopped) {
      if (where.equals("distributed")) {
        signal("CONT", pid); // the member resumes, and its late results are ignored
      } else {
        // The frozen worker stays frozen until the summer kills it for its silence.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the frozen worker " + pid + " was never killed");
          }
          Thread.sleep(100);
        }
      }
    }
    stopped.clear();
    if (client != null) {
      rejoin();
    }
    // Three chunks of 50 ms at once: every worker is up and warm before the measured run.
    summer.withMinChunkSize(1).sum(0, 3, i -> {
      LockSupport.parkNanos(50_000_000);
      return i;
    });
    if (counting != null) {
      counting.submitted.set(0);
    }
  }

  /**
   * Makes sure all members are in the cluster again: a member that stayed stopped past its
   * heartbeat timeout has been dropped, and a resumed member does not rejoin for minutes (a split
   * brain's merge), so it is replaced by a new one. Without this, later runs would stop a member
   * that no longer gets tasks.
   */
  private void rejoin() throws IOException, InterruptedException {
    if (awaitMembers(TimeUnit.SECONDS.toNanos(15))) {
      return;
    }
    System.out.println("the stopped member was dropped by its heartbeat timeout: replacing it");
    members[0].kill();
    members[0] = null;
    members[0] =
        MemberJvm.start(
            System.getProperty("java.class.path"),
            cluster,
            addresses(),
            List.of("-Drangesummer.test.heartbeats=default"));
    if (!awaitMembers(MemberJvm.START.toNanos())) {
      throw new IllegalStateException(
          "the client sees " + client.getCluster().getMembers().size() + " members, not " + MEMBERS);
    }
  }

  private boolean awaitMembers(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (client.getCluster().getMembers().size() != MEMBERS) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  @TearDown(Level.Invocation)
  public void report() {
    if (counting != null) {
      System.out.println("attempts sent: " + counting.submitted.get() + " for 24 chunks");
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    try {
      for (long pid : stopped) {
        signal("CONT", pid);
      }
      if (summer != null) {
        summer.close();
      }
      if (client != null) {
        client.shutdown();
      }
    } finally {
      for (MemberJvm member : members) {
        if (member != null) {
          member.kill();
        }
      }
    }
  }

  @Benchmark
  public long undisturbed() {
    return summer.sum(0, N, SLOW);
  }

  @Benchmark
  public long oneFrozen() {
    CountDownLatch quarter = new CountDownLatch(1);
    Thread freezer =
        new Thread(
            () -> {
              try {
                quarter.await();
                long pid =
                    where.equals("multiProcess")
                        ? ProcessHandle.current().children().findFirst().orElseThrow().pid()
                        : members[0].process().pid();
                stopped.add(pid);
                signal("STOP", pid);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "freezer");
    freezer.setDaemon(true);
    freezer.start();
    return summer
        .withProgress(
            (done, total) -> {
              if (done >= total / 4) {
                quarter.countDown();
              }
            })
        .sum(0, N, SLOW);
  }

  private static void signal(String signal, long pid) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
  }

  /** Counts the tasks submitted, speculative attempts included. */
  private static final class Counting extends SubmitOnlyExecutor {
    private final ExecutorService cluster;
    final AtomicLong submitted = new AtomicLong();

    Counting(ExecutorService cluster) {
      this.cluster = cluster;
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      submitted.incrementAndGet();
      return cluster.submit(task);
    }
  }
}
