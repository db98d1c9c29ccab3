/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.internal.Calls;
import io.github.rangesummer.internal.Finisher;
import io.github.rangesummer.internal.Options;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.remote.FakeTransport.Sent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The remote scheduler over an in-memory transport: no JVMs, every answer chosen by the test. */
class RemoteSchedulerTest {

  private static final Duration HANG = Duration.ofSeconds(20);
  private static final long N = 1_000; // cut into 4 chunks per place in the window

  private final FakeTransport transport = new FakeTransport();
  private RemoteScheduler<String> scheduler;

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close();
    }
  }

  /** A scheduler without speculation: these tests count every attempt it sends. */
  private CompletableFuture<Long> sum(int window, int maxAttempts) {
    scheduler = plain(window, maxAttempts);
    return start();
  }

  private RemoteScheduler<String> plain(int window, int maxAttempts) {
    return new RemoteScheduler<>(
        "fake(" + window + ")",
        "range-summer-test",
        transport,
        window,
        maxAttempts,
        Speculation.OFF,
        System::nanoTime,
        true);
  }

  private CompletableFuture<Long> start() {
    Calls calls = new Calls(scheduler, Options.DEFAULTS.withMinChunk(1), new Object());
    return calls.sumAsync(0, N, Summation.identity(), Finisher.exactLong());
  }

  /** Answers every attempt sent until {@code future} is done. */
  private void answerAll(CompletableFuture<?> future) throws InterruptedException {
    while (!future.isDone()) {
      Sent<?> attempt = transport.sent.poll(10, TimeUnit.MILLISECONDS);
      if (attempt != null) {
        attempt.answer();
      }
    }
  }

  private static long get(CompletableFuture<Long> future) throws Exception {
    return future.get(HANG.toSeconds(), TimeUnit.SECONDS);
  }

  private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
    return future.handle((value, failure) -> failure).get(HANG.toSeconds(), TimeUnit.SECONDS);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + HANG.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void sum_windowOfTwo_fillsTheWindowAndNeverExceedsIt() throws Exception {
    CompletableFuture<Long> future = sum(2, 3);
    answerAll(future);
    assertEquals(N * (N - 1) / 2, get(future));
    assertEquals(2, transport.maxLive.get());
    assertEquals(8, transport.sends.get());
  }

  @Test
  void sum_concurrentJobs_shareOneWindow() throws Exception {
    CompletableFuture<Long> first = sum(2, 3);
    CompletableFuture<Long> second = start();
    answerAll(CompletableFuture.allOf(first, second));
    assertEquals(N * (N - 1) / 2, get(first));
    assertEquals(N * (N - 1) / 2, get(second));
    assertEquals(2, transport.maxLive.get());
    assertEquals(16, transport.sends.get());
  }

  @Test
  void sum_lostAttempt_isRetriedAndCountedOnce() throws Exception {
    CompletableFuture<Long> future = sum(2, 3);
    Sent<?>[] lostAndRetry = loseOneAndTakeItsRetry();
    lostAndRetry[1].answer();
    assertExactAfterOneRetry(future);
  }

  /** Loses the first of two attempts in flight and returns it with its retry, sent next. */
  private Sent<?>[] loseOneAndTakeItsRetry() throws InterruptedException {
    Sent<?> lost = transport.next(HANG);
    Sent<?> other = transport.next(HANG);
    lost.lose(new IOException("member left"));
    Sent<?> retry = transport.next(HANG); // first in line for the free place
    other.answer();
    assertEquals(lost.chunk.index(), retry.chunk.index());
    assertEquals(2, retry.chunk.attempt());
    return new Sent<?>[] {lost, retry};
  }

  private void assertExactAfterOneRetry(CompletableFuture<Long> future) throws Exception {
    answerAll(future);
    assertEquals(N * (N - 1) / 2, get(future));
    assertEquals(9, transport.sends.get());
  }

  @Test
  void sum_lostOnEveryAttempt_failsNamingTheChunkAndCancelsTheRest() throws Exception {
    CompletableFuture<Long> future = sum(2, 3);
    Sent<?> bystander = transport.next(HANG);
    Sent<?> attempt = transport.next(HANG);
    IOException last = null;
    for (int i = 1; i <= 3; i++) {
      assertEquals(i, attempt.chunk.attempt());
      last = new IOException("lost " + i);
      attempt.lose(last);
      if (i < 3) {
        attempt = transport.next(HANG);
      }
    }
    FakeTransport.Exhausted failure =
        assertInstanceOf(FakeTransport.Exhausted.class, failureOf(future));
    assertEquals(3, failure.chunk.attempt());
    assertSame(last, failure.getCause());
    await("the other attempt is cancelled", () -> bystander.cancelled);
  }

  @Test
  void sum_lossNotRetryable_failsAtOnceWithoutRetry() throws Exception {
    CompletableFuture<Long> future = sum(1, 3);
    FakeTransport.Unretryable cause = new FakeTransport.Unretryable("died before it started");
    transport.next(HANG).lose(cause);
    FakeTransport.Exhausted failure =
        assertInstanceOf(FakeTransport.Exhausted.class, failureOf(future));
    assertEquals(1, failure.chunk.attempt());
    assertSame(cause, failure.getCause());
    assertEquals(1, transport.sends.get());
  }

  @Test
  void progress_ofALostAttempt_isTakenBackAndAResultCountsOnlyWhatWasNotReported()
      throws Exception {
    scheduler = plain(2, 3);
    List<Long> reports = new CopyOnWriteArrayList<>();
    Calls calls =
        new Calls(
            scheduler,
            Options.DEFAULTS.withMinChunk(1).withProgress((done, total) -> reports.add(done), Duration.ZERO),
            new Object());
    CompletableFuture<Long> future = calls.sumAsync(0, N, Summation.identity(), Finisher.exactLong());
    long chunk = N / 8; // two places in the window, four chunks each
    Sent<?> lost = transport.next(HANG);
    Sent<?> other = transport.next(HANG);
    lost.replies.progress(chunk - 10);
    lost.lose(new IOException("worker died"));
    Sent<?> retry = transport.next(HANG);
    assertEquals(lost.chunk.index(), retry.chunk.index());
    retry.replies.progress(10);
    retry.answer(); // counts the rest of its chunk: chunk - 10
    other.answer();
    await("two chunks are reported done", () -> reports.contains(2 * chunk));
    assertEquals(2 * chunk, reports.stream().mapToLong(Long::longValue).max().getAsLong());
    answerAll(future);
    assertEquals(N * (N - 1) / 2, get(future));
    assertEquals(N, reports.get(reports.size() - 1));
  }

  @Test
  void sum_everyResultTwice_isCountedOnce() throws Exception {
    CompletableFuture<Long> future = sum(2, 3);
    while (!future.isDone()) {
      Sent<?> attempt = transport.sent.poll(10, TimeUnit.MILLISECONDS);
      if (attempt != null) {
        attempt.answer();
        attempt.answer();
      }
    }
    assertEquals(N * (N - 1) / 2, get(future));
  }

  @Test
  void sum_lateResultOfALostAttempt_winsAndCancelsTheRetry() throws Exception {
    CompletableFuture<Long> future = sum(2, 3);
    Sent<?>[] lostAndRetry = loseOneAndTakeItsRetry();
    lostAndRetry[0].answer(); // the first attempt was still running after all
    await("the retry is cancelled", () -> lostAndRetry[1].cancelled);
    lostAndRetry[1].answer(); // and finished anyway: ignored
    assertExactAfterOneRetry(future);
  }

  @Test
  void sum_termFails_failsTheSumWithoutRetryAndCancelsTheRest() throws Exception {
    CompletableFuture<Long> future = sum(2, 3);
    Sent<?> failing = transport.next(HANG);
    Sent<?> bystander = transport.next(HANG);
    IllegalStateException boom = new IllegalStateException("boom");
    failing.replies.termFailed(boom);
    assertSame(boom, failureOf(future));
    await("the other attempt is cancelled", () -> bystander.cancelled);
    assertNull(transport.sent.poll());
    assertEquals(2, transport.sends.get());
  }

  @Test
  void cancel_cancelsEveryAttemptInFlight() throws Exception {
    CompletableFuture<Long> future = sum(3, 3);
    List<Sent<?>> inFlight = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inFlight.add(transport.next(HANG));
    }
    assertTrue(future.cancel(true));
    for (Sent<?> attempt : inFlight) {
      await("attempt " + attempt.chunk + " is cancelled", () -> attempt.cancelled);
    }
  }

  @Test
  void close_cancelsRunningSumsReleasesTheTransportAndRejectsNewOnes() throws Exception {
    CompletableFuture<Long> future = sum(2, 3);
    Sent<?> first = transport.next(HANG);
    Sent<?> second = transport.next(HANG);
    scheduler.close();
    assertInstanceOf(CancellationException.class, failureOf(future));
    assertTrue(first.cancelled && second.cancelled);
    assertTrue(transport.released);
    assertThrows(IllegalStateException.class, this::start);
  }

  @Test
  void sum_sendThrows_failsTheSumWithoutRetry() throws Exception {
    RejectedExecutionException refused = new RejectedExecutionException("executor is shut down");
    transport.sendFailure = refused;
    CompletableFuture<Long> future = sum(1, 3);
    assertSame(refused, failureOf(future));
    assertEquals(1, transport.sends.get());
  }

  @Test
  void sum_prepareThrows_throwsAtOnceAndTheRunnerStaysUsable() throws Exception {
    scheduler = plain(2, 3);
    Calls calls = new Calls(scheduler, Options.DEFAULTS.withMinChunk(1), new Object());
    assertThrows(
        IllegalArgumentException.class,
        () -> calls.sumAsync(0, N, Summation.ofLong(FakeTransport.UNSENDABLE), Finisher.exactLong()));
    assertEquals(0, transport.sends.get());
    CompletableFuture<Long> future = calls.sumAsync(0, N, Summation.identity(), Finisher.exactLong());
    answerAll(future);
    assertEquals(N * (N - 1) / 2, get(future));
  }
}
