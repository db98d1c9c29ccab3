/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import io.github.rangesummer.RangeSummerException;
import io.github.rangesummer.WorkerProcessException;
import io.github.rangesummer.internal.Deadlines;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.SystemProperties;
import io.github.rangesummer.internal.local.Threads;
import io.github.rangesummer.internal.remote.ChunkOutcome;
import io.github.rangesummer.internal.remote.Shipment;
import io.github.rangesummer.internal.remote.Transport;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

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
public final class ProcessTransport implements Transport<Shipment> {

  /** The most worker processes one summer may have: {@value}. */
  public static final int MAX_WORKERS = 256;

  /** The longest forwarded line of worker output, in bytes; see {@code RangeSummer}. */
  public static final int MAX_FORWARDED_LINE = 8_192;

  /** How many times a chunk is tried before a dead worker fails its job. */
  public static final int MAX_ATTEMPTS = 2;

  /** How long a worker may take to abandon a cancelled chunk before it is killed. */
  static final long CANCEL_GRACE_MILLIS = 2_000;

  private static final long EXIT_WAIT_MILLIS = 2_000;

  /** How long a killed worker may take to be gone: only a kernel stuck in I/O takes long. */
  private static final long REAP_WAIT_MILLIS = 10_000;

  /**
   * How long a worker that has started may say nothing at all, in milliseconds, unless {@code
   * rangesummer.worker.silenceMillis} says otherwise: {@value}. A worker sends a heartbeat every
   * second from a thread of its own, whatever its term is doing, so a worker silent this long is
   * frozen (stopped, swapping, its JVM paused), not busy: it is killed, and its chunk retried.
   */
  public static final long SILENCE_MILLIS = 10_000;

  /**
   * How long a worker may take to start and say hello, in milliseconds, unless {@code
   * rangesummer.worker.startMillis} says otherwise: {@value}.
   */
  public static final long START_MILLIS = 30_000;

  /** The least silence a worker may be allowed: two heartbeats. */
  static final long MIN_SILENCE_MILLIS = 2 * WorkerMain.HEARTBEAT_MILLIS;

  /** The most either time may be, in milliseconds: a day. */
  static final long MAX_HEALTH_MILLIS = 86_400_000;

  /**
   * How long a worker may say nothing before it is killed as frozen.
   *
   * @param silenceMillis once it has started
   * @param startMillis before its hello
   */
  public record Health(long silenceMillis, long startMillis) {

    /** {@link #SILENCE_MILLIS} and {@link #START_MILLIS}. */
    public static final Health DEFAULTS = new Health(SILENCE_MILLIS, START_MILLIS);

    /**
     * @throws IllegalArgumentException if a time is out of range, naming it
     */
    public Health {
      check("rangesummer.worker.silenceMillis", silenceMillis, MIN_SILENCE_MILLIS);
      check("rangesummer.worker.startMillis", startMillis, 1_000);
    }

    /**
     * Returns the defaults as the system properties {@code rangesummer.worker.silenceMillis} and
     * {@code rangesummer.worker.startMillis} change them.
     *
     * @throws IllegalArgumentException naming a property whose value is not a number in range
     */
    public static Health fromSystemProperties() {
      return new Health(
          property("rangesummer.worker.silenceMillis", SILENCE_MILLIS),
          property("rangesummer.worker.startMillis", START_MILLIS));
    }

    private static long property(String name, long fallback) {
      return SystemProperties.number(
          name, fallback, Long::parseLong, "must be a number of milliseconds");
    }

    private static void check(String name, long millis, long min) {
      if (millis < min || millis > MAX_HEALTH_MILLIS) {
        throw new IllegalArgumentException(
            name + " (" + millis + ") must be between " + min + " and " + MAX_HEALTH_MILLIS);
      }
    }

    long allowedMillis(boolean started) {
      return started ? silenceMillis : startMillis;
    }
  }

  /** How often the workers' silence is checked, in milliseconds. */
  private static final long HEALTH_CHECK_MILLIS = 1_000;

