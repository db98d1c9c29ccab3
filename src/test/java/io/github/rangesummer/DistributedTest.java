/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.awaitStable;
import static io.github.rangesummer.TestSupport.closedForm;
import static io.github.rangesummer.TestSupport.failureOf;
import static io.github.rangesummer.TestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.NotSerializableException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.Random;
import java.io.UncheckedIOException;
import java.io.ObjectOutputStream;
import java.io.IOException;
import java.io.ByteArrayOutputStream;

/**
 * {@code distributed} on three embedded Hazelcast members: tasks are serialized and run on the
 * members' executor threads, in this JVM, so a static counter sees the remote loops.
 */
class DistributedTest {

  /** Term calls, counted where the term runs: on the members, which share this JVM. */
  static final AtomicLong CALLS = new AtomicLong();

  private static RangeSummer summer;

  @BeforeAll
  static void start() {
    summer = RangeSummer.distributed(HazelcastMembers.executor(), 6);
  }

  @AfterAll
  static void close() {
    summer.close();
  }

  /** A term that takes about 10 microseconds a call and counts its calls. */
  static long slow(long i) {
    CALLS.incrementAndGet();
    LockSupport.parkNanos(10_000);
    return i;
  }

  @Test
  void sum_matchesClosedFormAcrossTheDomain() {
    long[][] ranges = {
      {0, 1}, {0, 1_000}, {-5_000_000, 7_000_001}, {Long.MAX_VALUE - 1_000_000, Long.MAX_VALUE},
      {Long.MIN_VALUE, Long.MIN_VALUE + 1_000_000}
    };
    for (long[] r : ranges) {
      assertEquals(closedForm(r[0], r[1]), summer.sumExact(r[0], r[1]), Arrays.toString(r));
    }
    assertEquals(closedForm(0, 10_000_000).longValueExact(), summer.sum(0, 10_000_000));
    assertEquals(0, summer.sum(5, 5));
  }

  @Test
  void sum_overflowingLong_throwsArithmeticException() {
    long start = Long.MAX_VALUE - 100;
    assertThrows(ArithmeticException.class, () -> summer.sum(start, Long.MAX_VALUE));
    assertEquals(closedForm(start, Long.MAX_VALUE), summer.sumExact(start, Long.MAX_VALUE));
  }

  @Test
  void sum_withTermAndSmallChunks_matchesSequential() {
    LongTerm cube = i -> i * i * i % 1_000_003;
    RangeSummer small = summer.withMinChunkSize(1);
    assertEquals(RangeSummer.sequential().sum(-100, 100, cube), small.sum(-100, 100, cube));
    assertEquals(
        RangeSummer.sequential().sumExact(0, 1_000_000, cube),
        summer.sumExact(0, 1_000_000, cube));
  }

