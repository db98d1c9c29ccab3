/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.awaitStable;
import static io.github.rangesummer.TestSupport.closedForm;
import static io.github.rangesummer.TestSupport.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code distributed} against failures, with three Hazelcast members in JVMs of their own, a lite
 * member and a client in this JVM as callers. The members' class path holds range-summer,
 * Hazelcast and {@link FaultTerms}, but not this class: a term written here is a class missing
 * on the members. Members that a test kills or stops are replaced before the next test.
 */
class DistributedFaultTest {

  private static final Duration START = MemberJvm.START;
  private static final String CLUSTER = "range-summer-fault-" + UUID.randomUUID();
  private static final MemberJvm[] members = new MemberJvm[3];

  /** The classes of the members' class path that are not in a jar: {@link #copyTestClasses}. */
  @TempDir static Path memberClasses;

  private static String memberClassPath;
  private static HazelcastInstance caller; // a lite member: it runs no tasks itself
  private static HazelcastInstance client;

  /**
   * Starts the first member alone, then the other two, which join it, then the callers. Every
   * member listens on a port the operating system chose, so the addresses are known only once
   * the members are up.
   */
  @BeforeAll
  static void startCluster() throws Exception {
    copyTestClasses("FaultTerms", "HazelcastMemberMain", "HazelcastMembers");
    memberClassPath =
        String.join(
            java.io.File.pathSeparator,
            location(RangeSummer.class),
            location(Hazelcast.class),
            memberClasses.toString());
    members[0] = MemberJvm.start(memberClassPath, CLUSTER, List.of());
    List<String> first = List.of(members[0].address());
    CompletableFuture<?>[] joining =
        IntStream.range(1, members.length)
            .mapToObj(
                slot ->
                    TestSupport.onNewThread(
                        "start member " + slot,
                        () -> members[slot] = MemberJvm.start(memberClassPath, CLUSTER, first)))
            .toArray(CompletableFuture<?>[]::new);
    // Each start is bounded by START, and ends every JVM it started if it fails.
    CompletableFuture.allOf(joining).get(2 * START.toSeconds(), TimeUnit.SECONDS);
    Config config = HazelcastMembers.memberConfig(CLUSTER, memberAddresses());
    caller =
        Hazelcast.newHazelcastInstance(
            HazelcastMembers.fastFailureDetection(config).setLiteMember(true));
    client = HazelcastClient.newHazelcastClient(clientConfig());
    awaitMembers();
  }

  /**
   * Stops whatever {@link #startCluster} started, also when it failed part of the way: every step
   * is tried, and a failure here comes after (and is attached to) the failure of the setup.
   */
  @AfterAll
  static void stopCluster() throws Exception {
    try {
      if (client != null) {
        client.shutdown();
      }
    } finally {
      try {
        if (caller != null) {
          caller.shutdown();
        }
      } finally {
        killMembers();
      }
    }
  }

  /** Kills every member JVM there is, then checks that none of them, nor a child, is left. */
  private static void killMembers() throws InterruptedException {
    for (MemberJvm member : members) {
      if (member != null) {
        member.process().destroyForcibly();
      }
    }
    for (MemberJvm member : members) {
      if (member != null) {
        member.kill(); // throws if it outlives SIGKILL
        assertTrue(member.process().descendants().findAny().isEmpty());
      }
    }
  }

  /** The addresses of the member JVMs but the one in slot {@code except} (-1: of every one). */
  private static List<String> memberAddresses(int except) {
    return IntStream.range(0, members.length)
        .filter(slot -> slot != except)
        .mapToObj(slot -> members[slot].address())
        .collect(Collectors.toList());
  }

  private static List<String> memberAddresses() {
    return memberAddresses(-1);
  }