  /** What to do about a class a worker cannot load. */
  static final String CLASS_PATH_ADVICE =
      "Workers start with this JVM's java, class path and module path: put the jar or module that"
          + " holds the class on the class path (-cp) or module path (--module-path) of this JVM,"
          + " or link it into its jlink image. A class loaded by the application's own class"
          + " loader (a plugin, an application server, a nested jar, JShell) cannot reach a"
          + " worker; see docs/multi-process.md.";

  private static final System.Logger LOG = System.getLogger("io.github.rangesummer");

  private final String name;
  private final String threadPrefix;
  private final Worker.Launcher launcher;
  private final Slot[] slots;
  private final ArrayDeque<Slot> idle = new ArrayDeque<>(); // guarded by this
  private final ArrayDeque<Assignment<?>> waiting = new ArrayDeque<>(); // guarded by this
  private final LongSupplier clock;
  private final boolean timed; // checks health on a timer; tests do it by hand
  private final Health health;
  private int spawned; // guarded by this
  private boolean released; // guarded by this
  private boolean checking; // a health check is armed; guarded by this

  /**
   * Creates the transport of worker JVMs; no process starts before the first chunk.
   *
   * @param name the strategy, such as {@code multiProcess(4)}, for messages
   * @param workers the number of worker processes, 1 to {@link #MAX_WORKERS}
   * @throws IllegalStateException if worker JVMs could not load the library; see {@link
   *     WorkerCommand#checkLaunchable}
   * @throws IllegalArgumentException if a {@code rangesummer.worker} system property is out of
   *     range; see {@link Health#fromSystemProperties()}
   */
  public ProcessTransport(String name, int workers) {
    this(
        name,
        workers,
        WorkerProcess.LAUNCHER,
        System::nanoTime,
        true,
        Health.fromSystemProperties());
    WorkerCommand.checkLaunchable(name);
  }

  /** Creates the transport over workers that {@code launcher} starts; for tests. */
  ProcessTransport(String name, int workers, Worker.Launcher launcher) {
    this(name, workers, launcher, System::nanoTime, true, Health.DEFAULTS);
  }

  /**
   * Creates the transport over workers that {@code launcher} starts, on a clock; for tests, which
   * call {@link #checkHealth()} themselves when {@code timed} is false.
   */
  ProcessTransport(
      String name,
      int workers,
      Worker.Launcher launcher,
      LongSupplier clock,
      boolean timed,
      Health health) {
    this.name = name;
    this.health = health;
    this.threadPrefix = "range-summer-mp" + Threads.nextSerial();
    this.launcher = launcher;
    this.slots = new Slot[workers];
    this.clock = clock;
    this.timed = timed;
  }

  /** Returns the start of the names of this transport's threads, such as {@code range-summer-mp3}. */
  public String threadPrefix() {
    return threadPrefix;
  }

  /**
   * Serializes the term on the caller's thread and checks it against the limits a worker reads
   * it with: a term that cannot travel fails at once, before anything is sent.
   */
  @Override
  public Shipment prepare(Summation<?> summation) {
    return Shipment.of(summation, "to a worker process");
  }

  @Override
  public <A> Handle send(
      Shipment shipment, Summation<A> summation, Chunk chunk, Replies<A> replies) {
    Assignment<A> assignment = new Assignment<>(shipment, summation, chunk, replies);
    synchronized (this) {
      if (released) {
        throw new RejectedExecutionException(name + " is closed");
      }
      Slot slot = idle.poll();
      if (slot == null) {
        slot = startWorker();
      }
      if (slot == null) {
        waiting.add(assignment); // every worker is busy, one with a chunk being abandoned
      } else {
        deliver(slot, assignment);
      }
    }
    return () -> cancel(assignment);
  }

  /**
   * Starts a worker in an empty slot, or returns {@code null} if there is none. Holds the lock.
   *
   * @throws RangeSummerException if the process cannot be started
   */
  private Slot startWorker() {
    for (int index = 0; index < slots.length; index++) {
      if (slots[index] == null) {
        int number = ++spawned;
        Slot slot = new Slot();
        slot.lastHeard = clock.getAsLong();
        try {
          slot.worker =
              launcher.start(
                  "worker-" + number + " of " + name, threadPrefix + "-worker-" + number, slot);
        } catch (IOException | RuntimeException e) {
          throw new RangeSummerException(
              name
                  + " cannot start a worker process: "
                  + (e instanceof IOException ? e.getMessage() : String.valueOf(e)),
              e);
        }
        slots[index] = slot;
        armHealthCheck();
        return slot;
      }
    }
    return null;
  }

