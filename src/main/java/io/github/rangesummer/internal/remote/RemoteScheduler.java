/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import com.google.common.util.concurrent.MoreExecutors;
import io.github.rangesummer.internal.ChunkRunner;
import io.github.rangesummer.internal.Deadlines;
import io.github.rangesummer.internal.Job;
import io.github.rangesummer.internal.Partition;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.local.Elastic;
import io.github.rangesummer.internal.local.Threads;
import io.github.rangesummer.internal.remote.Transport.Chunk;
import io.github.rangesummer.internal.remote.Transport.Handle;
import io.github.rangesummer.internal.remote.Transport.Replies;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs chunks elsewhere, through a {@link Transport}: the one mechanism that every remote strategy
 * shares, so that each transport stays thin.
 *
 * <ul>
 *   <li><b>Window.</b> At most {@code window} ordinary attempts are in flight at once, over all
 *       the jobs of this runner, which take turns (round robin); an answer frees a place for the
 *       next chunk.
 *   <li><b>Retries.</b> A chunk whose attempts the transport all reports {@linkplain Replies#lost
 *       lost} is sent again, first in line, until it has been lost {@code maxAttempts} times; then
 *       the job fails with {@link Transport#exhausted}. Attempts in flight together when one of
 *       them is lost (an attempt and its speculative copies, all sent to a member that froze or
 *       died) count as one loss: one event, not three, so a chunk fails only after {@code
 *       maxAttempts} losses one after another, each of an attempt sent after the loss before.
 *       Failures of the term and of {@code send} are fatal.
 *   <li><b>Back-pressure.</b> A loss the transport calls {@linkplain Transport#isBackPressure
 *       back-pressure} (an executor that refuses work because its queue is full) is no loss: the
 *       chunk waits, first in line, the window shrinks to the attempts still in flight and grows
 *       again by one per result, and sending pauses for a back-off that doubles from 10 ms to 1 s
 *       while refusals go on.
 *   <li><b>Speculation.</b> A chunk whose attempt runs far longer than its job's finished chunks
 *       took gets another attempt, within the bounds of {@link Speculation}; the first result
 *       wins. The check runs on a timer, over the oldest attempts of each job only, never over
 *       the whole window on every answer.
 *   <li><b>Duplicates.</b> The first result per chunk is merged and the rest ignored, whichever
 *       attempt they belong to: a cluster may run a chunk twice (Hazelcast re-runs a lost
 *       member's tasks), so exactness must not depend on "exactly once". A late result of a lost
 *       attempt is as good as the retry's, which is then cancelled.
 *   <li><b>Progress.</b> A chunk's progress is the most that one of its attempts has {@linkplain
 *       Replies#progress reported}, counted once however many attempts run, and taken back when
 *       every attempt of it was lost; a result counts only the rest of its chunk.
 *   <li><b>Cancellation.</b> When a job ends for any reason (its last result, the first failure,
 *       a cancel, a deadline, {@link #close()}), every attempt it still has in flight is
 *       cancelled.
 * </ul>
 *
 * <p>Answers are handled on this runner's own daemon threads, never on the transport's: merging,
 * progress listeners and code attached to a sum's future cannot stall a transport's I/O threads.
 * An attempt's answers are handled one at a time, in the order the transport gave them, so that
 * progress an attempt reported is counted before its loss takes it back. Every answer costs a
 * constant amount of work under the lock, whatever the window.
 *
 * @param <P> what the transport makes of a job before sending its chunks
 */
public final class RemoteScheduler<P> extends ChunkRunner<RemoteScheduler.Flight<?>> {

  private static final System.Logger LOG = System.getLogger("io.github.rangesummer");
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  /**
   * The most bytes of data a chunk carries to another JVM, {@value} (4 MiB): a chunk of a long
   * array holds at most half a million elements, so that no message grows with the array, and
   * the data of a window's chunks in flight stays bounded.
   */
  public static final long MAX_CHUNK_BYTES = 4 << 20;

  /** The first pause after the transport refused an attempt for back-pressure: 10 ms. */
  static final long MIN_BACKOFF_NANOS = 10_000_000L;

  /** The longest pause after refusals: 1 s. */
  static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

  private final Transport<P> transport;
  private final int window;
  private final int maxAttempts;
  private final Speculation speculation;
  private final LongSupplier clock;
  private final boolean timed; // checks stragglers and ends pauses on timers; tests do it by hand
  private final Elastic events;
  private final ArrayDeque<Flight<?>> queue = new ArrayDeque<>(); // guarded by this
  private final Set<Flight<?>> active = new LinkedHashSet<>(); // guarded by this
  private int ordinary; // ordinary attempts in flight; guarded by this
  private int speculative; // speculative attempts in flight; guarded by this
  private int stragglers; // attempts in flight found to be stragglers; guarded by this
  private int limit; // the window as back-pressure allows it; guarded by this
  private long pausedUntil; // no sends before this clock reading; guarded by this
  private long backoff = MIN_BACKOFF_NANOS; // guarded by this
  private boolean checking; // a straggler check is armed; guarded by this
  private boolean released; // guarded by this
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong speculated = new AtomicLong();

  /**
   * Creates a runner with the speculation the system properties ask for.
   *
   * @param name the strategy as the user created it, such as {@code distributed(8)}
   * @param transport where chunks go
   * @param window how many ordinary attempts may be in flight at once; also the partition's
   *     parallelism
   * @param maxAttempts how many times a chunk may be lost before its job fails
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
   * Creates a runner whose threads are named after {@code threadPrefix}, with the speculation the
   * system properties ask for.
   *
   * @param name the strategy as the user created it, such as {@code multiProcess(4)}
   * @param threadPrefix the start of the names of this runner's threads, such as {@code
   *     range-summer-mp3}; they are called {@code <threadPrefix>-events-<i>}
   * @param transport where chunks go
   * @param window how many ordinary attempts may be in flight at once; also the partition's
   *     parallelism
   * @param maxAttempts how many times a chunk may be lost before its job fails
   */
  public RemoteScheduler(
      String name, String threadPrefix, Transport<P> transport, int window, int maxAttempts) {
    this(
        name,
        threadPrefix,
        transport,
        window,
        maxAttempts,
        Speculation.fromSystemProperties(),
        System::nanoTime,
        true);
  }

  /**
   * Creates a runner with its speculation and its clock: for tests, which then call {@link
   * #checkStragglers()} and {@link #pumpAndDeliver()} themselves when {@code timed} is false.
   *
   * @param name the strategy as the user created it
   * @param threadPrefix the start of the names of this runner's threads
   * @param transport where chunks go
   * @param window how many ordinary attempts may be in flight at once
   * @param maxAttempts how many times a chunk may be lost before its job fails
   * @param speculation when stragglers get more attempts
   * @param clock the time, in nanoseconds
   * @param timed whether timers check stragglers and end pauses
   */
  public RemoteScheduler(
      String name,
      String threadPrefix,
      Transport<P> transport,
      int window,
      int maxAttempts,
      Speculation speculation,
      LongSupplier clock,
      boolean timed) {
    super(name);
    if (window < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "window (" + window + ") and maxAttempts (" + maxAttempts + ") must be > 0");
    }
    this.transport = transport;
    this.window = window;
    this.limit = window;
    this.maxAttempts = maxAttempts;
    this.speculation = speculation;
    this.clock = clock;
    this.timed = timed;
    this.events = new Elastic(threadPrefix + "-events");
  }

  @Override
  public int parallelism() {
    return window;
  }

  @Override
  protected long maxChunkBytes() {
    return MAX_CHUNK_BYTES;
  }

  @Override
  protected boolean callerHelps() {
    return false;
  }

  /** Returns how many attempts this runner has sent, speculative ones included. */
  public long attemptsSent() {
    return sent.get();
  }

  /** Returns how many of the attempts sent were speculative. */
  public long speculativeAttemptsSent() {
    return speculated.get();
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
      active.add(flight);
      sends = pump();
    }
    job.onEnd(() -> onJobEnd(flight));
    deliver(sends);
  }

  /** Fills the window with the next chunks of the queued jobs, in turn. Holds the lock. */
  private List<Attempt<?>> pump() {
    List<Attempt<?>> sends = new ArrayList<>();
    if (clock.getAsLong() - pausedUntil < 0) {
      return sends; // back-pressure: a timer pumps again when the pause ends
    }
    while (!released && ordinary < limit && !queue.isEmpty()) {
      Flight<?> flight = queue.poll();
      Attempt<?> attempt = flight.next(this);
      if (attempt == null) {
        continue; // nothing left to send; the job ends with its last answer
      }
      queue.add(flight);
      ordinary++;
      sends.add(attempt);
    }
    if (!sends.isEmpty()) {
      armCheck();
    }
    return sends;
  }

  /** Sends what {@link #pump} chose, outside the lock. */
  private void deliver(List<Attempt<?>> sends) {
    for (Attempt<?> attempt : sends) {
      attempt.send();
    }
  }

  /** Fills the window and sends, as after any answer. */
  void pumpAndDeliver() {
    List<Attempt<?>> sends;
    synchronized (this) {
      sends = pump();
    }
    deliver(sends);
  }

  /** Arms the next straggler check, if none is armed and speculation is on. Holds the lock. */
  private void armCheck() {
    if (!timed || checking || !speculation.enabled() || released) {
      return;
    }
    checking = true;
    long period = Math.max(10_000_000L, speculation.floorNanos() / 4);
    Deadlines.schedule(() -> later(this::timedCheck), period);
  }

  /**
   * Checks for stragglers and arms the next check while any attempt is unanswered: one that holds
   * a place, or a straggler that gave its place up to a copy. Counting only the attempts that hold
   * a place ended the checks when a copy answered while another chunk's stuck copy waited for a
   * place in the share: the copy this check then sent was never checked again.
   */
  private void timedCheck() {
    synchronized (this) {
      checking = false;
      if (ordinary + speculative + stragglers > 0) {
        armCheck();
      }
    }
    checkStragglers();
  }

  /**
   * Finds the stragglers among the oldest attempts of each job and sends speculative attempts
   * of their chunks within the bounds of {@link Speculation}. Each attempt is looked at once
   * while it is young and once more when it is found to straggle.
   */
  void checkStragglers() {
    if (!speculation.enabled()) {
      return;
    }
    List<Attempt<?>> sends = new ArrayList<>();
    synchronized (this) {
      if (released) {
        return;
      }
      long now = clock.getAsLong();
      boolean waiting = false;
      for (Flight<?> flight : active) {
        flight.findStragglers(this, now);
        waiting |= flight.hasWaitingChunks();
      }
      boolean blocked = stragglers >= Speculation.blocking(window);
      if (waiting && !blocked) {
        return;
      }
      int room = speculation.inFlight(window) - speculative;
      for (Iterator<Flight<?>> flights = active.iterator(); room > 0 && flights.hasNext(); ) {
        room -= flights.next().speculate(this, room, sends);
      }
      speculative += sends.size();
    }
    speculated.addAndGet(sends.size());
    deliver(sends);
  }

  /** Gives up an attempt's place; false if it was given up already. Holds the lock. */
  private boolean settle(Attempt<?> attempt) {
    if (attempt.settled) {
      return false;
    }
    attempt.settled = true;
    givePlace(attempt);
    if (attempt.straggler) {
      stragglers--;
    }
    attempt.state.live.remove(attempt);
    return true;
  }

  /** Gives up the place an attempt holds in the window or the share. Holds the lock. */
  private void givePlace(Attempt<?> attempt) {
    if (attempt.holdsPlace) {
      attempt.holdsPlace = false;
      if (attempt.speculative) {
        speculative--;
      } else {
        ordinary--;
      }
    }
  }

  /** Returns how many attempts hold a place in the window or the share; for tests. */
  synchronized int inFlight() {
    return ordinary + speculative;
  }

  private void onJobEnd(Flight<?> flight) {
    List<Attempt<?>> outstanding = new ArrayList<>();
    synchronized (this) {
      queue.remove(flight);
      active.remove(flight);
      for (ChunkState state : flight.chunks.values()) {
        outstanding.addAll(state.live);
      }
      for (Attempt<?> attempt : outstanding) {
        settle(attempt);
      }
      flight.chunks.clear();
      flight.young.clear();
      flight.stragglers.clear();
    }
    for (Attempt<?> attempt : outstanding) {
      attempt.cancel();
    }
    pumpAndDeliver();
  }

  private <A> void onProgress(Attempt<A> attempt, long elements) {
    Flight<A> flight = attempt.flight;
    long counted;
    synchronized (this) {
      attempt.progress += elements;
      ChunkState state = attempt.state;
      if (flight.job.isStopped()
          || flight.done.get(attempt.chunk.index())
          || Long.compareUnsigned(attempt.progress, state.counted) <= 0) {
        return; // another attempt of the chunk has reported as much: counted once
      }
      counted = attempt.progress - state.counted;
      state.counted = attempt.progress;
    }
    proceed(flight.job, counted);
  }

  private <A> void onResult(Attempt<A> attempt, A partial) {
    Flight<A> flight = attempt.flight;
    Job<A, ?> job = flight.job;
    int index = attempt.chunk.index();
    List<Attempt<?>> redundant = new ArrayList<>();
    boolean merge;
    long rest = 0;
    synchronized (this) {
      settle(attempt);
      merge = !job.isStopped() && !flight.done.get(index);
      if (merge) {
        flight.done.set(index);
        ChunkState state = attempt.state;
        for (Attempt<?> other : new ArrayList<>(state.live)) {
          settle(other);
          redundant.add(other);
        }
        flight.chunks.remove(index);
        flight.durations.add(clock.getAsLong() - attempt.sentAt);
        rest = attempt.chunk.to() - attempt.chunk.from() - state.counted; // unsigned
        limit = Math.min(window, limit + 1);
        backoff = MIN_BACKOFF_NANOS;
      }
    }
    for (Attempt<?> other : redundant) {
      other.cancel();
    }
    if (merge) {
      if (job.tracksProgress()) {
        proceed(job, rest);
      }
      job.complete(partial);
    }
    pumpAndDeliver();
  }

  /** Counts {@code elements} of progress, read as unsigned. */
  private static void proceed(Job<?, ?> job, long elements) {
    if (elements < 0) {
      job.proceed(Long.MAX_VALUE);
      elements -= Long.MAX_VALUE;
    }
    if (elements != 0) {
      job.proceed(elements);
    }
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
    ChunkState state = attempt.state;
    Chunk chunk = attempt.chunk;
    boolean exhausted = false;
    boolean unretryable = false;
    int sentAttempts = 0;
    long retracted = 0;
    long pause = 0;
    synchronized (this) {
      boolean first = settle(attempt);
      if (!first || flight.job.isStopped() || flight.done.get(chunk.index())) {
        return; // cancelled, superseded or answered already; the window moved on without it
      }
      if (transport.isBackPressure(cause)) {
        // Not a loss: the chunk waits, first in line, and sending pauses.
        if (state.live.isEmpty()) {
          flight.retries.addFirst(new Retry(state, chunk, null));
          if (!queue.contains(flight)) {
            queue.addFirst(flight);
          }
        }
        limit = Math.max(1, ordinary);
        pause = backoff;
        pausedUntil = clock.getAsLong() + pause;
        backoff = Math.min(MAX_BACKOFF_NANOS, 2 * backoff);
      } else {
        if (chunk.attempt() > state.lostUpTo) {
          // A loss of its own, not of an attempt in flight when an earlier loss was counted.
          state.losses++;
          state.lostUpTo = state.attempts;
        }
        if (!state.live.isEmpty()) {
          return; // another attempt of the chunk runs on, and may answer
        }
        retracted = state.counted;
        state.counted = 0;
        unretryable = !transport.retryable(cause);
        exhausted = state.losses >= maxAttempts || unretryable;
        sentAttempts = state.attempts;
        if (!exhausted) {
          flight.retries.add(new Retry(state, state.next(chunk), cause));
          if (!queue.contains(flight)) {
            queue.addFirst(flight);
          }
        }
      }
    }
    if (retracted != 0) {
      flight.job.retractProgress(retracted);
    }
    if (pause > 0) {
      if (timed) {
        Deadlines.schedule(() -> later(this::pumpAndDeliver), pause);
      }
      return;
    }
    if (exhausted) {
      // outside the lock
      flight.job.fail(exhausted(flight.job, chunk, sentAttempts, unretryable, cause));
    }
    pumpAndDeliver();
  }

  /**
   * The failure of a job whose chunk was lost once too often, in one wording for every transport.
   *
   * @param lost how many attempts at the chunk were sent, and lost
   * @param unretryable whether the last loss was one the transport does not retry
   */
  private RuntimeException exhausted(
      Job<?, ?> job, Chunk chunk, int lost, boolean unretryable, Throwable cause) {
    String message =
        String.format(
            Locale.ROOT,
            "chunk [%d, %d) of %s was lost on %s: %s",
            chunk.from(),
            chunk.to(),
            job.description(),
            unretryable
                ? "attempt " + lost + ", which is not retried"
                : "all " + lost + " attempts",
            transport.explain(cause));
    return transport.exhausted(
        message, new Chunk(chunk.index(), chunk.from(), chunk.to(), lost), cause);
  }

  @Override
  protected void release() {
    synchronized (this) {
      released = true;
      queue.clear();
      active.clear();
    }
    try {
      transport.release();
    } finally {
      Threads.shutdown(events.pool(), SHUTDOWN_WAIT);
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
   * A chunk to send again, the chunk's state, and why its previous attempt was lost.
   *
   * @param state the chunk's state
   * @param chunk the chunk, with its next attempt number
   * @param cause why the previous attempt was lost, or {@code null} when it was refused for
   *     back-pressure and is not logged
   */
  private record Retry(ChunkState state, Chunk chunk, Throwable cause) {}

  /** A chunk with attempts in flight or to come: guarded by the runner. */
  private static final class ChunkState {
    final List<Attempt<?>> live = new ArrayList<>(2);
    int attempts; // attempts sent
    int losses; // losses counted towards maxAttempts
    int lostUpTo; // attempts sent when the last counted loss happened; losses up to it are its
    int speculations; // speculative attempts sent
    long counted; // progress counted for the chunk, unsigned: the most one attempt reported

    /** The next attempt at the chunk. */
    Chunk next(Chunk chunk) {
      return new Chunk(chunk.index(), chunk.from(), chunk.to(), attempts + 1);
    }
  }

  /** A job as this runner sees it. Its mutable state is guarded by the runner. */
  static final class Flight<A> {
    final Job<A, ?> job;
    final Sender<A> sender;
    final ArrayDeque<Retry> retries = new ArrayDeque<>();
    final BitSet done = new BitSet();
    final Map<Integer, ChunkState> chunks = new HashMap<>();
    final Durations durations = new Durations();
    /** Attempts in the order they were sent, not yet found to straggle: the oldest first. */
    final ArrayDeque<Attempt<A>> young = new ArrayDeque<>();
    /** Attempts found to straggle whose chunks may get another attempt. */
    final ArrayDeque<Attempt<A>> stragglers = new ArrayDeque<>();

    Flight(Job<A, ?> job, Sender<A> sender) {
      this.job = job;
      this.sender = sender;
    }

    /** Whether chunks of this job wait for a place: retries, or chunks not yet claimed. */
    boolean hasWaitingChunks() {
      return !retries.isEmpty() || job.unclaimed() > 0;
    }

    /** The next ordinary attempt to send: a retry first, else a fresh chunk; null if none. */
    Attempt<A> next(RemoteScheduler<?> scheduler) {
      if (job.isStopped()) {
        return null;
      }
      Retry retry;
      do {
        retry = retries.poll();
      } while (retry != null && done.get(retry.chunk().index()));
      ChunkState state;
      Chunk chunk;
      if (retry != null) {
        state = retry.state();
        chunk = retry.chunk();
      } else {
        int index = job.claim();
        if (index < 0) {
          return null;
        }
        Partition partition = job.partition();
        state = new ChunkState();
        chunks.put(index, state);
        chunk = new Chunk(index, partition.from(index), partition.to(index), 1);
      }
      return launch(scheduler, state, chunk, false, retry == null ? null : retry.cause());
    }

    private Attempt<A> launch(
        RemoteScheduler<?> scheduler,
        ChunkState state,
        Chunk chunk,
        boolean speculative,
        Throwable lostBefore) {
      state.attempts = Math.max(state.attempts, chunk.attempt());
      Attempt<A> attempt =
          new Attempt<>(scheduler, this, state, chunk, speculative, lostBefore);
      attempt.sentAt = scheduler.clock.getAsLong();
      state.live.add(attempt);
      young.add(attempt);
      scheduler.sent.incrementAndGet();
      return attempt;
    }

    /** Moves the young attempts that have run too long to the stragglers. */
    void findStragglers(RemoteScheduler<?> scheduler, long now) {
      long median = durations.median();
      if (median < 0) {
        return; // no finished attempt yet: nothing to compare with
      }
      long threshold =
          Math.max(
              scheduler.speculation.floorNanos(),
              (long) Math.min(Long.MAX_VALUE, median * scheduler.speculation.multiple()));
      while (!young.isEmpty()) {
        Attempt<A> oldest = young.peek();
        if (oldest.settled) {
          young.poll();
        } else if (now - oldest.sentAt > threshold) {
          young.poll();
          oldest.straggler = true;
          scheduler.stragglers++;
          if (oldest.speculative) {
            scheduler.givePlace(oldest); // a stuck copy holds no share of the window
          }
          stragglers.add(oldest);
        } else {
          break; // the rest are younger
        }
      }
    }

    /**
     * Sends speculative attempts of straggling chunks, at most {@code room}, into {@code sends};
     * returns how many.
     */
    int speculate(RemoteScheduler<?> scheduler, int room, List<Attempt<?>> sends) {
      int launched = 0;
      while (launched < room && !stragglers.isEmpty()) {
        Attempt<A> straggler = stragglers.poll();
        ChunkState state = straggler.state;
        if (straggler.settled
            || done.get(straggler.chunk.index())
            || state.speculations >= scheduler.speculation.perChunk()) {
          continue;
        }
        state.speculations++;
        // The copy takes over the straggler's place: a stuck attempt does not hold the window
        // or the share for as long as it is stuck, and the copy counts in the share.
        scheduler.givePlace(straggler);
        sends.add(launch(scheduler, state, state.next(straggler.chunk), true, null));
        launched++;
      }
      return launched;
    }
  }

  /** One attempt at one chunk, and the transport's way to answer for it. */
  private static final class Attempt<A> implements Replies<A> {
    final RemoteScheduler<?> scheduler;
    final Flight<A> flight;
    final ChunkState state;
    final Chunk chunk;
    final boolean speculative;
    final Throwable lostBefore; // why the previous attempt was lost, for a retry
    long sentAt; // the clock when it was sent; guarded by the runner
    boolean settled; // guarded by the runner
    boolean straggler; // guarded by the runner
    boolean holdsPlace = true; // counts in the window or the share; guarded by the runner
    long progress; // elements it reported, unsigned; guarded by the runner
    private volatile Handle handle;
    private volatile boolean cancelled;

    /**
     * Runs this attempt's answers on the runner's threads one at a time, in the order given: a
     * loss must not take back progress before it was counted.
     */
    private final Executor answers;

    Attempt(
        RemoteScheduler<?> scheduler,
        Flight<A> flight,
        ChunkState state,
        Chunk chunk,
        boolean speculative,
        Throwable lostBefore) {
      this.scheduler = scheduler;
      this.flight = flight;
      this.state = state;
      this.chunk = chunk;
      this.speculative = speculative;
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
            "chunk [{0}, {1}) of {2} was lost ({3}); sent it again, attempt {4}",
            Long.toString(chunk.from()),
            Long.toString(chunk.to()),
            flight.job,
            lostBefore,
            chunk.attempt());
      } else if (speculative) {
        LOG.log(
            Level.DEBUG,
            "chunk [{0}, {1}) of {2} is running long; sent it again alongside, attempt {3}",
            Long.toString(chunk.from()),
            Long.toString(chunk.to()),
            flight.job,
            chunk.attempt());
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
      answers.execute(() -> scheduler.onProgress(this, elements));
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
      return (speculative ? "speculative " : "")
          + "attempt "
          + chunk.attempt()
          + " at chunk "
          + chunk.index()
          + " of "
          + flight.job;
    }
  }
}
