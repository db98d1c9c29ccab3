/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.internal.Calls;
import io.github.rangesummer.internal.Finisher;
import io.github.rangesummer.internal.Options;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.remote.FakeTransport.Sent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's speculation and back-pressure, over an in-memory transport and a clock the
 * test moves by hand: when a chunk gets another attempt, how many, which result wins, what is
 * cancelled, what progress counts, and how refusals pause sending (issues 24 and 25). No timer
 * runs: the test checks for stragglers and pumps itself.
 */
class SpeculationTest {

  private static final Duration HANG = Duration.ofSeconds(20);
  private static final long MS = 1_000_000L;
  private static final Speculation RULE = new Speculation(true, 2, 100 * MS, 2, 0.1);

  private final FakeTransport transport = new FakeTransport();
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private RemoteScheduler<String> scheduler;
  private final List<Long> reports = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close();
    }
  }

  /** Starts a sum of {@code [0, n)} in {@code 4 * window} chunks. */
  private CompletableFuture<Long> sum(int window, int maxAttempts, long n) {
    scheduler =
        new RemoteScheduler<>(
            "fake(" + window + ")",
            "range-summer-test",
            transport,
            window,
            maxAttempts,
            RULE,
            now::get,
            false);
    Options options =
        Options.DEFAULTS
            .withMinChunk(1)
            .withProgress((done, total) -> reports.add(done), Duration.ZERO);
    return new Calls(scheduler, options, new Object())
        .sumAsync(0, n, Summation.identity(), Finisher.exactLong());
  }

  private Sent<?> next() throws InterruptedException {
    return transport.next(HANG);
  }

  private void advance(long millis) {
    now.addAndGet(millis * MS);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + HANG.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(2);
    }
  }

  /** Answers, 10 ms apart, every attempt sent except {@code kept}, until none is left. */
  private void answerAllBut(Sent<?> kept) throws InterruptedException {
    for (Sent<?> attempt = transport.sent.poll(200, TimeUnit.MILLISECONDS);
        attempt != null;
        attempt = transport.sent.poll(200, TimeUnit.MILLISECONDS)) {
      if (attempt != kept) {
        advance(10);
        attempt.answer();
      }
    }
    int left = kept == null ? 0 : 1;
    await("every answer is handled", () -> scheduler.inFlight() == left);
  }

  private static long get(CompletableFuture<Long> future) throws Exception {
    return future.get(HANG.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void straggler_getsASecondAttempt_theFirstResultWins_andTheOtherIsCancelled() throws Exception {
    CompletableFuture<Long> future = sum(2, 3, 800);
    Sent<?> straggler = next();
    answerAllBut(straggler); // every other chunk takes 10 ms: the median
    assertEquals(8, transport.sends.get());

    // 70 ms on: more than twice the median (10 to 20 ms), but not yet the floor of 100 ms.
    scheduler.checkStragglers();
    assertNull(transport.sent.poll(50, TimeUnit.MILLISECONDS));

    advance(100); // past the floor
    scheduler.checkStragglers();
    Sent<?> copy = next();
    assertEquals(straggler.chunk.index(), copy.chunk.index());
    assertEquals(2, copy.chunk.attempt());
    copy.answer();
    assertEquals(800 * 799 / 2, get(future));
    await("the straggler is cancelled", () -> straggler.cancelled);
    straggler.answer(); // its late result: ignored
    assertEquals(9, transport.sends.get());
    assertEquals(1, scheduler.speculativeAttemptsSent());
    assertEquals(800L, reports.get(reports.size() - 1));
  }

  @Test
  void noFinishedAttempt_noSpeculation() throws Exception {
    CompletableFuture<Long> future = sum(2, 3, 800);
    next();
    next();
    advance(10_000);
    scheduler.checkStragglers();
    assertNull(transport.sent.poll(50, TimeUnit.MILLISECONDS), "nothing to compare with yet");
    assertTrue(!future.isDone());
  }

  @Test
  void whileOrdinaryChunksWait_onlyAWindowBlockedByStragglersSpeculates() throws Exception {
    CompletableFuture<Long> future = sum(8, 3, 3_200); // 32 chunks, a window of 8
    List<Sent<?>> first = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      first.add(next());
    }
    advance(10);
    first.get(0).answer(); // a median of 10 ms, and chunk 9 takes the free place
    Sent<?> ninth = next();
    advance(500); // seven stragglers now
    scheduler.checkStragglers();
    // Stragglers block the window (a quarter of it is 2): one speculative attempt, the share.
    Sent<?> copy = next();
    assertTrue(copy.chunk.attempt() == 2, copy.chunk::toString);
    assertNull(transport.sent.poll(50, TimeUnit.MILLISECONDS), "a tenth of 8 places: one");
    for (Sent<?> attempt : first.subList(1, 8)) {
      attempt.answer();
    }
    ninth.answer();
    copy.answer();
    answerAllBut(null);
    assertEquals(3_200L * 3_199 / 2, get(future));
  }

  @Test
  void oneStragglerInAWideWindow_waitsWhileOrdinaryChunksWait() throws Exception {
    sum(8, 3, 3_200);
    List<Sent<?>> first = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      first.add(next());
    }
    for (Sent<?> attempt : first.subList(1, 8)) {
      advance(1);
      attempt.answer();
    }
    for (int i = 0; i < 7; i++) {
      next(); // the window is full again, behind one old attempt
    }
    advance(500);
    scheduler.checkStragglers();
    // The fresh attempts straggle too by now; count what the straggler alone would block.
    long speculative = scheduler.speculativeAttemptsSent();
    assertTrue(speculative <= 1, speculative + " speculative attempts: at most the share");
  }

  @Test
  void aChunk_getsAtMostTwoSpeculativeAttempts() throws Exception {
    CompletableFuture<Long> future = sum(2, 5, 800);
    Sent<?> straggler = next();
    answerAllBut(straggler);
    advance(200);
    scheduler.checkStragglers();
    Sent<?> second = next();
    advance(200);
    scheduler.checkStragglers();
    Sent<?> third = next();
    advance(200);
    scheduler.checkStragglers();
    assertNull(transport.sent.poll(50, TimeUnit.MILLISECONDS), "two speculative attempts, no more");
    assertEquals(straggler.chunk.index(), third.chunk.index());
    assertEquals(3, third.chunk.attempt());
    second.answer();
    assertEquals(800 * 799 / 2, get(future));
    await("the others are cancelled", () -> straggler.cancelled && third.cancelled);
    assertEquals(2, scheduler.speculativeAttemptsSent());
  }

  @Test
  void progress_ofTwoAttemptsOfAChunk_isCountedOnce() throws Exception {
    CompletableFuture<Long> future = sum(2, 3, 800); // chunks of 100
    Sent<?> straggler = next();
    answerAllBut(straggler);
    long before = reports.isEmpty() ? 0 : reports.get(reports.size() - 1);
    advance(200);
    scheduler.checkStragglers();
    Sent<?> copy = next();
    straggler.replies.progress(60);
    copy.replies.progress(40); // behind the straggler: counted already
    copy.replies.progress(30); // now 70: ten more
    copy.answer(); // the rest: 30
    assertEquals(800 * 799 / 2, get(future));
    assertTrue(before <= 700, "seven chunks were done before: " + before);
    for (int i = 1; i < reports.size(); i++) {
      assertTrue(reports.get(i) >= reports.get(i - 1), "reports go forward: " + reports);
    }
    assertEquals(800L, reports.get(reports.size() - 1));
  }

  /**
   * Holds one attempt back while the others answer and set the median, then lets it straggle:
   * the held attempt, and the speculative copy sent for it.
   */
  private List<Sent<?>> stragglerAndItsCopy() throws InterruptedException {
    Sent<?> straggler = next();
    answerAllBut(straggler);
    advance(200);
    scheduler.checkStragglers();
    return List.of(straggler, next());
  }

  /**
   * A straggler and its copy lost together (both on a member that froze, then was dropped) are
   * one loss: the chunk gets a retry even with a limit of two losses, and a loss of that retry,
   * sent after them, is the second.
   */
  @Test
  void lostStraggler_andItsCopyLostTogether_countAsOneLoss() throws Exception {
    CompletableFuture<Long> future = sum(2, 2, 800);
    List<Sent<?>> attempts = stragglerAndItsCopy();
    Sent<?> straggler = attempts.get(0);
    Sent<?> copy = attempts.get(1);
    straggler.lose(new IOException("member left"));
    assertNull(transport.sent.poll(50, TimeUnit.MILLISECONDS), "the copy runs on: no retry");
    copy.lose(new IOException("the same member left"));
    Sent<?> retry = next();
    assertEquals(straggler.chunk.index(), retry.chunk.index());
    assertEquals(3, retry.chunk.attempt());
    IOException last = new IOException("another member left");
    retry.lose(last);
    FakeTransport.Exhausted failure =
        assertInstanceOf(FakeTransport.Exhausted.class, failureOf(future));
    assertEquals(3, failure.chunk.attempt(), "three attempts sent and lost");
    assertTrue(failure.getMessage().contains("lost on all 3 attempts"), failure::getMessage);
    assertSame(last, failure.getCause());
  }

  @Test
  void lostStraggler_andItsCopyLostTogether_theRetryAnswers() throws Exception {
    CompletableFuture<Long> future = sum(2, 2, 800);
    List<Sent<?>> attempts = stragglerAndItsCopy();
    Sent<?> straggler = attempts.get(0);
    Sent<?> copy = attempts.get(1);
    copy.lose(new IOException("member left"));
    straggler.lose(new IOException("the same member left"));
    next().answer();
    assertEquals(800 * 799 / 2, get(future));
  }

  @Test
  void refusals_areNoLosses_pauseSending_andShrinkTheWindow() throws Exception {
    CompletableFuture<Long> future = sum(4, 1, 1_600); // no loss allowed at all
    List<Sent<?>> live = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      live.add(next());
    }
    for (int refusal = 0; refusal < 5; refusal++) {
      Sent<?> refused = live.remove(live.size() - 1);
      refused.lose(new FakeTransport.Refused());
      await("the refusal is handled", () -> scheduler.inFlight() == 3);
      live.remove(0).answer(); // a place frees, and the window grows back to four
      await("the answer is handled", () -> scheduler.inFlight() == 2);
      scheduler.pumpAndDeliver();
      assertNull(transport.sent.poll(20, TimeUnit.MILLISECONDS), "paused after a refusal");
      advance(2_000); // past the longest pause
      scheduler.pumpAndDeliver();
      Sent<?> again = next();
      assertEquals(refused.chunk.index(), again.chunk.index(), "first in line");
      assertEquals(refused.chunk.attempt(), again.chunk.attempt(), "no attempt counted");
      live.add(again);
      live.add(next()); // the fourth place
    }
    assertNull(transport.sent.poll(20, TimeUnit.MILLISECONDS), "four places, no more");
    for (Sent<?> attempt : live) {
      advance(1);
      attempt.answer();
    }
    answerAllBut(null);
    assertEquals(1_600L * 1_599 / 2, get(future));
  }

  @Test
  void refusal_shrinksTheWindowToTheAttemptsTheExecutorHolds() throws Exception {
    sum(4, 3, 1_600);
    List<Sent<?>> live = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      live.add(next());
    }
    live.get(3).lose(new FakeTransport.Refused());
    live.get(2).lose(new FakeTransport.Refused());
    await("the refusals are handled", () -> scheduler.inFlight() == 2);
    advance(2_000);
    scheduler.pumpAndDeliver();
    assertNull(transport.sent.poll(20, TimeUnit.MILLISECONDS), "the executor held two: two");
    live.get(0).answer();
    // One result: one place freed, and the window grows by one, to three; the two refused
    // chunks take the two places, in either order (they may be sent from two threads).
    Set<Integer> sent = new HashSet<>(List.of(next().chunk.index(), next().chunk.index()));
    assertEquals(Set.of(live.get(2).chunk.index(), live.get(3).chunk.index()), sent);
    assertNull(transport.sent.poll(20, TimeUnit.MILLISECONDS), "a window of three: no more");
  }

  /**
   * On the scheduler's own timers and a real clock: a copy that answers while another chunk's
   * stuck copy waits for a place in the share must not end the straggler checks. Before, the
   * check after that answer saw no attempt holding a place, did not arm the next one, and sent
   * the waiting chunk a copy that nothing checked again: when it too was stuck, the sum waited
   * for the transport (a {@code FreezeBenchmark} run: 68 s, the heartbeat timeout).
   *
   * <p>Chunk 0's first three attempts and chunk 1's first never answer; chunk 1's copy answers
   * 30 ms after it is sent (the floor is 100 ms), every other attempt at once. On a slow machine
   * the copy may straggle before it answers; the sum must end all the same.
   */
  @Test
  void copyAnswersWhileAnotherStuckCopyWaits_checksGoOnUntilEveryChunkIsDone() throws Exception {
    scheduler =
        new RemoteScheduler<>(
            "fake(3)",
            "range-summer-test",
            transport,
            3,
            3,
            new Speculation(true, 2, 100 * MS, 6, 0.1),
            System::nanoTime,
            true);
    CompletableFuture<Long> future =
        new Calls(scheduler, Options.DEFAULTS.withMinChunk(1), new Object())
            .sumAsync(0, 800, Summation.identity(), Finisher.exactLong());
    List<Sent<?>> held = new ArrayList<>();
    int answeredAttemptOfChunk0 = 0;
    long deadline = System.nanoTime() + HANG.toNanos();
    while (!future.isDone() && System.nanoTime() - deadline < 0) {
      Sent<?> attempt = transport.sent.poll(10, TimeUnit.MILLISECONDS);
      if (attempt == null) {
        continue;
      }
      int index = attempt.chunk.index();
      int number = attempt.chunk.attempt();
      if ((index == 0 && number <= 3) || (index == 1 && number == 1)) {
        held.add(attempt);
        continue;
      }
      if (index == 0) {
        answeredAttemptOfChunk0 = number;
      } else if (index == 1) {
        Thread.sleep(30);
      }
      attempt.answer();
    }
    assertTrue(future.isDone(), "the sum hangs; chunk 0's attempts held: " + held.size());
    assertEquals(800 * 799 / 2, get(future));
    assertEquals(4, answeredAttemptOfChunk0);
    assertEquals(4, held.size());
    await("the held attempts are cancelled", () -> held.stream().allMatch(sent -> sent.cancelled));
  }

  private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
    return future.handle((value, failure) -> failure).get(HANG.toSeconds(), TimeUnit.SECONDS);
  }
}