  /**
   * Gives a worker a chunk, with the job's term unless the worker has it already; a worker that
   * cannot take it is killed, and the chunk lost. Holds the lock, so that a cancel that finds the
   * chunk on its worker is queued after the chunk, never before it.
   */
  private void deliver(Slot slot, Assignment<?> a) {
    slot.assignment = a;
    boolean withTerm = slot.termJob != a.shipment.id();
    try {
      slot.worker.send(
          new Message.Chunk(
              a.shipment.request(a.summation, a.chunk, a.replies.tracksProgress(), withTerm)));
      slot.termJob = a.shipment.id();
    } catch (IOException e) {
      slot.worker.kill(); // its reader sees the end and reports the chunk lost
    }
  }

  /** Tells the worker holding a cancelled chunk to drop it, and kills it if it does not. */
  private synchronized void cancel(Assignment<?> assignment) {
    if (waiting.remove(assignment)) {
      return;
    }
    for (Slot slot : slots) {
      if (slot != null && slot.assignment == assignment) {
        try {
          slot.worker.send(new Message.Cancel(assignment.shipment.id()));
        } catch (IOException e) {
          slot.worker.kill(); // it cannot read its input: its reader will report the end
        }
        Deadlines.schedule(() -> killIfStillOn(slot, assignment), CANCEL_GRACE_MILLIS * 1_000_000);
      }
    }
  }

  private void killIfStillOn(Slot slot, Assignment<?> assignment) {
    boolean stuck;
    synchronized (this) {
      stuck = !slot.dead && slot.assignment == assignment;
    }
    if (stuck) {
      LOG.log(
          Level.WARNING,
          "{0} did not abandon cancelled chunk [{1}, {2}) within {3} ms; killing it",
          slot.worker.name(),
          Long.toString(assignment.chunk.from()),
          Long.toString(assignment.chunk.to()),
          CANCEL_GRACE_MILLIS);
      slot.worker.kill();
    }
  }

  /** Returns the chunk a worker holds, checking that the worker speaks of that chunk. */
  private synchronized Assignment<?> current(Slot slot, long job, int index) throws IOException {
    Assignment<?> assignment = slot.assignment;
    if (assignment == null
        || assignment.shipment.id() != job
        || assignment.chunk.index() != index) {
      throw new IOException(
          slot.worker.name()
              + " spoke of chunk "
              + index
              + " of job "
              + job
              + ", which it does not hold");
    }
    return assignment;
  }

  /**
   * The worker answered for its chunk: it takes the next waiting one, or is idle.
   *
   * @param cancelled whether the answer was that the chunk was cancelled: a worker drops a
   *     cancelled chunk that it has not begun unread, term included, so the job's next chunk to
   *     it must carry the term again
   */
  private synchronized Assignment<?> finish(Slot slot, long job, int index, boolean cancelled)
      throws IOException {
    Assignment<?> done = current(slot, job, index);
    if (cancelled) {
      slot.termJob = -1;
    }
    Assignment<?> next = released ? null : waiting.poll();
    if (next == null) {
      slot.assignment = null;
      idle.add(slot);
    } else {
      deliver(slot, next);
    }
    return done;
  }

  /** A worker's stream ended: it exited, was killed, or broke the protocol. */
  private void onWorkerEnd(Slot slot, IOException failure) {
    Assignment<?> lost;
    synchronized (this) {
      slot.dead = true;
      for (int index = 0; index < slots.length; index++) {
        if (slots[index] == slot) {
          slots[index] = null;
        }
      }
      idle.remove(slot);
      lost = slot.assignment;
      slot.assignment = null;
      if (released) {
        return;
      }
    }
    Worker worker = slot.worker;
    if (failure != null) {
      worker.kill();
    }
    Integer exitCode = worker.awaitExit(EXIT_WAIT_MILLIS);
    if (lost != null) {
      lost.replies.lost(
          new WorkerLost(
              worker.name(),
              exitCode,
              worker.outputTail(),
              slot.started,
              slot.silent ? health.allowedMillis(slot.started) : 0,
              failure));
    } else {
      LOG.log(Level.DEBUG, "{0} ended with exit code {1}", worker.name(), exitCode);
    }
    replaceForWaiting();
  }

