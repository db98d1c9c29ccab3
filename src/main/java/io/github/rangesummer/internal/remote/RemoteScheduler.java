/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import com.google.common.util.concurrent.MoreExecutors;
import io.github.rangesummer.internal.ChunkRunner;
import io.github.rangesummer.internal.Job;
import io.github.rangesummer.internal.Partition;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.local.Threads;
import io.github.rangesummer.internal.remote.Transport.Chunk;
import io.github.rangesummer.internal.remote.Transport.Handle;
import io.github.rangesummer.internal.remote.Transport.Replies;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Runs chunks elsewhere, through a {@link Transport}: the one mechanism that every remote strategy
 * shares, so that each transport stays thin.
 *
 * <ul>
 *   <li><b>Window.</b> At most {@code window} attempts are in flight at once, over all the jobs of
 *       this runner, which take turns (round robin); an answer frees a place for the next chunk.
 *   <li><b>Retries.</b> An attempt the transport reports {@linkplain Replies#lost lost} is sent
 *       again, first in line, up to {@code maxAttempts} attempts per chunk; then the job fails
 *       with {@link Transport#exhausted}. Failures of the term and of {@code send} are fatal.
 *   <li><b>Duplicates.</b> The first result per chunk is merged and the rest ignored, whichever
 *       attempt they belong to: a cluster may run a chunk twice (Hazelcast re-runs a lost
 *       member's tasks), so exactness must not depend on "exactly once". A late result of a lost
 *       attempt is as good as the retry's, which is then cancelled.
 *   <li><b>Progress.</b> Progress an attempt {@linkplain Replies#progress reports} is counted
 *       at once and taken back if the attempt is lost; a result counts only the rest of its chunk.
 *   <li><b>Cancellation.</b> When a job ends for any reason (its last result, the first failure,
 *       a cancel, a deadline, {@link #close()}), every attempt it still has in flight is
 *       cancelled.
 * </ul>
 *
 * <p>Answers are handled on this runner's own daemon threads, never on the transport's: merging,
 * progress listeners and code attached to a sum's future cannot stall a transport's I/O threads.
 * An attempt's answers are handled one at a time, in the order the transport gave them, so that
 * progress an attempt reported is counted before its loss takes it back.
 *
 * @param <P> what the transport makes of a job before sending its chunks
 */
public final class RemoteScheduler<P> extends ChunkRunner<RemoteScheduler.Flight<?>> {

  private static final System.Logger LOG = System.getLogger("io.github.rangesummer");
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private final Transport<P> transport;
  private final int window;
  private final int maxAttempts;
  private final ThreadPoolExecutor events;
  private final ArrayDeque<Flight<?>> queue = new ArrayDeque<>(); // guarded by this
  private int inFlight; // guarded by this
  private boolean released; // guarded by this

  /**
   * Creates a runner.
   *
   * @param name the strategy as the user created it, such as {@code distributed(8)}
   * @param transport where chunks go
   * @param window how many attempts may be in flight at once; also the partition's parallelism
   * @param maxAttempts how many times a chunk is tried before its job fails
   */
  public RemoteScheduler(String name, Transport<P> transport, int window, int maxAttempts) {
    this(
        name,
        "range-summer-remote" + Threads.nextSerial(),
        transport,
        window,
        maxAttempts);
  }

  /**
   * Creates a runner whose threads are named after {@code threadPrefix}.
   *
   * @param name the strategy as the user created it, such as {@code multiProcess(4)}
   * @param threadPrefix the start of the names of this runner's threads, such as {@code
   *     range-summer-mp3}; they are called {@code <threadPrefix>-events-<i>}
   * @param transport where chunks go
   * @param window how many attempts may be in flight at once; also the partition's parallelism
   * @param maxAttempts how many times a chunk is tried before its job fails
   */
  public RemoteScheduler(
      String name, String threadPrefix, Transport<P> transport, int window, int maxAttempts) {
    super(name);
    if (window < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "window (" + window + ") and maxAttempts (" + maxAttempts + ") must be > 0");
    }
    this.transport = transport;
    this.window = window;
    this.maxAttempts = maxAttempts;
    this.events = Threads.newPool(threadPrefix + "-events", Integer.MAX_VALUE);
  }

  @Override
  public int parallelism() {
    return window;
  }

  /**
   * The most bytes of data a chunk carries to another JVM, {@value} (4 MiB): a chunk of a long
   * array holds at most half a million elements, so that no message grows with the array, and
   * the data of a window's chunks in flight stays bounded.
   */
  public static final long MAX_CHUNK_BYTES = 4 << 20;

  @Override
  protected long maxChunkBytes() {
    return MAX_CHUNK_BYTES;
  }

  @Override
  protected boolean callerHelps() {
    return false;
  }

  /** Lets the transport prepare the job on the caller's thread, so its failure is thrown there. */
  @Override
  protected Flight<?> prepare(Job<?, ?> job) {
    return flight(job);
  }

  private <A> Flight<A> flight(Job<A, ?> job) {
    Summation<A> summation = job.summation();
    P prepared = transport.prepare(summation);
    return new Flight<>(job, (chunk, replies) -> transport.send(prepared, summation, chunk, replies));
  }

  @Override
  protected void dispatch(Job<?, ?> job, Flight<?> flight, int helpers) {
    List<Attempt<?>> sends;
    synchronized (this) {
      if (released) {
        throw new RejectedExecutionException(name() + " is closed");
      }
      queue.add(flight);
      sends = pump();
    }
    job.onEnd(() -> onJobEnd(flight));
    deliver(sends);
  }

  /** Fills the window with the next chunks of the queued jobs, in turn. Holds the lock. */
  private List<Attempt<?>> pump() {
    List<Attempt<?>> sends = new ArrayList<>();
    while (!released && inFlight < window && !queue.isEmpty()) {
      Flight<?> flight = queue.poll();
      Attempt<?> attempt = flight.next(this);
      if (attempt == null) {
        continue; // nothing left to send; the job ends with its last answer
      }
      queue.add(flight);
      inFlight++;
      sends.add(attempt);
    }
    return sends;
  }

  /** Sends what {@link #pump} chose, outside the lock. */
  private void deliver(List<Attempt<?>> sends) {
    for (Attempt<?> attempt : sends) {
      attempt.send();
    }
  }

  private void pumpAndDeliver() {
    List<Attempt<?>> sends;
    synchronized (this) {
      sends = pump();
    }
    deliver(sends);
  }

  /** Gives up an attempt's place in the window; false if it was given up already. Holds the lock. */
  private boolean settle(Attempt<?> attempt) {
    if (attempt.settled) {
      return false;
    }
    attempt.settled = true;
    attempt.flight.outstanding.remove(attempt);
    inFlight--;
    return true;
  }

  private void onJobEnd(Flight<?> flight) {
    List<Attempt<?>> outstanding;
    synchronized (this) {
      queue.remove(flight);
      outstanding = new ArrayList<>(flight.outstanding);
      for (Attempt<?> attempt : outstanding) {
        settle(attempt);
      }
    }
    for (Attempt<?> attempt : outstanding) {
      attempt.cancel();
    }
    pumpAndDeliver();
  }

  private <A> void onResult(Attempt<A> attempt, A partial) {
    Flight<A> flight = attempt.flight;
    Job<A, ?> job = flight.job;
    int index = attempt.chunk.index();
    List<Attempt<?>> redundant = new ArrayList<>();
    boolean merge;
    synchronized (this) {
      settle(attempt);
      merge = !job.isStopped() && !flight.done.get(index);
      if (merge) {
        flight.done.set(index);
        for (Attempt<?> other : new ArrayList<>(flight.outstanding)) {
          if (other.chunk.index() == index) {
            settle(other);
            redundant.add(other);
          }
        }
      }
    }
    for (Attempt<?> other : redundant) {
      other.cancel();
    }
    if (merge) {
      if (job.tracksProgress()) {
        // unsigned: what the attempt has not reported yet
        long elements = attempt.chunk.to() - attempt.chunk.from() - attempt.progress;
        if (elements < 0) {
          job.proceed(Long.MAX_VALUE);
          elements -= Long.MAX_VALUE;
        }
        if (elements != 0) {
          job.proceed(elements);
        }
      }
      job.complete(partial);
    }
    pumpAndDeliver();
  }

  private void onTermFailure(Attempt<?> attempt, Throwable failure) {
    boolean fail;
    synchronized (this) {
      settle(attempt);
      fail = !attempt.flight.done.get(attempt.chunk.index());
    }
    if (fail) {
      attempt.flight.job.fail(failure);
    }
    pumpAndDeliver();
  }

  private void onLost(Attempt<?> attempt, Throwable cause) {
    Flight<?> flight = attempt.flight;
    Chunk chunk = attempt.chunk;
    boolean exhausted;
    synchronized (this) {
      boolean first = settle(attempt);
      if (!first || flight.job.isStopped() || flight.done.get(chunk.index())) {
        return; // cancelled, superseded or answered already; the window moved on without it
      }
      flight.job.retractProgress(attempt.progress);
      exhausted = chunk.attempt() >= maxAttempts || !transport.retryable(cause);
      if (!exhausted) {
        flight.retries.add(new Retry(chunk.retry(), cause));
        if (!queue.contains(flight)) {
          queue.addFirst(flight);
        }
      }
    }
    if (exhausted) {
      flight.job.fail(exhausted(flight.job, chunk, cause)); // outside the lock: it formats
    }
    pumpAndDeliver();
  }

  /** The failure of a job whose chunk was lost once too often, in one wording for every transport. */
  private RuntimeException exhausted(Job<?, ?> job, Chunk chunk, Throwable cause) {
    String message =
        String.format(
            Locale.ROOT,
            "chunk [%d, %d) of %s was lost on %s: %s",
            chunk.from(),
            chunk.to(),
            job.description(),
            chunk.attempt() >= maxAttempts
                ? "all " + chunk.attempt() + " attempts"
                : "attempt " + chunk.attempt() + ", which is not retried",
            transport.explain(cause));
    return transport.exhausted(message, chunk, cause);
  }

  @Override
  protected void release() {
    synchronized (this) {
      released = true;
      queue.clear();
    }
    try {
      transport.release();
    } finally {
      Threads.shutdown(events, SHUTDOWN_WAIT);
    }
  }

  /**
   * Runs an answer's handling on this runner's threads; once the runner is released, when nothing
   * waits for answers any more, inline.
   */
  private void later(Runnable action) {
    try {
      events.execute(action);
    } catch (RejectedExecutionException e) {
      action.run();
    }
  }

  /** Sends one attempt; throws what the transport's {@code send} throws. */
  @FunctionalInterface
  private interface Sender<A> {
    Handle send(Chunk chunk, Replies<A> replies);
  }

  /**
   * A chunk to send again, and why its previous attempt was lost.
   *
   * @param chunk the chunk, with its next attempt number
   * @param cause why the previous attempt was lost
   */
  private record Retry(Chunk chunk, Throwable cause) {}

  /** A job as this runner sees it. Its mutable state is guarded by the runner. */
  static final class Flight<A> {
    final Job<A, ?> job;
    final Sender<A> sender;
    final ArrayDeque<Retry> retries = new ArrayDeque<>();
    final BitSet done = new BitSet();
    final Set<Attempt<A>> outstanding = new LinkedHashSet<>();

    Flight(Job<A, ?> job, Sender<A> sender) {
      this.job = job;
      this.sender = sender;
    }

    /** The next attempt to send: a retry first, else a fresh chunk; null if none. */
    Attempt<A> next(RemoteScheduler<?> scheduler) {
      if (job.isStopped()) {
        return null;
      }
      Retry retry;
      do {
        retry = retries.poll();
      } while (retry != null && done.get(retry.chunk().index()));
      Chunk chunk;
      if (retry != null) {
        chunk = retry.chunk();
      } else {
        int index = job.claim();
        if (index < 0) {
          return null;
        }
        Partition partition = job.partition();
        chunk = new Chunk(index, partition.from(index), partition.to(index), 1);
      }
      Attempt<A> attempt =
          new Attempt<>(scheduler, this, chunk, retry == null ? null : retry.cause());
      outstanding.add(attempt);
      return attempt;
    }
  }

  /** One attempt at one chunk, and the transport's way to answer for it. */
  private static final class Attempt<A> implements Replies<A> {
    final RemoteScheduler<?> scheduler;
    final Flight<A> flight;
    final Chunk chunk;
    final Throwable lostBefore; // why the previous attempt was lost, for a retry
    boolean settled; // guarded by the runner
    long progress; // elements reported and counted; only in tasks of answers
    private volatile Handle handle;
    private volatile boolean cancelled;

    /**
     * Runs this attempt's answers on the runner's threads one at a time, in the order given: a
     * loss must not take back progress before it was counted.
     */
    private final Executor answers;

    Attempt(RemoteScheduler<?> scheduler, Flight<A> flight, Chunk chunk, Throwable lostBefore) {
      this.scheduler = scheduler;
      this.flight = flight;
      this.chunk = chunk;
      this.lostBefore = lostBefore;
      this.answers = MoreExecutors.newSequentialExecutor(scheduler::later);
    }

    void send() {
      Handle sent;
      try {
        sent = flight.sender.send(chunk, this);
      } catch (RuntimeException | Error e) {
        synchronized (scheduler) {
          scheduler.settle(this);
        }
        flight.job.fail(e);
        scheduler.pumpAndDeliver();
        return;
      }
      handle = sent;
      if (cancelled) {
        sent.cancel(); // cancelled while it was being sent
      } else if (lostBefore != null) {
        // Said once the retry is on its way: a retry that cannot be sent (a closed client, say)
        // fails the sum instead, and nothing claims it was retried.
        LOG.log(
            Level.WARNING,
            "chunk [{0}, {1}) of {2} was lost on attempt {3} ({4}); sent it again, attempt {5} of"
                + " {6}",
            Long.toString(chunk.from()),
            Long.toString(chunk.to()),
            flight.job,
            chunk.attempt() - 1,
            lostBefore,
            chunk.attempt(),
            scheduler.maxAttempts);
      }
    }

    void cancel() {
      cancelled = true;
      Handle sent = handle;
      if (sent != null) {
        sent.cancel();
      }
    }

    @Override
    public boolean tracksProgress() {
      return flight.job.tracksProgress();
    }

    @Override
    public void progress(long elements) {
      answers.execute(
          () -> {
            progress += elements;
            flight.job.proceed(elements);
          });
    }

    @Override
    public void result(A partial) {
      answers.execute(() -> scheduler.onResult(this, partial));
    }

    @Override
    public void termFailed(Throwable failure) {
      answers.execute(() -> scheduler.onTermFailure(this, failure));
    }

    @Override
    public void lost(Throwable cause) {
      answers.execute(() -> scheduler.onLost(this, cause));
    }

    @Override
    public String toString() {
      return "attempt " + chunk.attempt() + " at chunk " + chunk.index() + " of " + flight.job;
    }
  }
}
