/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.RangeSummerException;
import io.github.rangesummer.WorkerProcessException;
import java.io.IOException;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The strategy of {@code multiProcess(n)}: chunks run in {@code n} worker JVMs, started on first
 * use and kept warm.
 *
 * <p>Scheduling is event-driven and needs no thread per call: a new job joins a round-robin queue,
 * and whenever a worker is idle (a job arrived, a worker answered, a worker was replaced) it is
 * given the next chunk of the next job. Each worker holds at most one chunk. Replies are read by
 * one thread per worker and handed to the job on a small pool, so that code the caller attached
 * to a future never blocks a reader.
 *
 * <p>A worker that dies while it holds a chunk is replaced and the chunk is retried once on the
 * fresh worker; if that dies too, or if the worker died before it could start, the job fails with
 * a {@link WorkerProcessException} naming the worker, its exit code and its last lines of stderr.
 * A cancelled job's workers are told to abandon their chunks and are killed and replaced if they
 * have not done so within {@link #CANCEL_GRACE_MILLIS}.
 */
public final class ProcessRunner extends ChunkRunner<byte[]> {

  /** The most worker processes one summer may have. */
  public static final int MAX_WORKERS = 256;

  /** The largest serialized term sent to workers; see {@code RangeSummer.MAX_TERM_BYTES}. */
  public static final int MAX_TERM_BYTES = 64 << 20;

  /** The deepest object nesting in a term; see {@code RangeSummer.MAX_TERM_DEPTH}. */
  public static final int MAX_TERM_DEPTH = 10_000;

  /** The most objects in a term; see {@code RangeSummer.MAX_TERM_OBJECTS}. */
  public static final int MAX_TERM_OBJECTS = 10_000_000;

  /** The longest forwarded line of worker output; see {@code RangeSummer.MAX_FORWARDED_LINE}. */
  public static final int MAX_FORWARDED_LINE = 8_192;

  /** How many times a chunk is tried before a dead worker fails its job. */
  static final int MAX_ATTEMPTS = 2;

  /** How long a worker may take to abandon a cancelled chunk before it is killed. */
  static final long CANCEL_GRACE_MILLIS = 2_000;

  private static final long EXIT_WAIT_MILLIS = 2_000;

  /** How long a killed worker may take to be gone: only a kernel stuck in I/O takes long. */
  private static final long REAP_WAIT_MILLIS = 10_000;
  private static final System.Logger LOG = System.getLogger("io.github.rangesummer");

  private final int workers;
  private final int serial = Threads.nextSerial();
  private final WorkerProcess[] slots;
  private final ArrayDeque<WorkerProcess> idle = new ArrayDeque<>();
  private final ArrayDeque<RemoteJob<?>> queue = new ArrayDeque<>();
  private final AtomicLong jobIds = new AtomicLong();
  private final ThreadPoolExecutor events;
  private final WorkerProcess.FrameHandler handler = new Handler();
  private int spawned; // guarded by this
  private boolean released; // guarded by this

  /**
   * Creates a runner; no process starts before the first sum.
   *
   * @param workers the number of worker processes, 1 to {@link #MAX_WORKERS}
   */
  public ProcessRunner(int workers) {
    super("multiProcess(" + workers + ")");
    this.workers = workers;
    this.slots = new WorkerProcess[workers];
    this.events = Threads.newPool("range-summer-mp" + serial + "-events", Integer.MAX_VALUE);
  }

  @Override
  public int parallelism() {
    return workers;
  }

  @Override
  protected boolean callerHelps() {
    return false;
  }

  /**
   * Serializes the term on the caller's thread and checks it against the limits a worker reads
   * it with: a term that cannot travel fails at once, before anything is sent.
   */
  @Override
  protected byte[] prepare(Job<?, ?> job) {
    Serializable term = job.summation().term();
    return term == null ? null : TermBytes.encode(term);
  }

  @Override
  protected void dispatch(Job<?, ?> job, byte[] term, int helpers) {
    RemoteJob<?> remote = new RemoteJob<>(job, jobIds.incrementAndGet(), term);
    List<Send> sends;
    synchronized (this) {
      if (released) {
        throw new RejectedExecutionException(name() + " is closed");
      }
      queue.add(remote);
      sends = schedule();
    }
    job.onEnd(() -> onJobEnd(remote));
    deliver(sends);
  }

  /** Gives idle workers chunks, starting workers where slots are empty. Holds the lock. */
  private List<Send> schedule() {
    List<Send> sends = new ArrayList<>();
    if (released || queue.isEmpty()) {
      return sends;
    }
    int demand = -idle.size();
    for (RemoteJob<?> remote : queue) {
      demand += remote.remaining();
    }
    startMissingWorkers(demand);
    while (!idle.isEmpty() && !queue.isEmpty()) {
      RemoteJob<?> remote = queue.poll();
      Assignment assignment = remote.next();
      if (assignment == null) {
        continue; // no chunk left to hand out; the job ends when its last reply comes
      }
      queue.add(remote); // round robin between concurrent jobs
      WorkerProcess worker = idle.poll();
      worker.assignment = assignment;
      sends.add(new Send(worker, assignment));
    }
    return sends;
  }

  /**
   * Starts workers in empty slots, but no more than {@code wanted}: a sum of fewer chunks than
   * workers starts only as many workers as it has chunks.
   */
  private void startMissingWorkers(int wanted) {
    for (int slot = 0; slot < slots.length && wanted > 0; slot++) {
      if (slots[slot] != null) {
        continue;
      }
      wanted--;
      int number = ++spawned;
      try {
        WorkerProcess worker =
            WorkerProcess.start(
                WorkerCommand.forThisJvm(),
                "worker-" + number + " of " + name(),
                "range-summer-mp" + serial + "-worker-" + number,
                handler);
        slots[slot] = worker;
        idle.add(worker);
      } catch (IOException | RuntimeException e) {
        RangeSummerException failure =
            new RangeSummerException(
                name() + " cannot start a worker process with " + WorkerCommand.forThisJvm(), e);
        for (RemoteJob<?> remote : queue) {
          later(() -> remote.job.fail(failure));
        }
        queue.clear();
        return;
      }
    }
  }

  /**
   * Sends the chunks decided under the lock; a worker that cannot take one is killed. A job that
   * ended meanwhile may have sent its cancel ahead of the chunk, which the worker would then
   * compute in full: such a chunk is followed by a cancel of its own.
   */
  private void deliver(List<Send> sends) {
    for (Send send : sends) {
      Assignment a = send.assignment;
      Partition partition = a.remote.job.partition();
      try {
        send.worker.sendChunk(
            a.remote.id,
            a.index,
            a.remote.job.summation().kind(),
            partition.from(a.index),
            partition.to(a.index),
            a.remote.job.tracksProgress(),
            a.remote.term);
      } catch (IOException e) {
        send.worker.kill(); // its reader sees the end and retries the chunk elsewhere
        continue;
      }
      if (a.remote.job.result().isDone()) {
        send.worker.sendCancel(a.remote.id);
      }
    }
  }

  /** When a job ends, tells its workers to drop their chunks, and kills those that do not. */
  private void onJobEnd(RemoteJob<?> remote) {
    List<WorkerProcess> busy = new ArrayList<>();
    synchronized (this) {
      queue.remove(remote);
      for (WorkerProcess worker : slots) {
        if (worker != null && worker.assignment != null && worker.assignment.remote == remote) {
          busy.add(worker);
        }
      }
    }
    for (WorkerProcess worker : busy) {
      worker.sendCancel(remote.id);
      Deadlines.schedule(() -> killIfStillOn(worker, remote), CANCEL_GRACE_MILLIS * 1_000_000);
    }
  }

  private void killIfStillOn(WorkerProcess worker, RemoteJob<?> remote) {
    boolean stuck;
    synchronized (this) {
      stuck = !worker.dead && worker.assignment != null && worker.assignment.remote == remote;
    }
    if (stuck) {
      LOG.log(
          Level.WARNING,
          "{0} did not abandon a chunk of a cancelled {1} within {2} ms; killing it",
          worker,
          remote.job,
          CANCEL_GRACE_MILLIS);
      worker.kill();
    }
  }

  /** The worker answered for its chunk: it is idle again. Returns the chunk it held. */
  private Assignment finishAssignment(WorkerProcess worker, long job, int index)
      throws IOException {
    Assignment assignment;
    List<Send> sends;
    synchronized (this) {
      assignment = worker.assignment;
      if (assignment == null || assignment.remote.id != job || assignment.index != index) {
        throw new IOException(
            worker + " answered for chunk " + index + " of job " + job + ", which it does not hold");
      }
      worker.assignment = null;
      idle.add(worker);
      sends = schedule();
    }
    deliver(sends);
    return assignment;
  }

  private synchronized Assignment current(WorkerProcess worker, long job, int index)
      throws IOException {
    Assignment assignment = worker.assignment;
    if (assignment == null || assignment.remote.id != job || assignment.index != index) {
      throw new IOException(
          worker + " reported on chunk " + index + " of job " + job + ", which it does not hold");
    }
    return assignment;
  }

  /** A worker's stream ended: it exited, was killed, or broke the protocol. */
  private void onWorkerEnd(WorkerProcess worker, IOException failure) {
    Assignment lost;
    boolean closing;
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
      closing = released;
    }
    if (closing) {
      return;
    }
    if (failure != null) {
      worker.kill();
    }
    Integer exitCode = worker.awaitExit(EXIT_WAIT_MILLIS);
    List<String> tail = worker.stderrTail();
    if (lost != null && !lost.remote.job.isStopped()) {
      handleLostChunk(worker, lost, exitCode, tail, failure);
    } else {
      LOG.log(Level.DEBUG, "{0} ended with exit code {1}", worker, exitCode);
    }
    List<Send> sends;
    synchronized (this) {
      sends = schedule();
    }
    deliver(sends);
  }

  private void handleLostChunk(
      WorkerProcess worker, Assignment lost, Integer exitCode, List<String> tail, IOException e) {
    Partition partition = lost.remote.job.partition();
    String what =
        String.format(
            Locale.ROOT,
            "%s %s while computing chunk [%d, %d) of %s",
            worker,
            e != null
                ? "broke the protocol (" + e.getMessage() + ")"
                : exitCode == null ? "stopped answering" : "exited with code " + exitCode,
            partition.from(lost.index),
            partition.to(lost.index),
            lost.remote.job);
    lost.remote.job.retractProgress(lost.progress);
    if (!worker.started() || lost.attempt >= MAX_ATTEMPTS) {
      String why =
          !worker.started()
              ? "; it died before it could start"
              : lost.attempt > 1 ? ", on the chunk's retry" : "";
      String message =
          what
              + why
              + (tail.isEmpty()
                  ? "; it wrote nothing to stderr"
                  : "; its last lines on stderr:\n  " + String.join("\n  ", tail));
      WorkerProcessException failure =
          new WorkerProcessException(message, worker.name(), exitCode, tail, e);
      later(() -> lost.remote.job.fail(failure));
      return;
    }
    LOG.log(Level.WARNING, "{0}; retrying the chunk on another worker", what);
    synchronized (this) {
      lost.remote.retry(lost.index, lost.attempt + 1);
      if (!queue.contains(lost.remote)) {
        queue.addFirst(lost.remote);
      }
    }
  }

  /**
   * Ends every worker: closes its input, waits up to {@link #EXIT_WAIT_MILLIS} in all for the
   * workers to exit, kills the rest and reaps them all before returning. An interrupt does not cut
   * this short: the flag is restored at the end.
   */
  @Override
  protected void release() {
    boolean[] interrupted = {Thread.interrupted()};
    List<WorkerProcess> live = new ArrayList<>();
    synchronized (this) {
      released = true;
      queue.clear();
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
        LOG.log(Level.WARNING, "{0} did not end within {1} ms of being killed", worker,
            REAP_WAIT_MILLIS);
      }
    }
    for (WorkerProcess worker : live) {
      worker.joinThreads(System.nanoTime() + EXIT_WAIT_MILLIS * 1_000_000, interrupted);
    }
    events.shutdown();
    if (interrupted[0]) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs job callbacks off the reader threads, so that code attached to a future cannot stall a
   * worker's replies; after close, when nothing is waiting for them any more, runs them inline.
   */
  private void later(Runnable action) {
    try {
      events.execute(action);
    } catch (RejectedExecutionException e) {
      action.run();
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
            Assignment assignment = current(worker, job, index);
            assignment.progress += elements;
            later(() -> assignment.remote.job.proceed(elements));
            break;
          }
        case Protocol.FAILURE:
          {
            long job = frame.payload.readLong();
            int index = frame.payload.readInt();
            RangeSummerException failure =
                TermClassMissing.fromWorker(Protocol.readThrowable(frame.payload), worker.name());
            frame.end();
            Assignment assignment = finishAssignment(worker, job, index);
            later(() -> assignment.remote.job.fail(failure));
            break;
          }
        case Protocol.CANCELLED:
          {
            long job = frame.payload.readLong();
            int index = frame.payload.readInt();
            frame.end();
            finishAssignment(worker, job, index);
            break;
          }
        default:
          throw new IOException("unexpected frame type " + frame.type);
      }
    }

    private void onResult(WorkerProcess worker, Protocol.Frame frame) throws IOException {
      long job = frame.payload.readLong();
      int index = frame.payload.readInt();
      Assignment held = current(worker, job, index);
      Runnable complete = held.remote.read(frame);
      frame.end();
      finishAssignment(worker, job, index);
      later(complete);
    }

    @Override
    public void onEnd(WorkerProcess worker, IOException failure) {
      onWorkerEnd(worker, failure);
    }
  }

  /** A job as this runner sees it: its id, serialized term and chunks to retry. */
  static final class RemoteJob<A> {
    final Job<A, ?> job;
    final long id;
    final byte[] term;
    private final ArrayDeque<Integer> retries = new ArrayDeque<>(); // guarded by the runner
    private final Map<Integer, Integer> attempts = new HashMap<>(); // guarded by the runner

    RemoteJob(Job<A, ?> job, long id, byte[] term) {
      this.job = job;
      this.id = id;
      this.term = term;
    }

    /** The next chunk to hand out: a retry first, else a fresh one; null if none. */
    Assignment next() {
      if (job.isStopped()) {
        return null;
      }
      Integer retry = retries.poll();
      if (retry != null) {
        return new Assignment(this, retry, attempts.get(retry));
      }
      int index = job.claim();
      return index < 0 ? null : new Assignment(this, index, 1);
    }

    /** Returns how many chunks are still to be handed out: retries and unclaimed chunks. */
    int remaining() {
      return job.isStopped() ? 0 : retries.size() + job.unclaimed();
    }

    void retry(int index, int attempt) {
      attempts.put(index, attempt);
      retries.add(index);
    }

    /** Reads a chunk's accumulator and returns the action that merges it into the job. */
    Runnable read(Protocol.Frame frame) throws IOException {
      A part = job.summation().read(frame.payload);
      return () -> {
        if (!job.isStopped()) {
          job.complete(part);
        }
      };
    }
  }

  /** One chunk given to one worker. */
  static final class Assignment {
    final RemoteJob<?> remote;
    final int index;
    final int attempt;
    long progress; // elements the worker reported for this chunk; its reader thread only

    Assignment(RemoteJob<?> remote, int index, int attempt) {
      this.remote = remote;
      this.index = index;
      this.attempt = attempt;
    }
  }

  private static final class Send {
    final WorkerProcess worker;
    final Assignment assignment;

    Send(WorkerProcess worker, Assignment assignment) {
      this.worker = worker;
      this.assignment = assignment;
    }
  }
}