  /** Gives a chunk that waits for a worker a new one, in the slot a dead worker left. */
  private synchronized void replaceForWaiting() {
    if (released || waiting.isEmpty()) {
      return;
    }
    Slot slot;
    try {
      slot = startWorker();
    } catch (RangeSummerException e) {
      waiting.poll().replies.termFailed(e); // fatal, as when the chunk was first sent
      return;
    }
    if (slot != null) {
      deliver(slot, waiting.poll());
    }
  }

  /** Arms the next health check, unless one is armed or no worker runs. Holds the lock. */
  private void armHealthCheck() {
    if (!timed || checking || released) {
      return;
    }
    checking = true;
    Deadlines.schedule(
        () -> {
          synchronized (this) {
            checking = false;
            for (Slot slot : slots) {
              if (slot != null) {
                armHealthCheck();
                break;
              }
            }
          }
          checkHealth();
        },
        HEALTH_CHECK_MILLIS * 1_000_000);
  }

  /**
   * Kills every worker that has said nothing for longer than it may ({@link
   * Health#silenceMillis()}, or {@link Health#startMillis()} before its hello): its reader then
   * sees its end, its chunk is
   * reported lost and retried, and a new worker takes its slot.
   */
  void checkHealth() {
    List<Slot> silent = new ArrayList<>();
    long now = clock.getAsLong();
    synchronized (this) {
      if (released) {
        return;
      }
      for (Slot slot : slots) {
        long allowed = health.allowedMillis(slot == null || slot.started) * 1_000_000;
        if (slot != null && !slot.dead && !slot.silent && now - slot.lastHeard > allowed) {
          slot.silent = true;
          silent.add(slot);
        }
      }
    }
    for (Slot slot : silent) {
      LOG.log(
          Level.WARNING,
          "{0} said nothing for {1} ms ({2}); killing it",
          slot.worker.name(),
          (now - slot.lastHeard) / 1_000_000,
          slot.started ? "frozen: its heartbeats stopped" : "it did not start");
      slot.worker.kill();
    }
  }

  /** A chunk lost by a worker that died before it said hello is not retried. */
  @Override
  public boolean retryable(Throwable cause) {
    return !(cause instanceof WorkerLost) || ((WorkerLost) cause).started;
  }

  @Override
  public String explain(Throwable last) {
    if (!(last instanceof WorkerLost)) {
      return String.valueOf(last);
    }
    WorkerLost lost = (WorkerLost) last;
    return lost.getMessage()
        + (lost.started ? "" : "; it died before it could start")
        + (lost.tail.isEmpty()
            ? "; it wrote nothing to stderr"
            : "; its last lines on stderr:\n  " + String.join("\n  ", lost.tail));
  }

