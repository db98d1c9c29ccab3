/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import io.github.rangesummer.RangeSummerException;
import io.github.rangesummer.WorkerProcessException;
import io.github.rangesummer.internal.Deadlines;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.TermBytes;
import io.github.rangesummer.internal.local.Threads;
import io.github.rangesummer.internal.remote.Transport;
import java.io.IOException;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transport of {@code multiProcess(n)}: chunks go to up to {@code n} worker JVMs, started on
 * first use and kept warm, over each worker's {@link WorkerChannel}. The window, retries,
 * duplicates and cancellation are the scheduler's; this class only finds a worker for each chunk,
 * talks {@link Protocol} and tells what a dead worker means.
 *
 * <ul>
 *   <li>Each worker holds at most one chunk. A chunk sent while every worker is busy (one still
 *       abandoning a cancelled chunk) waits here until a worker is free. A worker is started only
 *       for a chunk that finds none idle, so a sum of fewer chunks than workers starts only as
 *       many workers as it has chunks.
 *   <li>A worker that dies while it holds a chunk is replaced and its chunk reported {@linkplain
 *       Replies#lost lost}: the scheduler retries it once ({@link #MAX_ATTEMPTS}); then, or at
 *       once if the worker died before it could start, the job fails with a {@link
 *       WorkerProcessException} naming the worker, its exit code and its last lines of stderr.
 *   <li>A cancelled chunk's worker is told to abandon it, and is killed and replaced if it has not
 *       within {@link #CANCEL_GRACE_MILLIS}.
 * </ul>
 *
 * <p>Each worker's frames are read by a thread of its own, which hands answers to the scheduler.
 */
public final class ProcessTransport implements Transport<ProcessTransport.Payload> {

  /** The most worker processes one summer may have. */
  public static final int MAX_WORKERS = 256;

  /** The longest forwarded line of worker output; see {@code RangeSummer.MAX_FORWARDED_LINE}. */
  public static final int MAX_FORWARDED_LINE = 8_192;

  /** How many times a chunk is tried before a dead worker fails its job. */
  public static final int MAX_ATTEMPTS = 2;

  /** How long a worker may take to abandon a cancelled chunk before it is killed. */
  static final long CANCEL_GRACE_MILLIS = 2_000;

  private static final long EXIT_WAIT_MILLIS = 2_000;

  /** How long a killed worker may take to be gone: only a kernel stuck in I/O takes long. */
  private static final long REAP_WAIT_MILLIS = 10_000;

  private static final System.Logger LOG = System.getLogger("io.github.rangesummer");

  private final String name;
  private final String threadPrefix;
  private final WorkerProcess[] slots;
  private final ArrayDeque<WorkerProcess> idle = new ArrayDeque<>(); // guarded by this
  private final ArrayDeque<Assignment<?>> waiting = new ArrayDeque<>(); // guarded by this
  private final AtomicLong jobIds = new AtomicLong();
  private final WorkerProcess.FrameHandler handler = new Handler();
  private int spawned; // guarded by this
  private boolean released; // guarded by this

  /**
   * Creates the transport; no process starts before the first chunk.
   *
   * @param name the strategy, such as {@code multiProcess(4)}, for messages
   * @param workers the number of worker processes, 1 to {@link #MAX_WORKERS}
   */
  public ProcessTransport(String name, int workers) {
    this.name = name;
    this.threadPrefix = "range-summer-mp" + Threads.nextSerial();
    this.slots = new WorkerProcess[workers];
  }

  /** Returns the start of the names of this transport's threads, such as {@code range-summer-mp3}. */
  public String threadPrefix() {
    return threadPrefix;
  }

  /**
   * What travels with a job's chunks: its id in the protocol, the kind of summation, and the term
   * serialized once (sent to each worker with its first chunk of the job).
   *
   * @param id the job's id, unique per transport
   * @param kind the kind of summation
   * @param term the serialized term, or {@code null} for the identity
   */
  public record Payload(long id, Summation.Kind kind, byte[] term) {}

  /**
   * Serializes the term on the caller's thread and checks it against the limits a worker reads
   * it with: a term that cannot travel fails at once, before anything is sent.
   */
  @Override
  public Payload prepare(Summation<?> summation) {
    Serializable term = summation.term();
    return new Payload(
        jobIds.incrementAndGet(), summation.kind(), term == null ? null : TermBytes.encode(term));
  }

  @Override
  public <A> Handle send(Payload prepared, Summation<A> summation, Chunk chunk, Replies<A> replies) {
    Assignment<A> assignment = new Assignment<>(prepared, summation, chunk, replies);
    synchronized (this) {
      if (released) {
        throw new RejectedExecutionException(name + " is closed");
      }
      WorkerProcess worker = idle.poll();
      if (worker == null) {
        worker = startWorker();
      }
      if (worker == null) {
        waiting.add(assignment); // every worker is busy, one with a chunk being abandoned
      } else {
        deliver(worker, assignment);
      }
    }
    return () -> cancel(assignment);
  }

  /**
   * Starts a worker in an empty slot, or returns {@code null} if there is none. Holds the lock.
   *
   * @throws RangeSummerException if the process cannot be started
   */
  private WorkerProcess startWorker() {
    for (int slot = 0; slot < slots.length; slot++) {
      if (slots[slot] == null) {
        int number = ++spawned;
        try {
          slots[slot] =
              WorkerProcess.start(
                  WorkerCommand.forThisJvm(),
                  "worker-" + number + " of " + name,
                  threadPrefix + "-worker-" + number,
                  handler);
        } catch (IOException | RuntimeException e) {
          throw new RangeSummerException(
              name + " cannot start a worker process with " + WorkerCommand.forThisJvm(), e);
        }
        return slots[slot];
      }
    }
    return null;
  }

  /**
   * Gives a worker a chunk and queues the frame for the worker's writer thread; a worker that
   * cannot take it is killed, and the chunk lost. Holds the lock, so that a cancel that finds the
   * chunk on its worker is queued after the chunk, never before it.
   */
  private void deliver(WorkerProcess worker, Assignment<?> a) {
    worker.assignment = a;
    try {
      worker.sendChunk(
          a.payload.id(),
          a.chunk.index(),
          a.payload.kind(),
          a.chunk.from(),
          a.chunk.to(),
          a.replies.tracksProgress(),
          a.payload.term());
    } catch (IOException e) {
      worker.kill(); // its reader sees the end and reports the chunk lost
    }
  }

  /** Tells the worker holding a cancelled chunk to drop it, and kills it if it does not. */
  private synchronized void cancel(Assignment<?> assignment) {
    if (waiting.remove(assignment)) {
      return;
    }
    for (WorkerProcess worker : slots) {
      if (worker != null && worker.assignment == assignment) {
        worker.sendCancel(assignment.payload.id());
        Deadlines.schedule(
            () -> killIfStillOn(worker, assignment), CANCEL_GRACE_MILLIS * 1_000_000);
      }
    }
  }

  private void killIfStillOn(WorkerProcess worker, Assignment<?> assignment) {
    boolean stuck;
    synchronized (this) {
      stuck = !worker.dead && worker.assignment == assignment;
    }
    if (stuck) {
      LOG.log(
          Level.WARNING,
          "{0} did not abandon cancelled chunk [{1}, {2}) within {3} ms; killing it",
          worker,
          Long.toString(assignment.chunk.from()),
          Long.toString(assignment.chunk.to()),
          CANCEL_GRACE_MILLIS);
      worker.kill();
    }
  }

  /** Returns the chunk a worker holds, checking that the worker speaks of that chunk. */
  private synchronized Assignment<?> current(WorkerProcess worker, long job, int index)
      throws IOException {
    Assignment<?> assignment = worker.assignment;
    if (assignment == null || assignment.payload.id() != job || assignment.chunk.index() != index) {
      throw new IOException(
          worker + " spoke of chunk " + index + " of job " + job + ", which it does not hold");
    }
    return assignment;
  }

  /** The worker answered for its chunk: it takes the next waiting one, or is idle. */
  private synchronized Assignment<?> finish(WorkerProcess worker, long job, int index)
      throws IOException {
    Assignment<?> done = current(worker, job, index);
    Assignment<?> next = released ? null : waiting.poll();
    if (next == null) {
      worker.assignment = null;
      idle.add(worker);
    } else {
      deliver(worker, next);
    }
    return done;
  }

  /** A worker's stream ended: it exited, was killed, or broke the protocol. */
  private void onWorkerEnd(WorkerProcess worker, IOException failure) {
    Assignment<?> lost;
    synchronized (this) {
      worker.dead = true;
      for (int slot = 0; slot < slots.length; slot++) {
        if (slots[slot] == worker) {
          slots[slot] = null;
        }
      }
      idle.remove(worker);
      lost = worker.assignment;
      worker.assignment = null;
      if (released) {
        return;
      }
    }
    if (failure != null) {
      worker.kill();
    }
    Integer exitCode = worker.awaitExit(EXIT_WAIT_MILLIS);
    if (lost != null) {
      lost.replies.lost(
          new WorkerLost(worker, exitCode, worker.stderrTail(), worker.started(), failure));
    } else {
      LOG.log(Level.DEBUG, "{0} ended with exit code {1}", worker, exitCode);
    }
    replaceForWaiting();
  }

  /** Gives a chunk that waits for a worker a new one, in the slot a dead worker left. */
  private synchronized void replaceForWaiting() {
    if (released || waiting.isEmpty()) {
      return;
    }
    WorkerProcess worker;
    try {
      worker = startWorker();
    } catch (RangeSummerException e) {
      waiting.poll().replies.termFailed(e); // fatal, as when the chunk was first sent
      return;
    }
    if (worker != null) {
      deliver(worker, waiting.poll());
    }
  }

  /** A chunk lost by a worker that died before it said hello is not retried. */
  @Override
  public boolean retryable(Throwable cause) {
    return !(cause instanceof WorkerLost) || ((WorkerLost) cause).started;
  }

  @Override
  public RuntimeException exhausted(String call, Chunk chunk, Throwable last) {
    if (!(last instanceof WorkerLost)) {
      return new RangeSummerException(
          String.format(
              Locale.ROOT,
              "chunk [%d, %d) of %s was lost on all %d attempts: %s",
              chunk.from(),
              chunk.to(),
              call,
              chunk.attempt(),
              last),
          last);
    }
    WorkerLost lost = (WorkerLost) last;
    String message =
        String.format(
                Locale.ROOT,
                "%s while computing chunk [%d, %d) of %s",
                lost.getMessage(),
                chunk.from(),
                chunk.to(),
                call)
            + (!lost.started
                ? "; it died before it could start"
                : chunk.attempt() > 1 ? ", on the chunk's retry" : "")
            + (lost.tail.isEmpty()
                ? "; it wrote nothing to stderr"
                : "; its last lines on stderr:\n  " + String.join("\n  ", lost.tail));
    return new WorkerProcessException(message, lost.worker, lost.exitCode, lost.tail, lost.failure);
  }

  /**
   * Ends every worker: closes its input, waits up to {@link #EXIT_WAIT_MILLIS} in all for the
   * workers to exit, kills the rest and reaps them all before returning. An interrupt does not cut
   * this short: the flag is restored at the end.
   */
  @Override
  public void release() {
    boolean[] interrupted = {Thread.interrupted()};
    List<WorkerProcess> live = new ArrayList<>();
    synchronized (this) {
      released = true;
      waiting.clear();
      for (WorkerProcess worker : slots) {
        if (worker != null) {
          live.add(worker);
        }
      }
      idle.clear();
    }
    for (WorkerProcess worker : live) {
      worker.closeInput();
    }
    long deadline = System.nanoTime() + EXIT_WAIT_MILLIS * 1_000_000;
    for (WorkerProcess worker : live) {
      worker.waitUntil(deadline, interrupted);
    }
    for (WorkerProcess worker : live) {
      worker.kill();
    }
    long reaped = System.nanoTime() + REAP_WAIT_MILLIS * 1_000_000;
    for (WorkerProcess worker : live) {
      if (!worker.waitUntil(reaped, interrupted)) {
        LOG.log(
            Level.WARNING, "{0} did not end within {1} ms of being killed", worker,
            REAP_WAIT_MILLIS);
      }
    }
    for (WorkerProcess worker : live) {
      worker.joinThreads(System.nanoTime() + EXIT_WAIT_MILLIS * 1_000_000, interrupted);
    }
    if (interrupted[0]) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads frames on a worker's reader thread. */
  private final class Handler implements WorkerProcess.FrameHandler {

    @Override
    public void onFrame(WorkerProcess worker, Protocol.Frame frame) throws IOException {
      switch (frame.type) {
        case Protocol.HELLO:
          int version = frame.payload.readInt();
          frame.payload.readLong(); // pid, known from the Process already
          frame.end();
          if (version != Protocol.VERSION) {
            throw new IOException("protocol version " + version + ", expected " + Protocol.VERSION);
          }
          worker.markStarted();
          break;
        case Protocol.RESULT:
          onResult(worker, frame);
          break;
        case Protocol.PROGRESS:
          {
            long job = frame.payload.readLong();
            int index = frame.payload.readInt();
            long elements = frame.payload.readLong();
            frame.end();
            current(worker, job, index).replies.progress(elements);
            break;
          }
        case Protocol.FAILURE:
          {
            long job = frame.payload.readLong();
            int index = frame.payload.readInt();
            RangeSummerException failure =
                TermClassMissing.fromWorker(Protocol.readThrowable(frame.payload), worker.name());
            frame.end();
            finish(worker, job, index).replies.termFailed(failure);
            break;
          }
        case Protocol.CANCELLED:
          {
            long job = frame.payload.readLong();
            int index = frame.payload.readInt();
            frame.end();
            finish(worker, job, index)
                .replies
                .lost(new CancellationException(worker + " abandoned the chunk as asked"));
            break;
          }
        default:
          throw new IOException("unexpected frame type " + frame.type);
      }
    }

    private void onResult(WorkerProcess worker, Protocol.Frame frame) throws IOException {
      long job = frame.payload.readLong();
      int index = frame.payload.readInt();
      current(worker, job, index).answer(frame, () -> finish(worker, job, index));
    }

    @Override
    public void onEnd(WorkerProcess worker, IOException failure) {
      onWorkerEnd(worker, failure);
    }
  }

  /** Frees the worker once its answer is read. */
  @FunctionalInterface
  private interface Finish {
    void run() throws IOException;
  }

  /** One chunk given, or to be given, to one worker. */
  static final class Assignment<A> {
    final Payload payload;
    final Summation<A> summation;
    final Chunk chunk;
    final Replies<A> replies;

    Assignment(Payload payload, Summation<A> summation, Chunk chunk, Replies<A> replies) {
      this.payload = payload;
      this.summation = summation;
      this.chunk = chunk;
      this.replies = replies;
    }

    /** Reads the chunk's sum from a result frame, frees the worker, and answers. */
    void answer(Protocol.Frame frame, Finish finish) throws IOException {
      A partial = summation.read(frame.payload);
      frame.end();
      finish.run();
      replies.result(partial);
    }
  }

  /** Why a worker's chunk was lost: the worker ended; the message says how. */
  static final class WorkerLost extends IOException {
    private static final long serialVersionUID = 1L;

    final String worker;
    final Integer exitCode;
    final transient List<String> tail;
    final boolean started;
    final IOException failure;

    WorkerLost(
        WorkerProcess worker,
        Integer exitCode,
        List<String> tail,
        boolean started,
        IOException failure) {
      super(
          worker
              + " "
              + (failure != null
                  ? "broke the protocol (" + failure.getMessage() + ")"
                  : exitCode == null ? "stopped answering" : "exited with code " + exitCode),
          failure);
      this.worker = worker.name();
      this.exitCode = exitCode;
      this.tail = tail;
      this.started = started;
      this.failure = failure;
    }
  }
}