  @Test
  void sumDouble_isBitIdenticalToSequential() {
    DoubleTerm[] terms = {i -> 1.0 / i, i -> Math.sin(i) * 1e300, i -> (i % 3 - 1) * Math.ulp(1.0)};
    for (DoubleTerm term : terms) {
      double expected = RangeSummer.sequential().sumDouble(1, 1_000_001, term);
      double actual = summer.withMinChunkSize(1_000).sumDouble(1, 1_000_001, term);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual));
    }
  }

  @Test
  void sum_termThrows_givesRemoteTermExceptionWithClassMessageAndStack() {
    LongTerm failing =
        i -> {
          if (i == 777_777) {
            throw new IllegalStateException("boom at " + i);
          }
          return i;
        };
    RemoteTermException failure =
        assertThrows(RemoteTermException.class, () -> summer.sum(0, 1_000_000, failing));
    assertEquals(IllegalStateException.class.getName(), failure.remoteClassName());
    assertEquals("boom at 777777", failure.remoteMessage().orElseThrow());
    assertTrue(
        Arrays.stream(failure.getStackTrace())
            .anyMatch(frame -> frame.getClassName().startsWith(DistributedTest.class.getName())),
        () -> Arrays.toString(failure.getStackTrace()));
    assertEquals(499_999_500_000L, summer.sum(0, 1_000_000)); // still usable
  }

  @Test
  void sum_termNotSerializable_failsAtOnceAndSummerStaysUsable() {
    Object unserializable = new Object();
    LongTerm capturing = i -> unserializable.hashCode() == 0 ? 0 : i;
    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> summer.sum(0, 10, capturing));
    assertInstanceOf(NotSerializableException.class, failure.getCause());
    assertThrows(
        IllegalArgumentException.class, () -> summer.sumAsync(0, 10, capturing));
    assertEquals(45, summer.sum(0, 10, i -> i));
  }

  @Test
  void sumAsync_cancelled_stopsTheRemoteLoops() throws Exception {
    CompletableFuture<Long> future =
        summer.withMinChunkSize(1_024).sumAsync(0, 100_000_000, DistributedTest::slow);
    TestSupport.await("the members compute", () -> CALLS.get() > 5_000);
    assertTrue(future.cancel(true));
    assertInstanceOf(CancellationException.class, failureOf(future));
    long stopped = awaitStable("term calls after the cancel", CALLS::get);
    assertTrue(stopped < 100_000_000L, "calls: " + stopped);
  }

  @Test
  void withTimeout_deadlinePasses_failsAndStopsTheRemoteLoops() {
    RangeSummer timed = summer.withTimeout(Duration.ofMillis(300));
    RangeSummerException failure =
        assertThrows(
            RangeSummerException.class, () -> timed.sum(0, 100_000_000, DistributedTest::slow));
    assertInstanceOf(TimeoutException.class, failure.getCause());
    awaitStable("term calls after the deadline", CALLS::get);
  }

  @Test
  void withProgress_reportsFinishedChunksUpToTheTotal() {
    RecordingListener listener = new RecordingListener();
    long total = 3_000_000;
    assertEquals(
        closedForm(0, total).longValueExact(),
        summer.withMinChunkSize(100_000).withProgress(listener, Duration.ofNanos(1)).sum(0, total));
    listener.assertWellFormed(total, true);
    assertTrue(listener.count() >= 2, "reports: " + listener.count());
  }

  @Test
  void close_cancelsRunningSumsAndLeavesTheExecutorOpen() throws Exception {
    ExecutorService executor = HazelcastMembers.executor();
    RangeSummer own = RangeSummer.distributed(executor, 3);
    CompletableFuture<Long> running =
        own.withMinChunkSize(1_024).sumAsync(0, 100_000_000, DistributedTest::slow);
    TestSupport.await("the members compute", () -> CALLS.get() > 1_000);
    own.close();
    own.close();
    assertInstanceOf(CancellationException.class, failureOf(running));
    assertThrows(IllegalStateException.class, () -> own.sum(0, 10));
    awaitStable("term calls after close", CALLS::get);
    assertFalse(executor.isShutdown());
    assertEquals(45, summer.sum(0, 10));
  }

  @Test
  void distributed_badArguments_throwNamingTheValue() {
    ExecutorService executor = HazelcastMembers.executor();
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> RangeSummer.distributed(executor, 0));
    assertEquals("parallelism (0) must be between 1 and 65536", zero.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RangeSummer.distributed(executor, RangeSummer.MAX_PARALLELISM + 1));
    assertThrows(NullPointerException.class, () -> RangeSummer.distributed(null, 2));
    assertThrows(IllegalArgumentException.class, () -> summer.sum(3, 2));
    assertThrows(NullPointerException.class, () -> summer.sum(0, 2, null));
  }

  @Test
  void distributed_onAPlainJdkPool_isExactAndLeavesThePoolOpen() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RangeSummer local = RangeSummer.distributed(pool, 4)) {
      assertEquals(closedForm(0, 5_000_000), local.sumExact(0, 5_000_000));
      assertEquals(BigInteger.valueOf(45), BigInteger.valueOf(get(local.sumAsync(0, 10))));
    } finally {
      assertFalse(pool.isShutdown());
      pool.shutdownNow();
    }
  }

  /**
   * An executor that refuses work when its queue is full is back-pressure, not a lost member: the
   * sum waits for places and is exact. Before, three refusals failed it in half a second with a
   * {@code RemoteChunkException} (issue 25). Here a JDK pool whose {@code submit} throws.
   */
  @Test
  void distributed_onAPoolThatRefusesWhenFull_waitsAndIsExact() throws Exception {
    ThreadPoolExecutor tight =
        new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
    try (RangeSummer local = RangeSummer.distributed(tight, 16)) {
      assertEquals(
          closedForm(0, 2_000_000), local.withMinChunkSize(1_000).sumExact(0, 2_000_000, i -> i));
    } finally {
      tight.shutdownNow();
    }
  }

  /** The same on members whose executor holds two tasks and queues one. */
  @Test
  void distributed_onMembersWhoseExecutorIsOverloaded_waitsAndIsExact() {
    ExecutorService tight =
        HazelcastMembers.embedded().getExecutorService(HazelcastMembers.TIGHT_EXECUTOR);
    try (RangeSummer members = RangeSummer.distributed(tight, 16)) {
      assertEquals(
          closedForm(0, 200_000),
          members.withMinChunkSize(1_000).sumExact(0, 200_000, DistributedTest::slow));
    }
  }

  /**
   * Futures whose {@code get} throws for some attempts outside the task, and whose {@code cancel}
   * always throws, as Hazelcast's does once a member has left or the client is shutting down
   * ({@code TargetDisconnectedException}). A failed {@code get} is a lost attempt, retried; a
   * failed cancel is ignored. Before, both escaped to the transport's threads, printed as uncaught,
   * and a failed {@code get} left its attempt unanswered for ever.
   */
  @Test
  void hostileFutures_cancelAndGetThrow_sumEndsAndNothingEscapesToAThread() throws Exception {
    List<String> escaped = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (thread.getName().startsWith("range-summer-")) {
            escaped.add(thread.getName() + ": " + e);
          }
        });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    HostileFutures hostile = new HostileFutures(pool);
    try (RangeSummer local = RangeSummer.distributed(hostile, 4)) {
      assertEquals(
          closedForm(0, 1_000_000), local.withMinChunkSize(10_000).sumExact(0, 1_000_000, i -> i));
      assertEquals(2, hostile.failedGets.get());

      CompletableFuture<Long> running =
          local.withMinChunkSize(1_024).sumAsync(0, 100_000_000, DistributedTest::slow);
      TestSupport.await("the pool computes", () -> hostile.submitted.get() > 8);
      assertTrue(running.cancel(true));
      TestSupport.await("an attempt is cancelled", () -> hostile.failedCancels.get() > 0);
      awaitStable("cancels", hostile.failedCancels::get);
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    assertEquals(List.of(), escaped);
  }

  @Test
  void distributed_poolShutDown_failsWithoutRetry() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdown();
    try (RangeSummer local = RangeSummer.distributed(pool, 2)) {
      assertThrows(RejectedExecutionException.class, () -> local.sum(0, 10));
    }
  }

  @Test
  void sum_everyChunkRunTwiceOnTheMembers_isCountedOnce() {
    ExecutorService twice = new RunTwice(HazelcastMembers.executor());
    long n = 200_000;
    long before = CALLS.get();
    try (RangeSummer duplicating = RangeSummer.distributed(twice, 4)) {
      assertEquals(
          closedForm(0, n).longValueExact(),
          duplicating.withMinChunkSize(1_000).sum(0, n, DistributedTest::slow));
    }
    // Every run ends: the duplicates, and any attempt speculation added to the doubled load.
    long calls = TestSupport.awaitStable("the members' term calls", CALLS::get) - before;
    assertTrue(calls >= n, calls + " calls for " + n + " elements");
  }

  /**
   * A 40 MB array on the members: every task carries its own slice, at most {@code
   * RemoteScheduler.MAX_CHUNK_BYTES} and some bytes of header, and the sum is exact (issue 23).
   */
  @Test
  void arrayChunks_carryOnlyTheirSlices() {
    SizingExecutor sizing = new SizingExecutor(HazelcastMembers.executor());
    double[] values = new Random(3).doubles(5_000_000, -1, 1).toArray(); // 40 MB
    try (RangeSummer members = RangeSummer.distributed(sizing, 4);
        RangeSummer here = RangeSummer.sequential()) {
      assertEquals(
          Double.doubleToRawLongBits(here.sumDouble(values)),
          Double.doubleToRawLongBits(members.sumDouble(values)));
    }
    long largest = sizing.largest.get();
    assertTrue(largest > 1_000_000, "tasks carry data: " + largest);
    assertTrue(largest < (4 << 20) + 4_096, largest + " bytes in one task");
  }

  /** Submits to the cluster, after measuring each task as Java serialization writes it. */
  private static final class SizingExecutor extends SubmitOnlyExecutor {
    private final ExecutorService cluster;
    final AtomicLong largest = new AtomicLong();

    SizingExecutor(ExecutorService cluster) {
      this.cluster = cluster;
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(task);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      largest.accumulateAndGet(bytes.size(), Math::max);
      return cluster.submit(task);
    }
  }

  /**
   * Runs tasks on a JDK pool behind futures that are no {@link java.util.concurrent.CompletionStage}:
   * {@code get} throws outside the task for the third and the eighth task, and {@code cancel}
   * always throws.
   */
  private static final class HostileFutures extends SubmitOnlyExecutor {
    private final ExecutorService pool;
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong failedGets = new AtomicLong();
    final AtomicLong failedCancels = new AtomicLong();

    HostileFutures(ExecutorService pool) {
      this.pool = pool;
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      Future<T> real = pool.submit(task);
      long serial = submitted.incrementAndGet();
      boolean failGet = serial == 3 || serial == 8; // two, so no chunk can lose all its attempts
      return new Future<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
          real.cancel(mayInterruptIfRunning);
          failedCancels.incrementAndGet();
          throw new IllegalStateException("hostile cancel");
        }

        @Override
        public boolean isCancelled() {
          return real.isCancelled();
        }

        @Override
        public boolean isDone() {
          return real.isDone();
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
          T value = real.get();
          if (failGet) {
            failedGets.incrementAndGet();
            throw new IllegalStateException("hostile get");
          }
          return value;
        }

        @Override
        public T get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
          return get();
        }
      };
    }
  }

  /** Submits every task twice, as a cluster may run it twice, and answers with one of them. */
  private static final class RunTwice extends SubmitOnlyExecutor {
    private final ExecutorService cluster;

    RunTwice(ExecutorService cluster) {
      this.cluster = cluster;
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
      cluster.submit(task);
      return cluster.submit(task);
    }
  }
}