  @Override
  public RuntimeException exhausted(String message, Chunk chunk, Throwable last) {
    if (!(last instanceof WorkerLost)) {
      return new RangeSummerException(message, last);
    }
    WorkerLost lost = (WorkerLost) last;
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
    List<Worker> live = new ArrayList<>();
    synchronized (this) {
      released = true;
      waiting.clear();
      for (Slot slot : slots) {
        if (slot != null) {
          live.add(slot.worker);
        }
      }
      idle.clear();
    }
    for (Worker worker : live) {
      worker.closeInput();
    }
    long deadline = System.nanoTime() + EXIT_WAIT_MILLIS * 1_000_000;
    for (Worker worker : live) {
      worker.waitUntil(deadline, interrupted);
    }
    for (Worker worker : live) {
      worker.kill();
    }
    long reaped = System.nanoTime() + REAP_WAIT_MILLIS * 1_000_000;
    for (Worker worker : live) {
      if (!worker.waitUntil(reaped, interrupted)) {
        LOG.log(
            Level.WARNING,
            "{0} did not end within {1} ms of being killed",
            worker.name(),
            REAP_WAIT_MILLIS);
      }
    }
    for (Worker worker : live) {
      worker.joinThreads(System.nanoTime() + EXIT_WAIT_MILLIS * 1_000_000, interrupted);
    }
    if (interrupted[0]) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One place for a worker: the worker, what it holds and what it has, all guarded by the
   * transport; and the listener of the worker's messages, on its reader thread.
   */
  private final class Slot implements Worker.Listener {
    Worker worker;
    Assignment<?> assignment; // the chunk the worker computes, or null when idle
    long termJob = -1; // the job whose term the worker has
    boolean dead; // the transport has handled the worker's end
    boolean silent; // killed for its silence; guarded by the transport
    volatile boolean started; // the worker said hello: it runs our code
    volatile long lastHeard; // the clock when the worker last sent anything

    @Override
    public void onMessage(Worker from, Message message) throws IOException {
      lastHeard = clock.getAsLong();
      if (message instanceof Message.Hello hello) {
        if (hello.version() != Protocol.VERSION) {
          throw new IOException(
              "protocol version " + hello.version() + ", expected " + Protocol.VERSION);
        }
        started = true;
      } else if (message instanceof Message.Progress progress) {
        current(this, progress.job(), progress.index()).replies.progress(progress.elements());
      } else if (message instanceof Message.Outcome outcome) {
        current(this, outcome.job(), outcome.index())
            .answer(
                outcome.outcome(),
                from.name(),
                () ->
                    finish(
                        this,
                        outcome.job(),
                        outcome.index(),
                        outcome.outcome() instanceof ChunkOutcome.Cancelled));
      } else if (!(message instanceof Message.Heartbeat)) {
        throw new IOException("unexpected message " + message);
      }
    }

    @Override
    public void onEnd(Worker from, IOException failure) {
      onWorkerEnd(this, failure);
    }
  }

  /** Frees the worker once its answer is read. */
  @FunctionalInterface
  private interface Finish {
    void run() throws IOException;
  }

  /** One chunk given, or to be given, to one worker. */
  private static final class Assignment<A> {
    final Shipment shipment;
    final Summation<A> summation;
    final Chunk chunk;
    final Replies<A> replies;

    Assignment(Shipment shipment, Summation<A> summation, Chunk chunk, Replies<A> replies) {
      this.shipment = shipment;
      this.summation = summation;
      this.chunk = chunk;
      this.replies = replies;
    }

    /**
     * Reads what became of the chunk, frees the worker, and answers. A partial sum that cannot
     * be read breaks the protocol before the worker is freed, so the chunk is lost with it.
     */
    void answer(ChunkOutcome outcome, String worker, Finish finish) throws IOException {
      if (outcome instanceof ChunkOutcome.Result result) {
        A partial =
            summation
                .partials()
                .read(new DataInputStream(new ByteArrayInputStream(result.partial())));
        finish.run();
        replies.result(partial);
      } else if (outcome instanceof ChunkOutcome.TermFailed failed) {
        finish.run();
        replies.termFailed(failed.toException());
      } else if (outcome instanceof ChunkOutcome.TermUnreadable unreadable) {
        finish.run();
        replies.termFailed(unreadable.toException(worker, CLASS_PATH_ADVICE));
      } else {
        finish.run();
        replies.lost(new CancellationException(worker + " abandoned the chunk as asked"));
      }
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
        String worker,
        Integer exitCode,
        List<String> tail,
        boolean started,
        long silentMillis,
        IOException failure) {
      super(
          worker
              + " "
              + (failure != null
                  ? "broke the protocol (" + failure.getMessage() + ")"
                  : silentMillis > 0
                      ? "said nothing for " + silentMillis + " ms and was killed"
                      : exitCode == null ? "stopped answering" : "exited with code " + exitCode),
          failure);
      this.worker = worker;
      this.exitCode = exitCode;
      this.tail = tail;
      this.started = started;
      this.failure = failure;
    }
  }
}
