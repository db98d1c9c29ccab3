/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static java.util.Objects.requireNonNull;

import io.github.rangesummer.internal.Calls;
import io.github.rangesummer.internal.Finisher;
import io.github.rangesummer.internal.Options;
import io.github.rangesummer.internal.ChunkRunner;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.TermBytes;
import io.github.rangesummer.internal.local.InJvmRunners;
import io.github.rangesummer.internal.process.ProcessTransport;
import io.github.rangesummer.internal.process.WorkerMain;
import io.github.rangesummer.internal.remote.ExecutorTransport;
import io.github.rangesummer.internal.remote.RemoteScheduler;
import java.lang.ref.Cleaner;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Sums ranges of {@code long} indexes exactly, in parallel, on the strategy of your choice.
 *
 * <pre>{@code
 * long total = RangeSummer.threaded(4).sum(0, 100_000_000);      // 4999999950000000
 *
 * try (RangeSummer summer = RangeSummer.multiProcess(2)) {
 *   long squares = summer.sum(0, 1_000_000, i -> i * i);
 *   BigInteger big = summer.sumExact(0, 5_000_000_000L);            // beyond long
 *   double harmonic = summer.sumDouble(1, 1_000_001, i -> 1.0 / i);
 * }
 * }</pre>
 *
 * <h2>One core, several strategies</h2>
 *
 * Every strategy cuts {@code [start, end)} into the same chunks, runs the same chunk loop and
 * merges partial sums through the same exact collector; strategies differ only in where chunks
 * run: {@link #sequential()} on the calling thread, {@link #threaded(int)} on a pool the summer
 * owns, {@link #forkJoin()} on a fork/join pool, {@link #multiProcess(int)} in worker JVMs,
 * {@link #distributed(ExecutorService, int)} as tasks on an executor such as a cluster's. Small
 * ranges run on the calling thread without a hand-off, except on {@code multiProcess} and {@code
 * distributed}. Every element is visited, even by {@code sum(start, end)}, whose closed form the
 * tests use as their oracle: a sum costs time in proportion to its length, so the whole {@code
 * long} domain is a valid range but not a practical one. On one core, {@code sum(start, end)} adds about
 * 10<sup>10</sup> elements a second anywhere in the {@code long} domain; with a term, a sum runs
 * at the speed of a loop with that term written into it by hand (about 4&middot;10<sup>9</sup>
 * calls a second of {@code i -> (i * 31) & 1023}), however many other terms the application has
 * summed: the loop is compiled for each term class, for up to 1,024 term classes at once.
 *
 * <h2>Exact results</h2>
 *
 * <ul>
 *   <li>Ranges are half-open, {@code [start, end)}, anywhere in the {@code long} domain: {@code
 *       [Long.MIN_VALUE, Long.MAX_VALUE)} holds 2<sup>64</sup>&nbsp;-&nbsp;1 elements.
 *   <li>Integer sums are accumulated in 128 bits. {@link #sum(long, long)} returns the exact sum or
 *       throws {@link ArithmeticException} when it does not fit in a {@code long}, however the
 *       partial sums overflowed on the way; {@link #sumExact(long, long)} always returns it.
 *   <li>{@link #sumDouble(long, long, DoubleTerm)} returns the exact sum of the terms rounded once
 *       to the nearest double: the same bits on every strategy and worker count.
 *   <li>A term is called once per index, except where a chunk is computed again: a chunk whose
 *       worker process died or whose member was lost is retried, and a cluster may run a chunk
 *       twice; the first result per chunk counts, so sums stay exact, but terms should be pure.
 *       If a term throws, the remaining chunks are
 *       cancelled and its exception reaches the caller: unchecked exceptions and errors unchanged,
 *       checked ones as the cause of a {@link RangeSummerException}. A sum never returns a partial
 *       or wrapped value.
 * </ul>
 *
 * <h2>Threads, processes and closing</h2>
 *
 * A summer is immutable and thread-safe: any number of threads may sum on it at once. {@link
 * #threaded(int)} owns named daemon threads that end after a short idle period, so an unclosed
 * summer neither keeps the JVM alive nor piles up threads; {@link #multiProcess(int)} owns worker
 * processes. {@link #close()} cancels running sums and releases what the summer owns, waiting at
 * most a few seconds even for a term that never returns; closing is idempotent, and a closed
 * summer rejects new sums with {@link IllegalStateException}. Summers
 * made by {@code withX} methods share their origin's threads or processes: closing any of them
 * closes all.
 *
 * <h2>Stopping</h2>
 *
 * A sum stops when its caller is interrupted, when its {@link #withTimeout(Duration) deadline}
 * passes, when the future of {@link #sumAsync(long, long)} is cancelled, and when the summer is
 * closed. Chunk loops look for a stop about every millisecond whatever a term costs (a slow term
 * after every call), so a stop takes effect within about a millisecond plus the term call in
 * progress; a term call itself is never cut short.
 */
public final class RangeSummer implements AutoCloseable {

  /**
   * The largest number of threads {@link #threaded(int)} accepts, as for {@link ForkJoinPool}:
   * {@value}.
   */
  public static final int MAX_THREADS = 0x7fff;

  /** The largest number of worker processes {@link #multiProcess(int)} accepts: {@value}. */
  public static final int MAX_PROCESSES = ProcessTransport.MAX_WORKERS;

  /**
   * The largest serialized term, in bytes, that {@link #multiProcess(int)} and {@link
   * #distributed(ExecutorService, int)} send to other JVMs: {@value} (64 MiB). A term that captures more
   * data fails with {@link IllegalArgumentException} before anything is sent; let such a term
   * read its data where it runs instead.
   */
  public static final int MAX_TERM_BYTES = TermBytes.MAX_TERM_BYTES;

  /**
   * The deepest nesting of objects in a term that {@link #multiProcess(int)} and {@link
   * #distributed(ExecutorService, int)} send to other JVMs: {@value}, such as a linked list of
   * that many nodes. A deeper term fails with {@link IllegalArgumentException} before anything
   * is sent.
   */
  public static final int MAX_TERM_DEPTH = TermBytes.MAX_TERM_DEPTH;

  /**
   * The most objects a term that {@link #multiProcess(int)} and {@link
   * #distributed(ExecutorService, int)} send to other JVMs may hold: {@value}. A term with more
   * fails with {@link IllegalArgumentException} before anything is sent.
   */
  public static final int MAX_TERM_OBJECTS = TermBytes.MAX_TERM_OBJECTS;

  /**
   * The longest line of worker output, in bytes, that {@link #multiProcess(int)} forwards to this
   * JVM's standard error: {@value}. A longer line is forwarded cut to that many bytes and ending
   * in the marker {@code [cut: the line is longer than 8192 bytes]}; the rest of it is dropped,
   * so a worker's output never costs this JVM more than a few lines of memory.
   */
  public static final int MAX_FORWARDED_LINE = ProcessTransport.MAX_FORWARDED_LINE;

  /**
   * The largest number of chunks in flight {@link #distributed(ExecutorService, int)} accepts:
   * {@value}, room for a thousand members of 64 cores.
   */
  public static final int MAX_PARALLELISM = 1 << 16;

  /**
   * How many times {@link #distributed(ExecutorService, int)} sends a chunk whose future fails
   * before the sum fails with a {@link RemoteChunkException}: {@value}.
   */
  public static final int MAX_ATTEMPTS = ExecutorTransport.MAX_ATTEMPTS;

  /** The runner, the options and the owner: shared by a summer and those made by withX. */
  private final Calls calls;

  private RangeSummer(Calls calls) {
    this.calls = calls;
  }

  private static RangeSummer of(ChunkRunner<?> runner) {
    return new RangeSummer(new Calls(runner, Options.DEFAULTS, new Object()));
  }

  /**
   * Returns a summer that computes on the calling thread. Asynchronous sums run on a thread of
   * their own, taken from a pool of daemon threads created on first use.
   *
   * @return a new sequential summer
   */
  public static RangeSummer sequential() {
    return of(InJvmRunners.sequential());
  }

  /**
   * Returns a summer that owns a pool of {@code workers} named daemon threads. Threads start on
   * demand and end after a short idle period; {@link #close()} ends them at once. The calling
   * thread takes part in a synchronous sum, so at most {@code workers} threads compute one sum.
   *
   * @param workers the number of threads, from 1 to {@link #MAX_THREADS}
   * @return a new threaded summer
   * @throws IllegalArgumentException if {@code workers} is out of range
   */
  public static RangeSummer threaded(int workers) {
    checkWorkers(workers, MAX_THREADS);
    return of(InJvmRunners.threaded(workers));
  }

  /**
   * Returns a summer that computes on {@link ForkJoinPool#commonPool()}, with the calling thread
   * taking part, as in a parallel stream.
   *
   * @return a new fork/join summer
   */
  public static RangeSummer forkJoin() {
    return of(InJvmRunners.forkJoin());
  }

  /**
   * Returns a summer that computes on a fork/join pool it borrows: the pool is never shut down,
   * not even by {@link #close()}. A sum started after the pool was shut down fails at once with
   * {@link RejectedExecutionException}.
   *
   * @param pool the pool to borrow
   * @return a new fork/join summer
   * @throws NullPointerException if {@code pool} is null
   */
  public static RangeSummer forkJoin(ForkJoinPool pool) {
    requireNonNull(pool, "pool");
    return of(InJvmRunners.forkJoin(pool));
  }

  /**
   * Returns a summer whose chunks run in {@code workers} worker JVMs, started on the first sum and
   * kept warm for the next ones. Workers start the way this JVM was started: the same {@code
   * java}, with this JVM's class path, or its module path and modules, or, in a jlink image, the
   * image's own {@code java} and modules. Terms travel to the workers serialized, so they must be
   * {@link java.io.Serializable} with all they capture; a term that is not fails at once with an
   * {@link IllegalArgumentException} whose cause is the {@link java.io.NotSerializableException}.
   * A term whose class the workers cannot load, because it came from a class loader of the
   * application's own, fails with a {@link TermClassNotFoundException} naming the class.
   *
   * <p>Workers print nothing on this JVM's standard output: what a term writes to its standard
   * output or error, from Java or below it (native code, a child process), is forwarded line by
   * line to this JVM's standard error, lines longer than {@link #MAX_FORWARDED_LINE} bytes cut,
   * while results travel on a private Unix-domain socket that user code cannot write to. A term
   * larger than {@link #MAX_TERM_BYTES} serialized, nested deeper than {@link #MAX_TERM_DEPTH} or
   * holding more than {@link #MAX_TERM_OBJECTS} objects fails at once with an {@link
   * IllegalArgumentException} naming the limit. A term that throws gives a
   * {@link RemoteTermException} carrying the remote class, message and stack trace. A worker that
   * dies (crash, {@code System.exit}, out of memory, killed from outside) is replaced and its chunk
   * retried once on the fresh worker; if that dies too, the sum fails with a {@link
   * WorkerProcessException} naming the worker, its exit code and its last lines of standard error.
   * Never a partial or zero sum.
   * A worker that says nothing for 10 s (30 s before it has started) is frozen, not busy, since
   * it sends a heartbeat every second whatever its term does: it is killed and replaced. The
   * system properties {@code rangesummer.worker.silenceMillis} (at least 2000) and {@code
   * rangesummer.worker.startMillis}, read here, set those times.
   *
   * <p>{@link #close()} ends every worker. Workers also end when this JVM ends, however it ends,
   * since their standard input then closes; a summer dropped without {@code close()} ends its
   * workers when it is garbage-collected. Close it: {@code try (RangeSummer summer =
   * RangeSummer.multiProcess(2)) { ... }}.
   *
   * <p>In-JVM strategies are usually the better choice: the JVM runs threads in parallel, and
   * worker processes add start-up (about 0.1 s per worker, once) and a round trip per chunk.
   * Processes isolate crashes, heaps and native state. See {@code docs/multi-process.md}.
   *
   * <p>Each worker is a whole JVM: its start-up costs CPU time, and its heap, up to the JVM's
   * default of a quarter of physical memory, is its own. A sum starts no more workers than it has
   * chunks ({@code sum(0, 10)} starts one), but a long sum on {@code multiProcess(64)} starts 64
   * JVMs: ask for about as many workers as there are cores.
   *
   * <p>Inside a worker, that is in a term, {@code multiProcess(n)} returns a summer that sums on
   * the calling thread, like {@link #sequential()}: a summer kept in a {@code static} field is
   * initialized anew in every worker, and would otherwise start {@code n} JVMs from each.
   *
   * <p>Worker JVMs can start only where the library was loaded from this JVM's class path or
   * module path. Where it was loaded by a class loader of the application's own, as under {@code
   * mvn exec:java}, in an application server, in JShell or from a fat jar's nested jars, this
   * method fails at once, saying so and what works instead ({@code java -cp}, {@code java -jar},
   * {@code mvn exec:exec}, or an in-JVM strategy).
   *
   * @param workers the number of worker processes, from 1 to {@link #MAX_PROCESSES}
   * @return a new multi-process summer; no process starts before its first sum
   * @throws IllegalArgumentException if {@code workers} is out of range, or a {@code
   *     rangesummer.worker} system property is not a number in range
   * @throws IllegalStateException if worker JVMs could not load the library, as under {@code
   *     mvn exec:java}
   */
  public static RangeSummer multiProcess(int workers) {
    checkWorkers(workers, MAX_PROCESSES);
    if (WorkerMain.isWorkerProcess()) {
      // A term's own summer, made in a worker: no JVMs started from JVMs, per worker.
      return of(InJvmRunners.sequential("multiProcess(" + workers + ") in a worker: sequential()"));
    }
    String name = "multiProcess(" + workers + ")";
    ProcessTransport transport = new ProcessTransport(name, workers);
    RemoteScheduler<?> runner =
        new RemoteScheduler<>(
            name, transport.threadPrefix(), transport, workers, ProcessTransport.MAX_ATTEMPTS);
    RangeSummer summer = of(runner);
    Cleaning.CLEANER.register(summer.calls.owner(), runner::close);
    return summer;
  }

  /**
   * Returns a summer whose chunks run as tasks on {@code executor}, typically a cluster's: for
   * example Hazelcast's {@code hazelcast.getExecutorService("range-summer")}, from a member or a
   * client. See {@code docs/distributed.md}.
   *
   * <pre>{@code
   * HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
   * try (RangeSummer summer = RangeSummer.distributed(client.getExecutorService("sums"), 64)) {
   *   long total = summer.sum(0, 1_000_000_000_000L);
   * }
   * }</pre>
   *
   * <p><b>Which executors.</b> Any {@link ExecutorService} that runs {@link java.io.Serializable}
   * tasks, in this JVM or others. Each chunk is one task of the library carrying the term,
   * serialized once on the calling thread: terms must be {@code Serializable} with all they
   * capture, and a term that is not fails at once with an {@link IllegalArgumentException} whose
   * cause is the {@link java.io.NotSerializableException}. Where tasks run in other JVMs, those
   * need range-summer and the term's classes on their class path. The answer is awaited through
   * the future's {@link java.util.concurrent.CompletionStage} when it is one, as Hazelcast's are;
   * for other futures, one daemon thread of the summer waits for each chunk in flight.
   *
   * <p><b>Failures.</b> A term that throws gives a {@link RemoteTermException} with the remote
   * class, message and stack trace. A chunk whose future fails (a member left, stopped answering
   * or could not load the task) is sent again until it has been lost {@link #MAX_ATTEMPTS} times,
   * attempts lost together (a chunk and its speculative copies on a member that froze) counting
   * once; then the sum fails with a {@link RemoteChunkException} naming the chunk's range, the
   * attempts and the last cause. If {@code submit} itself throws, say because the executor was shut down, the sum fails
   * with that exception at once. A cluster may run a chunk twice (Hazelcast re-runs the tasks of a
   * member that left): the first result per chunk counts and the others are ignored, so sums
   * stay exact, but terms should be pure.
   *
   * <p><b>Ownership.</b> The executor is borrowed and never shut down. {@link #close()},
   * cancelling a sum, its deadline and its first failure cancel its chunks in flight with {@code
   * Future.cancel(true)}, which interrupts them where they run; the chunk loop stops at its next
   * checkpoint. Answers are handled on the summer's own daemon threads, which end when idle.
   *
   * @param executor the executor to borrow; tasks may run on it in other JVMs
   * @param parallelism how many chunks may be in flight at once, typically the cluster's total
   *     number of cores, from 1 to {@link #MAX_PARALLELISM}; the range is cut into about four
   *     chunks per unit
   * @return a new distributed summer; nothing is submitted before its first sum
   * @throws NullPointerException if {@code executor} is null
   * @throws IllegalArgumentException if {@code parallelism} is out of range
   */
  public static RangeSummer distributed(ExecutorService executor, int parallelism) {
    requireNonNull(executor, "executor");
    checkCount("parallelism", parallelism, MAX_PARALLELISM);
    String name = "distributed(" + parallelism + ")";
    return of(
        new RemoteScheduler<>(
            name, new ExecutorTransport(executor, name), parallelism, MAX_ATTEMPTS));
  }

  /** The cleaner thread, created with the first multi-process summer. */
  private static final class Cleaning {
    static final Cleaner CLEANER =
        Cleaner.create(
            action -> {
              Thread thread = new Thread(action, "range-summer-cleaner");
              thread.setDaemon(true);
              return thread;
            });
  }

  static void checkWorkers(int workers, int max) {
    checkCount("workers", workers, max);
  }

  private static void checkCount(String what, int value, int max) {
    if (value <= 0 || value > max) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s (%d) must be between 1 and %d", what, value, max));
    }
  }

  /**
   * Returns the sum of every integer in {@code [start, end)}.
   *
   * @param start the first integer, inclusive
   * @param end the last integer, exclusive
   * @return the exact sum; 0 if {@code start == end}
   * @throws IllegalArgumentException if {@code start > end}
   * @throws ArithmeticException if the sum does not fit in a {@code long}; see {@link
   *     #sumExact(long, long)}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException if the calling thread is interrupted (the interrupt flag stays
   *     set), the {@link #withTimeout(Duration) deadline} passes, or a worker process fails (on
   *     {@code distributed}: a {@link RemoteChunkException} when a chunk failed on every attempt)
   */
  public long sum(long start, long end) {
    return calls.sum(start, end, Summation.identity(), Finisher.exactLong());
  }

  /**
   * Returns the sum of {@code term.applyAsLong(i)} for every {@code i} in {@code [start, end)}.
   *
   * @param start the first index, inclusive
   * @param end the last index, exclusive
   * @param term the value of each index
   * @return the exact sum; 0 if {@code start == end}
   * @throws NullPointerException if {@code term} is null
   * @throws IllegalArgumentException if {@code start > end}, or if this is a {@code multiProcess}
   *     or {@code distributed} summer and the term cannot be serialized
   * @throws ArithmeticException if the sum does not fit in a {@code long}; see {@link
   *     #sumExact(long, long, LongTerm)}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException if the calling thread is interrupted (the interrupt flag stays
   *     set), the deadline passes, the term throws a checked exception, or a worker process fails
   *     ({@link RemoteTermException} carries an exception the term threw in a worker process or
   *     on a {@code distributed} executor; see {@link RemoteChunkException})
   */
  public long sum(long start, long end, LongTerm term) {
    return calls.sum(start, end, Summation.ofLong(term), Finisher.exactLong());
  }

  /**
   * Returns the sum of every integer in {@code [start, end)} as a {@code BigInteger}, exact for
   * every range.
   *
   * @param start the first integer, inclusive
   * @param end the last integer, exclusive
   * @return the exact sum
   * @throws IllegalArgumentException if {@code start > end}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public BigInteger sumExact(long start, long end) {
    return calls.sum(start, end, Summation.identity(), Finisher.bigInteger());
  }

  /**
   * Returns the sum of {@code term.applyAsLong(i)} for every {@code i} in {@code [start, end)} as
   * a {@code BigInteger}, exact for every range and term.
   *
   * @param start the first index, inclusive
   * @param end the last index, exclusive
   * @param term the value of each index
   * @return the exact sum
   * @throws NullPointerException if {@code term} is null
   * @throws IllegalArgumentException as for {@link #sum(long, long, LongTerm)}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long, LongTerm)}
   */
  public BigInteger sumExact(long start, long end, LongTerm term) {
    return calls.sum(start, end, Summation.ofLong(term), Finisher.bigInteger());
  }

  /**
   * Returns the sum of {@code term.applyAsDouble(i)} for every {@code i} in {@code [start, end)},
   * correctly rounded: the exact real sum of the terms, rounded once to the nearest double, ties
   * to even. The result is therefore the same, bit for bit, on every strategy and worker count.
   *
   * <p>Special values follow IEEE 754: a NaN term, or both infinities, give NaN; otherwise an
   * infinite term gives that infinity. Finite terms never overflow on the way; only a rounded sum
   * beyond the double range becomes an infinity. The sum is {@code -0.0} only if every term is
   * {@code -0.0}; an empty range sums to {@code +0.0}.
   *
   * @param start the first index, inclusive
   * @param end the last index, exclusive
   * @param term the value of each index
   * @return the correctly rounded sum
   * @throws NullPointerException if {@code term} is null
   * @throws IllegalArgumentException as for {@link #sum(long, long, LongTerm)}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long, LongTerm)}
   */
  public double sumDouble(long start, long end, DoubleTerm term) {
    return calls.sum(start, end, Summation.ofDouble(term), Finisher.rounded());
  }

  /**
   * Returns the sum of every element of {@code values}: exact, or an {@link ArithmeticException}
   * when it does not fit in a {@code long}, where {@code Arrays.stream(values).sum()} would wrap.
   *
   * <p>On {@code multiProcess} and {@code distributed}, each chunk carries its own slice of the
   * array to the worker or member that sums it, and never the whole array: the array's bytes
   * travel once in all. The array must not change while it is summed.
   *
   * @param values the elements
   * @return their exact sum
   * @throws NullPointerException if {@code values} is null
   * @throws ArithmeticException if the sum does not fit in a {@code long}; see {@link
   *     #sumExact(long[])}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public long sum(long[] values) {
    return sum(requireNonNull(values, "values"), 0, values.length);
  }

  /**
   * Returns the sum of the elements {@code values[from]} to {@code values[to - 1]}, as {@link
   * #sum(long[])} does.
   *
   * @param values the array
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @return the exact sum; 0 if {@code from == to}
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if {@code from > to}
   * @throws IndexOutOfBoundsException if {@code from < 0} or {@code to > values.length}
   * @throws ArithmeticException if the sum does not fit in a {@code long}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public long sum(long[] values, int from, int to) {
    checkSlice(requireNonNull(values, "values").length, from, to);
    return calls.sum(from, to, Summation.ofLongs(values), Finisher.exactLong());
  }

  /**
   * Returns the sum of every element of {@code values} as a {@code BigInteger}, exact for every
   * array.
   *
   * @param values the elements
   * @return their exact sum
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public BigInteger sumExact(long[] values) {
    return sumExact(requireNonNull(values, "values"), 0, values.length);
  }

  /**
   * Returns the sum of the elements {@code values[from]} to {@code values[to - 1]} as a {@code
   * BigInteger}, exact for every array.
   *
   * @param values the array
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @return the exact sum
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if {@code from > to}
   * @throws IndexOutOfBoundsException if {@code from < 0} or {@code to > values.length}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public BigInteger sumExact(long[] values, int from, int to) {
    checkSlice(requireNonNull(values, "values").length, from, to);
    return calls.sum(from, to, Summation.ofLongs(values), Finisher.bigInteger());
  }

  /**
   * Returns the sum of every element of {@code values}, which never overflows a {@code long}: an
   * array holds fewer than 2<sup>31</sup> ints. As {@link #sum(long[])}, each chunk of a remote
   * strategy carries only its own slice.
   *
   * @param values the elements
   * @return their exact sum
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public long sum(int[] values) {
    return sum(requireNonNull(values, "values"), 0, values.length);
  }

  /**
   * Returns the sum of the elements {@code values[from]} to {@code values[to - 1]}, which never
   * overflows a {@code long}.
   *
   * @param values the array
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @return the exact sum; 0 if {@code from == to}
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if {@code from > to}
   * @throws IndexOutOfBoundsException if {@code from < 0} or {@code to > values.length}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public long sum(int[] values, int from, int to) {
    checkSlice(requireNonNull(values, "values").length, from, to);
    return calls.sum(from, to, Summation.ofInts(values), Finisher.exactLong());
  }

  /**
   * Returns the sum of every element of {@code values}, correctly rounded: the exact real sum,
   * rounded once to the nearest double, ties to even, so the same bits on every strategy and
   * worker count, with the special-value rules of {@link #sumDouble(long, long, DoubleTerm)}.
   * {@code Arrays.stream(values).sum()} compensates rounding errors but still depends on the order
   * of the additions, and so, in parallel, on the pool.
   *
   * @param values the elements
   * @return their correctly rounded sum
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public double sumDouble(double[] values) {
    return sumDouble(requireNonNull(values, "values"), 0, values.length);
  }

  /**
   * Returns the correctly rounded sum of the elements {@code values[from]} to {@code values[to -
   * 1]}, as {@link #sumDouble(double[])} does.
   *
   * @param values the array
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @return the correctly rounded sum; {@code +0.0} if {@code from == to}
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if {@code from > to}
   * @throws IndexOutOfBoundsException if {@code from < 0} or {@code to > values.length}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public double sumDouble(double[] values, int from, int to) {
    checkSlice(requireNonNull(values, "values").length, from, to);
    return calls.sum(from, to, Summation.ofDoubles(values), Finisher.rounded());
  }

  /**
   * Returns the exact sum of every element of {@code values}, rounded once to the nearest {@code
   * double}: every float is a double exactly, and their sum is rounded only at the end, not to
   * {@code float} on the way.
   *
   * @param values the elements
   * @return their correctly rounded sum, as a double
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public double sumDouble(float[] values) {
    return sumDouble(requireNonNull(values, "values"), 0, values.length);
  }

  /**
   * Returns the exact sum of the elements {@code values[from]} to {@code values[to - 1]}, rounded
   * once to the nearest {@code double}.
   *
   * @param values the array
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @return the correctly rounded sum; {@code +0.0} if {@code from == to}
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if {@code from > to}
   * @throws IndexOutOfBoundsException if {@code from < 0} or {@code to > values.length}
   * @throws IllegalStateException if this summer is closed
   * @throws CancellationException if the summer is closed while the sum runs
   * @throws RangeSummerException as for {@link #sum(long, long)}
   */
  public double sumDouble(float[] values, int from, int to) {
    checkSlice(requireNonNull(values, "values").length, from, to);
    return calls.sum(from, to, Summation.ofFloats(values), Finisher.rounded());
  }

  /** Checks a slice {@code [from, to)} of an array of {@code length} elements. */
  private static void checkSlice(int length, int from, int to) {
    if (from > to) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "from (%d) must be <= to (%d)", from, to));
    }
    Objects.checkFromToIndex(from, to, length);
  }

  /**
   * Starts summing every integer in {@code [start, end)} off the calling thread.
   *
   * @param start the first integer, inclusive
   * @param end the last integer, exclusive
   * @return the future sum; cancelling it stops the work
   * @throws IllegalArgumentException if {@code start > end}
   * @throws IllegalStateException if this summer is closed
   * @see #sumAsync(long, long, LongTerm)
   */
  public CompletableFuture<Long> sumAsync(long start, long end) {
    return calls.sumAsync(start, end, Summation.identity(), Finisher.exactLong());
  }

  /**
   * Starts summing {@code term.applyAsLong(i)} for every {@code i} in {@code [start, end)} off the
   * calling thread: on the summer's pool, fork/join pool or worker processes, and for {@code
   * sequential()} on a thread of its own.
   *
   * <p>The future completes with the exact sum, or exceptionally with what {@link #sum(long, long,
   * LongTerm)} would throw: an {@link ArithmeticException} if the sum does not fit in a {@code
   * long}, the term's exception, a {@link TimeoutException} once the deadline passes. Completing
   * or cancelling the future from outside, for example with {@code cancel(true)} or {@code
   * orTimeout}, stops the work: threads and worker processes leave their chunks within about a
   * millisecond plus the term call in progress. Dependent stages run on the thread that completes
   * the future: one of the summer's threads, a thread of the library that serves this sum's
   * deadline alone, or the thread that cancels the future; never the library's timer. A dependent
   * stage that is slow to return therefore delays no other sum, and the sum's chunks are told to
   * stop before such stages run. Closing the summer from a dependent stage is allowed.
   *
   * <p>A term should not wait for an asynchronous sum on its own summer (for example {@code
   * sumAsync(...).join()} in a term on {@code threaded(1)}): its pool thread would wait for work
   * queued behind it. Synchronous sums from a term are safe, since their caller computes chunks.
   *
   * @param start the first index, inclusive
   * @param end the last index, exclusive
   * @param term the value of each index
   * @return the future sum; cancelling it stops the work
   * @throws NullPointerException if {@code term} is null
   * @throws IllegalArgumentException as for {@link #sum(long, long, LongTerm)}
   * @throws IllegalStateException if this summer is closed
   * @throws RejectedExecutionException if a borrowed fork/join pool was shut down
   */
  public CompletableFuture<Long> sumAsync(long start, long end, LongTerm term) {
    return calls.sumAsync(start, end, Summation.ofLong(term), Finisher.exactLong());
  }

  /**
   * Starts summing every integer in {@code [start, end)} as a {@code BigInteger} off the calling
   * thread: {@link #sumExact(long, long)} as {@link #sumAsync(long, long, LongTerm)} runs a sum,
   * with the same cancellation, deadline, progress and failures.
   *
   * @param start the first integer, inclusive
   * @param end the last integer, exclusive
   * @return the future exact sum; cancelling it stops the work
   * @throws IllegalArgumentException if {@code start > end}
   * @throws IllegalStateException if this summer is closed
   * @throws RejectedExecutionException if a borrowed fork/join pool was shut down
   */
  public CompletableFuture<BigInteger> sumExactAsync(long start, long end) {
    return calls.sumAsync(start, end, Summation.identity(), Finisher.bigInteger());
  }

  /**
   * Starts summing {@code term.applyAsLong(i)} for every {@code i} in {@code [start, end)} as a
   * {@code BigInteger} off the calling thread: {@link #sumExact(long, long, LongTerm)} as {@link
   * #sumAsync(long, long, LongTerm)} runs a sum, with the same cancellation, deadline, progress
   * and failures. The future never completes with an {@link ArithmeticException}.
   *
   * @param start the first index, inclusive
   * @param end the last index, exclusive
   * @param term the value of each index
   * @return the future exact sum; cancelling it stops the work
   * @throws NullPointerException if {@code term} is null
   * @throws IllegalArgumentException as for {@link #sum(long, long, LongTerm)}
   * @throws IllegalStateException if this summer is closed
   * @throws RejectedExecutionException if a borrowed fork/join pool was shut down
   */
  public CompletableFuture<BigInteger> sumExactAsync(long start, long end, LongTerm term) {
    return calls.sumAsync(start, end, Summation.ofLong(term), Finisher.bigInteger());
  }

  /**
   * Starts summing {@code term.applyAsDouble(i)} for every {@code i} in {@code [start, end)} off
   * the calling thread: {@link #sumDouble(long, long, DoubleTerm)}, correctly rounded and the
   * same bits on every strategy, as {@link #sumAsync(long, long, LongTerm)} runs a sum, with the
   * same cancellation, deadline, progress and failures.
   *
   * @param start the first index, inclusive
   * @param end the last index, exclusive
   * @param term the value of each index
   * @return the future correctly rounded sum; cancelling it stops the work
   * @throws NullPointerException if {@code term} is null
   * @throws IllegalArgumentException as for {@link #sum(long, long, LongTerm)}
   * @throws IllegalStateException if this summer is closed
   * @throws RejectedExecutionException if a borrowed fork/join pool was shut down
   */
  public CompletableFuture<Double> sumDoubleAsync(long start, long end, DoubleTerm term) {
    return calls.sumAsync(start, end, Summation.ofDouble(term), Finisher.rounded());
  }

  /**
   * Returns a summer like this one whose sums fail once {@code timeout} has passed since they
   * started. The work is then cancelled as for {@code cancel(true)}: synchronous sums throw a
   * {@link RangeSummerException} whose cause is a {@link TimeoutException}, asynchronous ones
   * complete exceptionally with the {@code TimeoutException}. A timeout of {@link Long#MAX_VALUE}
   * nanoseconds (about 292 years) or more, such as {@code ChronoUnit.FOREVER.getDuration()}, means
   * no deadline. The new summer shares this one's threads or processes.
   *
   * <p>The deadline is delivered by a library thread that serves this sum alone: it completes
   * the future of {@code sumAsync} and runs the code attached to it, so a callback that is slow to
   * return delays no other sum's deadline.
   *
   * @param timeout the deadline of each sum, positive
   * @return a summer with that deadline
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public RangeSummer withTimeout(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout (" + timeout + ") must be positive");
    }
    return new RangeSummer(calls.with(calls.options().withTimeout(timeout)));
  }

  /**
   * Returns a summer like this one that reports the progress of each sum to {@code listener}, at
   * most every 100 milliseconds and once more on completion. The new summer shares this one's
   * threads or processes.
   *
   * <p>Reports of one sum never overlap and never go backwards. When the sum ends, however it
   * ends, no report begins except the one already under way, which the end does not wait for: it
   * may still be running when {@code cancel} returns or a failed sum throws. On success the total
   * is reported last, before the sum returns. See {@link ProgressListener}.
   *
   * @param listener receives elements done and total; see {@link ProgressListener}
   * @return a summer that reports progress
   * @throws NullPointerException if {@code listener} is null
   */
  public RangeSummer withProgress(ProgressListener listener) {
    return withProgress(listener, Options.DEFAULTS.progressInterval());
  }

  /**
   * Returns a summer like this one that reports the progress of each sum to {@code listener}, at
   * most once per {@code interval} and once more on completion. An interval of {@link
   * Long#MAX_VALUE} nanoseconds (about 292 years) or more means that only the completion is
   * reported. The new summer shares this one's threads or processes.
   *
   * @param listener receives elements done and total; see {@link ProgressListener}
   * @param interval the least time between two reports, positive
   * @return a summer that reports progress
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code interval} is zero or negative
   */
  public RangeSummer withProgress(ProgressListener listener, Duration interval) {
    requireNonNull(listener, "listener");
    requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval (" + interval + ") must be positive");
    }
    return new RangeSummer(calls.with(calls.options().withProgress(listener, interval)));
  }

  /**
   * Returns a summer like this one that never hands a chunk of fewer than {@code elements}
   * elements to another thread or process. Ranges up to that size run as a single chunk, on the
   * calling thread for in-JVM strategies. The default (65,536 elements for {@code sum(start,
   * end)}, 4,096 for sums with a term) suits cheap terms; an expensive term wants a smaller size,
   * down to 1. The new summer shares this one's threads or processes.
   *
   * @param elements the smallest chunk, positive
   * @return a summer with that chunk size
   * @throws IllegalArgumentException if {@code elements} is zero or negative
   */
  public RangeSummer withMinChunkSize(long elements) {
    if (elements <= 0) {
      throw new IllegalArgumentException("elements (" + elements + ") must be positive");
    }
    return new RangeSummer(calls.with(calls.options().withMinChunk(elements)));
  }

  /**
   * Cancels running sums and releases the threads or processes this summer owns. A borrowed
   * fork/join pool stays running. Idempotent; a second call waits for the first to finish.
   *
   * <p>Threads computing the sums are interrupted, and {@code close()} waits up to two seconds
   * for them to end. A thread still inside a term after that (a term that ignores interrupts
   * and has not returned) is left to end when the term returns; it is a daemon thread, so it does
   * not keep the JVM alive, and {@code close()} logs a {@code WARNING} naming it on the {@link
   * System.Logger} named {@code io.github.rangesummer}. Worker processes of {@link
   * #multiProcess(int)} get two seconds to exit, are then killed, and are gone when {@code close()}
   * returns. Called from an interrupted thread, {@code close()} does all of this and returns with
   * the interrupt flag still set.
   */
  @Override
  public void close() {
    calls.close();
  }

  /**
   * Returns the strategy and options, such as {@code RangeSummer[threaded(4), timeout=PT1S]}.
   *
   * @return a description of this summer
   */
  @Override
  public String toString() {
    return calls.toString();
  }
}