  private static ClientConfig clientConfig() {
    ClientConfig config = new ClientConfig();
    config.setClusterName(CLUSTER);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.client.heartbeat.interval", "1000");
    config.setProperty("hazelcast.client.heartbeat.timeout", "5000");
    config.getNetworkConfig().setAddresses(memberAddresses());
    return config;
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** Copies the named test classes, nested ones and lambdas included, for the members. */
  private static void copyTestClasses(String... names) throws IOException, URISyntaxException {
    Path classes = Paths.get(location(FaultTerms.class));
    Path from = classes.resolve("io/github/rangesummer");
    Path to = Files.createDirectories(memberClasses.resolve("io/github/rangesummer"));
    for (String name : names) {
      try (DirectoryStream<Path> found = Files.newDirectoryStream(from, name + "{,$*}.class")) {
        for (Path file : found) {
          Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * Waits for the cluster to settle. A cancel travels to a task's partition, and a task whose
   * partition has moved since it started on another member is not found: it runs on to its end
   * (its result is then ignored). Tests that check that remote loops stop start on a calm cluster.
   */
  private static void awaitMembers() {
    awaitLong(
        "the caller and the client see every member",
        () ->
            caller.getCluster().getMembers().size() == members.length + 1
                && client.getCluster().getMembers().size() == members.length + 1);
    awaitLong("partitions stop migrating", () -> caller.getPartitionService().isClusterSafe());
  }

  /** Waits as long as a member JVM may take to start and join on a busy machine. */
  private static void awaitLong(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + START.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + START + " waiting until " + what);
      }
      TestSupport.sleep(20);
    }
  }

  /**
   * Kills a member with SIGKILL, waits until it is gone, starts its replacement, which joins the
   * members that are left and the caller.
   */
  private static void replace(int slot) throws Exception {
    members[slot].kill();
    List<String> join = new ArrayList<>(memberAddresses(slot));
    join.add(HazelcastMembers.address(caller));
    members[slot] = MemberJvm.start(memberClassPath, CLUSTER, join);
    awaitMembers();
  }

  private static void signal(String signal, Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertEquals(0, kill.waitFor());
  }

  /** The term calls every member ran so far. */
  private static long memberCalls() {
    // Not the sums' executor, whose queue may hold chunks for a long time.
    IExecutorService executor = caller.getExecutorService("range-summer-probe");
    long calls = 0;
    for (Future<Long> count : executor.submitToAllMembers(new FaultTerms.Calls()).values()) {
      try {
        calls += count.get(TestSupport.HANG.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        throw new AssertionError("cannot read the members' counters", e);
      }
    }
    return calls;
  }

  private static RangeSummer summer(HazelcastInstance from) {
    return RangeSummer.distributed(from.getExecutorService(HazelcastMembers.EXECUTOR), 6);
  }

  /** Starts a sum of about 2 s, then does {@code fault} once a quarter of it is done. */
  private static void sumThrough(HazelcastInstance from, ThrowingRunnable fault) throws Exception {
    long n = 120_000;
    CountDownLatch quarter = new CountDownLatch(1);
    try (RangeSummer summer = summer(from)) {
      CompletableFuture<Long> sum =
          summer
              .withProgress((done, total) -> {
                if (done >= total / 4) {
                  quarter.countDown();
                }
              })
              .sumAsync(0, n, FaultTerms.slow(50));
      assertTrue(quarter.await(START.toSeconds(), TimeUnit.SECONDS), "no progress");
      fault.run();
      assertEquals(closedForm(0, n).longValueExact(), sum.get(START.toSeconds(), TimeUnit.SECONDS));
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void sum_memberKilledMidSum_isExact_fromAMember() throws Exception {
    try {
      sumThrough(caller, () -> members[0].process().destroyForcibly());
    } finally {
      replace(0);
    }
  }

  @Test
  void sum_memberKilledMidSum_isExact_fromAClient() throws Exception {
    try {
      sumThrough(client, () -> members[1].process().destroyForcibly());
    } finally {
      replace(1);
    }
  }

  /**
   * A member stopped with {@code SIGSTOP} mid-sum: its chunks get attempts elsewhere and the sum
   * is exact; resumed, the member finishes its stale attempts, whose results are ignored, and the
   * next sums are exact, from the same client (issue 24).
   */
  @Test
  void sum_memberStoppedMidSum_isExact_andItsLateResultsAreIgnoredOnceResumed() throws Exception {
    try {
      sumThrough(client, () -> signal("STOP", members[2].process()));
      signal("CONT", members[2].process());
      try (RangeSummer summer = summer(client)) {
        for (int round = 0; round < 3; round++) {
          assertEquals(
              closedForm(0, 20_000).longValueExact(),
              summer.withMinChunkSize(1_000).sum(0, 20_000, FaultTerms.slow(50)));
        }
      }
    } finally {
      signal("CONT", members[2].process());
      replace(2);
    }
  }

  @Test
  void sum_termThrows_givesTheRemoteClassMessageAndStack_fromAClient() {
    try (RangeSummer summer = summer(client)) {
      RemoteTermException failure =
          assertThrows(
              RemoteTermException.class, () -> summer.sum(0, 100_000, FaultTerms.throwingAt(4242)));
      assertEquals(IllegalStateException.class.getName(), failure.remoteClassName());
      assertEquals("boom at 4242", failure.remoteMessage().orElseThrow());
      assertTrue(
          Arrays.stream(failure.getStackTrace())
              .anyMatch(frame -> frame.getClassName().startsWith(FaultTerms.class.getName())));
    }
  }

  /**
   * A term whose class the members lack fails at once, as on {@code multiProcess}: a {@code
   * TermClassNotFoundException} naming the class and where to put it, without the three retries
   * and the {@code RemoteChunkException} of before (issue 25): another attempt reads the same
   * bytes.
   */
  @Test
  void sum_termClassMissingOnTheMembers_failsNamingTheClassAndTheClassPath() {
    LongTerm writtenHere = i -> i * 2;
    try (RangeSummer summer = summer(client)) {
      TermClassNotFoundException failure =
          assertThrows(TermClassNotFoundException.class, () -> summer.sum(0, 1_000, writtenHere));
      assertEquals(DistributedFaultTest.class.getName(), failure.missingClassName());
      assertTrue(failure.worker().startsWith("a member (pid "), failure::worker);
      assertTrue(failure.getMessage().contains("class path"), failure.getMessage());
      assertEquals(999_000, summer.sum(0, 1_000, FaultTerms.throwingAt(-1)) * 2);
    }
  }

  @Test
  void sumAsync_cancelled_stopsTheLoopsOnTheMembers() throws Exception {
    try (RangeSummer summer = summer(client)) {
      long before = memberCalls();
      CompletableFuture<Long> sum = summer.sumAsync(0, 100_000_000, FaultTerms.slow(50));
      TestSupport.await("the members compute", () -> memberCalls() > before + 5_000);
      assertTrue(sum.cancel(true));
      assertInstanceOf(CancellationException.class, failureOf(sum));
      long after = awaitStable("the members' term calls", DistributedFaultTest::memberCalls);
      assertTrue(after - before < 100_000_000L);
    }
  }

  @Test
  void withTimeout_deadlinePasses_failsAndStopsTheLoopsOnTheMembers() {
    try (RangeSummer summer = summer(caller).withTimeout(Duration.ofMillis(500))) {
      RangeSummerException failure =
          assertThrows(
              RangeSummerException.class, () -> summer.sum(0, 100_000_000, FaultTerms.slow(50)));
      assertInstanceOf(TimeoutException.class, failure.getCause());
      awaitStable("the members' term calls", DistributedFaultTest::memberCalls);
    }
  }

  @Test
  void close_leavesNoThreadOfTheSummerBehind() {
    RangeSummer summer = summer(client);
    assertEquals(45, summer.sum(0, 10, FaultTerms.throwingAt(-1)));
    summer.close();
    TestSupport.await(
        "the summer's threads end",
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("range-summer-remote")));
  }

}
