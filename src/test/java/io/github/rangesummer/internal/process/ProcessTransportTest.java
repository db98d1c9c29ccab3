/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.LongTerm;
import io.github.rangesummer.WorkerProcessException;
import io.github.rangesummer.internal.Calls;
import io.github.rangesummer.internal.Finisher;
import io.github.rangesummer.internal.Int128;
import io.github.rangesummer.internal.Options;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.remote.ChunkRequest;
import io.github.rangesummer.internal.remote.RemoteScheduler;
import io.github.rangesummer.internal.remote.Shipment;
import io.github.rangesummer.internal.remote.Speculation;
import io.github.rangesummer.internal.remote.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import java.util.Arrays;

/**
 * {@link ProcessTransport}'s handling of workers, over {@link FakeWorkers} in this JVM: which
 * worker gets which chunk, the term sent once per worker and job, deaths, silence, protocol
 * faults and cancels. No JVM is started; {@code MultiProcessReliabilityTest} covers real ones.
 */
class ProcessTransportTest {

  private static final Duration HANG = Duration.ofSeconds(20);
  private static final long N = 1_000;
  private static final LongTerm TRIPLE = i -> 3 * i;

  private final FakeWorkers workers = new FakeWorkers();
  private RemoteScheduler<?> scheduler;

  private Calls calls(int workerCount) {
    return calls(workerCount, workerCount);
  }

  private final AtomicLong now = new AtomicLong();
  private ProcessTransport transport;

