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
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What losing a member costs: the same sum of about four seconds on three member JVMs (a client
 * in this JVM calls), once undisturbed and once with {@code kill -9} of one member when a quarter
 * of the chunks are done. The killed member is replaced between runs, outside the measurement.
 *
 * <pre>
 * mvn -B -Pbench test-compile exec:exec -Djmh.args="MemberLossBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class MemberLossBenchmark {

  private static final int MEMBERS = 3;
  private static final long N = 400_000;

  /** About 10 microseconds a call, on every member. */
  private static final LongTerm SLOW =
      i -> {
        LockSupport.parkNanos(10_000);
        return i;
      };

  private final String cluster = "range-summer-bench-" + UUID.randomUUID();
  private final MemberJvm[] members = new MemberJvm[MEMBERS];
  private HazelcastInstance client;
  private RangeSummer summer;

  /** Each member joins those already up, on a port the OS chose; then the client connects. */
  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    for (int slot = 0; slot < MEMBERS; slot++) {
      members[slot] = startMember();
    }
    ClientConfig config = new ClientConfig();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.getNetworkConfig().setAddresses(addresses());
    client = HazelcastClient.newHazelcastClient(config);
    summer = RangeSummer.distributed(client.getExecutorService(HazelcastMembers.EXECUTOR), 6);
  }

  /** Starts a member JVM that joins the members that are up. */
  private MemberJvm startMember() throws IOException, InterruptedException {
    return MemberJvm.start(System.getProperty("java.class.path"), cluster, addresses());
  }

  /** The addresses of the members that are up. */
  private List<String> addresses() {
    return Arrays.stream(members)
        .filter(member -> member != null && member.process().isAlive())
        .map(MemberJvm::address)
        .collect(Collectors.toList());
  }

  /** Replaces a member killed by the last run, outside the measurement. */
  @Setup(Level.Invocation)
  public void replaceKilled() throws Exception {
    for (int slot = 0; slot < MEMBERS; slot++) {
      if (!members[slot].process().isAlive()) {
        members[slot] = startMember();
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (client.getCluster().getMembers().size() < MEMBERS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the client does not see three members");
      }
      Thread.sleep(50);
    }
  }

  /** Ends what {@link #start} started, also when it failed part of the way. */
  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    try {
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
  public long memberKilled() {
    CountDownLatch quarter = new CountDownLatch(1);
    Thread killer =
        new Thread(
            () -> {
              try {
                quarter.await();
                members[0].process().destroyForcibly();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "member-killer");
    killer.setDaemon(true);
    killer.start();
    return summer
        .withProgress(
            (done, total) -> {
              if (done >= total / 4) {
                quarter.countDown();
              }
            })
        .sum(0, N, SLOW);
  }
}
