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
import io.github.rangesummer.RangeSummer;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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

  private static final int[] PORTS = {5921, 5922, 5923};
  private static final long N = 400_000;

  /** About 10 microseconds a call, on every member. */
  private static final LongTerm SLOW =
      i -> {
        LockSupport.parkNanos(10_000);
        return i;
      };

  private final String cluster = "range-summer-bench-" + UUID.randomUUID();
  private final Process[] members = new Process[PORTS.length];
  private HazelcastInstance client;
  private RangeSummer summer;

  @Setup(Level.Trial)
  public void start() throws IOException {
    for (int slot = 0; slot < PORTS.length; slot++) {
      members[slot] = startMember(slot);
    }
    ClientConfig config = new ClientConfig();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    for (int port : PORTS) {
      config.getNetworkConfig().addAddress("127.0.0.1:" + port);
    }
    client = HazelcastClient.newHazelcastClient(config);
    summer = RangeSummer.distributed(client.getExecutorService(HazelcastMembers.EXECUTOR), 6);
  }

  private Process startMember(int slot) throws IOException {
    return HazelcastMembers.startJvm(
        System.getProperty("java.class.path"), cluster, PORTS[slot], PORTS);
  }

  /** Replaces a member killed by the last run, outside the measurement. */
  @Setup(Level.Invocation)
  public void replaceKilled() throws Exception {
    for (int slot = 0; slot < PORTS.length; slot++) {
      if (!members[slot].isAlive()) {
        members[slot] = startMember(slot);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (client.getCluster().getMembers().size() < PORTS.length) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the client does not see three members");
      }
      Thread.sleep(50);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    summer.close();
    client.shutdown();
    for (Process member : members) {
      member.destroyForcibly();
      member.waitFor(30, TimeUnit.SECONDS);
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
                members[0].destroyForcibly();
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