  /** Workers, and a scheduler's window that may hold more chunks than there are workers. */
  private Calls calls(int workerCount, int window) {
    transport =
        new ProcessTransport(
            "fake(" + workerCount + ")",
            workerCount,
            workers,
            now::get,
            false,
            ProcessTransport.Health.DEFAULTS);
    scheduler =
        new RemoteScheduler<>(
            "fake(" + workerCount + ")",
            "range-summer-test",
            transport,
            window,
            ProcessTransport.MAX_ATTEMPTS,
            Speculation.OFF, // these tests count what each worker received
            System::nanoTime,
            true);
    return new Calls(scheduler, Options.DEFAULTS.withMinChunk(1), new Object());
  }

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close();
    }
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
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

  private static CompletableFuture<Long> triple(Calls calls, long end) {
    return calls.sumAsync(0, end, Summation.ofLong(TRIPLE), Finisher.exactLong());
  }

  @Test
  void sum_isExact_andStartsNoMoreWorkersThanChunks() throws Exception {
    Calls calls = calls(3);
    assertEquals(0L, get(triple(calls, 1)));
    assertEquals(1, workers.started.size(), "one chunk, one worker");
    assertEquals(3 * N * (N - 1) / 2, get(triple(calls, N)));
    assertTrue(workers.started.size() <= 3, workers.started.size() + " workers for a window of 3");
  }

  @Test
  void term_isSentOncePerWorkerAndJob() throws Exception {
    Calls calls = calls(1, 2); // eight chunks a job, all on one worker, which waits for each
    get(triple(calls, N));
    get(triple(calls, N));
    FakeWorkers.FakeWorker worker = workers.started.get(0);
    assertEquals(16, worker.requests.size(), "two jobs of four chunks per place in the window");
    Set<Long> jobs = ConcurrentHashMap.newKeySet();
    Set<Long> jobsWithTerm = ConcurrentHashMap.newKeySet();
    for (var request : worker.requests) {
      jobs.add(request.job());
      if (request.term() != null) {
        assertTrue(jobsWithTerm.add(request.job()), "a second term for job " + request.job());
      }
    }
    assertEquals(2, jobs.size());
    assertEquals(jobs, jobsWithTerm, "each job's first chunk carries the term, and only it");
  }

  @Test
  void workerDiesWithAChunk_isReplaced_andTheChunkRetried() throws Exception {
    workers.behaviour =
        (number, request) ->
            number == 1 && request.index() == 0 ? FakeWorkers.Action.DIE : FakeWorkers.Action.COMPUTE;
    Calls calls = calls(1, 2); // one worker: its death leaves its slot empty
    assertEquals(3 * N * (N - 1) / 2, get(triple(calls, N)));
    assertEquals(2, workers.started.size(), "the dead worker was replaced");
    assertTrue(
        workers.started.get(1).requests.stream().anyMatch(request -> request.index() == 0),
        "the new worker computed the lost chunk");
  }

  @Test
  void workerDiesTwice_failsNamingTheWorkerAndItsExitCode() throws Exception {
    workers.behaviour =
        (number, request) -> request.index() == 0 ? FakeWorkers.Action.DIE : FakeWorkers.Action.COMPUTE;
    Calls calls = calls(2);
    WorkerProcessException failure =
        assertInstanceOf(WorkerProcessException.class, failureOf(triple(calls, N)));
    assertEquals(44, failure.exitCode().orElseThrow());
    assertTrue(failure.getMessage().contains("was lost on all 2 attempts"), failure::getMessage);
    assertTrue(failure.getMessage().contains("exited with code 44"), failure::getMessage);
    assertTrue(failure.worker().contains("(fake "), failure::worker);
    workers.behaviour = (number, request) -> FakeWorkers.Action.COMPUTE;
    assertEquals(3 * 10 * 9 / 2, get(triple(calls, 10)), "the summer stays usable");
  }

  @Test
  void workerDiesBeforeItStarts_isNotRetried() throws Exception {
    workers.sayHello = false;
    Calls calls = calls(1);
    WorkerProcessException failure =
        assertInstanceOf(WorkerProcessException.class, failureOf(triple(calls, 10)));
    assertTrue(failure.getMessage().contains("died before it could start"), failure::getMessage);
    assertTrue(failure.getMessage().contains("attempt 1, which is not retried"), failure::getMessage);
    assertEquals(1, workers.started.size());
  }

  @Test
  void workerSpeaksOfAChunkItDoesNotHold_isKilled_andTheChunkRetried() throws Exception {
    workers.behaviour =
        (number, request) ->
            number == 1 && request.index() == 0
                ? FakeWorkers.Action.WRONG_INDEX
                : FakeWorkers.Action.COMPUTE;
    Calls calls = calls(2);
    assertEquals(3 * N * (N - 1) / 2, get(triple(calls, N)));
    assertTrue(workers.started.get(0).killed.get(), "the worker that broke the protocol");
  }

  /**
   * A worker drops a cancelled chunk it has not begun without reading its term. The job's next
   * chunk to that worker, already waiting when the cancel is answered (as when a cancelled job's
   * other chunks are still being cancelled), carries the term again: a CI run saw a worker exit
   * with "no term was sent for job 2853".
   */
  @Test
  void chunkDroppedUnreadOnCancel_theJobsNextChunkCarriesTheTermAgain() throws Exception {
    workers.behaviour =
        (number, request) ->
            request.index() == 0 ? FakeWorkers.Action.DROP_ON_CANCEL : FakeWorkers.Action.COMPUTE;
    calls(1);
    Summation<Int128> summation = Summation.ofLong(TRIPLE);
    Shipment shipment = transport.prepare(summation);
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    Transport.Handle held =
        transport.send(shipment, summation, new Transport.Chunk(0, 0, 5, 1), first);
    transport.send(shipment, summation, new Transport.Chunk(1, 5, 10, 1), second); // waits
    await(
        "the first chunk reaches the worker",
        () -> !workers.started.isEmpty() && !workers.started.get(0).requests.isEmpty());
    held.cancel();

    assertInstanceOf(
        CancellationException.class, first.lost.get(HANG.toSeconds(), TimeUnit.SECONDS));
    Int128 partial = second.result.get(HANG.toSeconds(), TimeUnit.SECONDS);
    assertEquals(3 * (5 + 6 + 7 + 8 + 9), partial.toBigInteger().longValueExact());
    List<ChunkRequest> requests = workers.started.get(0).requests;
    assertEquals(2, requests.size());
    assertNotNull(requests.get(1).term(), "the term travels again");
    assertEquals(1, workers.started.size(), "the worker was kept");
  }

  /** What a transport answered for one attempt. */
  private static final class Recorder implements Transport.Replies<Int128> {
    final CompletableFuture<Int128> result = new CompletableFuture<>();
    final CompletableFuture<Throwable> lost = new CompletableFuture<>();

    @Override
    public boolean tracksProgress() {
      return false;
    }

    @Override
    public void progress(long elements) {}

    @Override
    public void result(Int128 partial) {
      result.complete(partial);
    }

    @Override
    public void termFailed(Throwable failure) {
      result.completeExceptionally(failure);
    }

    @Override
    public void lost(Throwable cause) {
      lost.complete(cause);
      result.completeExceptionally(cause);
    }
  }

  @Test
  void cancelledChunk_isCancelledOnItsWorker_andADeafWorkerIsKilled() throws Exception {
    workers.behaviour = (number, request) -> FakeWorkers.Action.SILENT;
    Calls calls = calls(1);
    CompletableFuture<Long> future = triple(calls, 10);
    await("the chunk reaches its worker", () -> !workers.started.isEmpty()
        && !workers.started.get(0).requests.isEmpty());
    FakeWorkers.FakeWorker deaf = workers.started.get(0);
    future.cancel(true);
    await("the worker is told to cancel", () -> !deaf.cancels.isEmpty());
    assertEquals(deaf.requests.get(0).job(), deaf.cancels.get(0));
    await("the deaf worker is killed", deaf.killed::get);
    workers.behaviour = (number, request) -> FakeWorkers.Action.COMPUTE;
    assertEquals(3 * 10 * 9 / 2, get(triple(calls, 10)), "a fresh worker takes over");
  }

  /**
   * A 100 MB array on worker processes: every chunk carries its own slice, at most {@link
   * RemoteScheduler#MAX_CHUNK_BYTES}, and the slices add up to the array once (issue 23).
   */
  @Test
  void arrayOfHundredMegabytes_travelsInSlicesOnly() throws Exception {
    long[] values = new long[12_500_000]; // 100 MB
    Arrays.setAll(values, i -> i % 1_000 - 500);
    Calls calls = calls(2);
    long expected = Arrays.stream(values).sum();
    assertEquals(
        expected,
        get(calls.sumAsync(0, values.length, Summation.ofLongs(values), Finisher.exactLong())));
    long largest = 0;
    long total = 0;
    for (FakeWorkers.FakeWorker worker : workers.started) {
      for (var request : worker.requests) {
        largest = Math.max(largest, request.data().length);
        total += request.data().length;
        assertEquals(null, request.term(), "an array's chunk has no term");
      }
    }
    assertTrue(largest <= RemoteScheduler.MAX_CHUNK_BYTES, largest + " bytes in one chunk");
    assertEquals(8L * values.length, total, "every element travels once");
  }

  /**
   * A worker that says nothing for ten seconds, no answer, no progress, no heartbeat, is frozen:
   * it is killed, its chunk retried on a new worker, and the sum exact (issue 24).
   */
  @Test
  void silentWorker_isKilled_andItsChunkRetriedElsewhere() throws Exception {
    workers.behaviour =
        (number, request) -> number == 1 ? FakeWorkers.Action.SILENT : FakeWorkers.Action.COMPUTE;
    Calls calls = calls(1, 1);
    CompletableFuture<Long> future = triple(calls, 10);
    await("the chunk reaches its worker", () -> !workers.started.isEmpty()
        && !workers.started.get(0).requests.isEmpty());
    FakeWorkers.FakeWorker frozen = workers.started.get(0);
    now.addAndGet(ProcessTransport.SILENCE_MILLIS * 1_000_000 - 1);
    transport.checkHealth();
    assertTrue(!frozen.killed.get(), "silent for less than the bound");
    now.addAndGet(2);
    transport.checkHealth();
    assertTrue(frozen.killed.get(), "silent beyond the bound");
    assertEquals(3 * 10 * 9 / 2, get(future));
    assertEquals(2, workers.started.size(), "a new worker took its place");
  }

  @Test
  void busyWorkerThatBeats_isNotKilled() throws Exception {
    workers.behaviour = (number, request) -> FakeWorkers.Action.SILENT;
    Calls calls = calls(1, 1);
    CompletableFuture<Long> future = triple(calls, 10);
    await("the chunk reaches its worker", () -> !workers.started.isEmpty()
        && !workers.started.get(0).requests.isEmpty());
    FakeWorkers.FakeWorker busy = workers.started.get(0);
    for (int second = 0; second < 30; second++) {
      now.addAndGet(1_000_000_000L);
      busy.heartbeat();
      transport.checkHealth();
    }
    assertTrue(!busy.killed.get(), "thirty seconds busy, beating every second");
    assertTrue(!future.isDone());
  }
}
