/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import io.github.rangesummer.internal.Checkpoint;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.TermBytes;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The entry point of a worker process of {@code multiProcess(n)}: computes the chunks its parent
 * sends over a private channel and answers on it.
 *
 * <p>The channel is a Unix-domain socket whose path is the last argument (see {@link
 * WorkerChannel}); nothing the worker's user code writes, even below Java on file descriptor 1 or
 * through a child process that inherits it, can reach it. Standard output and error are plain
 * output, which the parent forwards to its own standard error; {@code System.out} is pointed at
 * standard error, unbuffered, so that what a term prints arrives in order and is never lost when
 * the worker halts. Standard input is not read. When the channel ends, because the parent closed
 * it or died, even by {@code kill -9}, the worker halts.
 *
 * <p>A main thread reads frames; a compute thread runs one chunk at a time through the same
 * {@link Summation} kernels as the in-JVM strategies, so results are bit-identical. A cancel finds
 * each chunk of its job either queued, and drops it, or current, and stops it: the compute thread
 * takes a chunk and makes it current in one step under the lock, so none slips in between.
 */
public final class WorkerMain {

  private static final long PROGRESS_INTERVAL_NANOS = 50_000_000L;

  /** How long a term's exception may take to describe itself. */
  private static final long DESCRIBE_MILLIS = 2_000;

  private static volatile boolean running;

  private final DataInputStream in;
  private final DataOutputStream out;
  private final Thread computer;
  private final Object lock = new Object();
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>(); // guarded by lock
  private Chunk current; // guarded by lock
  private long termJob = -1; // job of the cached term; compute thread only
  private Summation<?> termSummation; // compute thread only
  private boolean stuckDescribing; // compute thread only

  private WorkerMain(InputStream in, DataOutputStream out) {
    this.in = new DataInputStream(new BufferedInputStream(in));
    this.out = out;
    // A stack for terms nested as deep as the parent lets them be.
    this.computer =
        new Thread(null, this::computeLoop, "range-summer-worker-compute", TermBytes.STACK_BYTES);
    computer.setDaemon(true);
  }

  /**
   * Returns whether this JVM is a worker process. A term that creates a {@code multiProcess}
   * summer (often a {@code static} one, initialized anew in every worker) gets a summer that sums
   * on the worker's thread instead of starting worker processes of its own.
   *
   * @return whether this JVM runs {@link #main}
   */
  public static boolean isWorkerProcess() {
    return running;
  }

  /**
   * Runs the worker. Not for direct use: the parent starts it.
   *
   * @param args the address of the parent's channel, last
   */
  public static void main(String[] args) {
    running = true;
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    System.setIn(new ByteArrayInputStream(new byte[0]));
    if (args.length == 0) {
      System.err.println("range-summer worker: no channel address; the parent starts workers");
      Runtime.getRuntime().halt(64);
    }
    int status;
    try {
      SocketChannel channel = WorkerChannel.connect(args[args.length - 1]);
      DataOutputStream protocolOut =
          new DataOutputStream(new BufferedOutputStream(WorkerChannel.out(channel), 1 << 16));
      status = new WorkerMain(WorkerChannel.in(channel), protocolOut).run();
    } catch (IOException e) {
      System.err.println("range-summer worker: cannot connect to the parent: " + e);
      status = 69;
    }
    System.err.flush();
    Runtime.getRuntime().halt(status);
  }

  private int run() {
    try {
      send(Protocol.HELLO, Protocol.payload(p -> {
        p.writeInt(Protocol.VERSION);
        p.writeLong(ProcessHandle.current().pid());
      }));
      computer.start();
      for (Protocol.Frame frame = Protocol.read(in); frame != null; frame = Protocol.read(in)) {
        switch (frame.type) {
          case Protocol.CHUNK:
            {
              Chunk chunk = Chunk.read(frame);
              synchronized (lock) {
                chunks.add(chunk);
                lock.notifyAll();
              }
              break;
            }
          case Protocol.CANCEL:
            cancel(frame.payload.readLong());
            frame.end();
            break;
          default:
            throw new IOException("unexpected frame type " + frame.type);
        }
      }
      return 0; // the parent closed the channel: it is done with us, or dead
    } catch (IOException | RuntimeException e) {
      System.err.println("range-summer worker: protocol failure: " + e);
      return 70;
    }
  }

  private void cancel(long job) {
    List<Chunk> dropped = new ArrayList<>();
    synchronized (lock) {
      if (current != null && current.job == job) {
        current.cancelled = true;
        synchronized (out) { // never while the compute thread writes: see send
          computer.interrupt();
        }
      }
      for (Iterator<Chunk> queued = chunks.iterator(); queued.hasNext(); ) {
        Chunk chunk = queued.next();
        if (chunk.job == job) {
          queued.remove();
          dropped.add(chunk);
        }
      }
    }
    // Answered only once out of the queue: the parent takes the answer to mean we are idle.
    for (Chunk chunk : dropped) {
      reply(chunk, Protocol.CANCELLED);
    }
  }

  private void reply(Chunk chunk, byte type) {
    try {
      send(type, Protocol.payload(p -> {
        p.writeLong(chunk.job);
        p.writeInt(chunk.index);
      }));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write to the parent", e);
    }
  }

  private void computeLoop() {
    try {
      while (true) {
        Chunk chunk;
        synchronized (lock) {
          while (chunks.isEmpty()) {
            lock.wait();
          }
          chunk = chunks.poll();
          current = chunk;
        }
        compute(chunk);
        synchronized (lock) {
          current = null;
          Thread.interrupted(); // a cancel aimed at the finished chunk must not hit the next
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      System.err.println("range-summer worker: cannot write to the parent: " + e);
      System.err.flush();
      Runtime.getRuntime().halt(71);
    }
  }

  private void compute(Chunk chunk) throws IOException {
    byte[] result;
    try {
      result = run(summation(chunk), chunk);
    } catch (Throwable failure) {
      if (chunk.cancelled) {
        reply(chunk, Protocol.CANCELLED);
        return;
      }
      send(Protocol.FAILURE, describe(chunk, failure));
      if (stuckDescribing) {
        System.err.println(
            "range-summer worker: a term's exception did not describe itself within "
                + DESCRIBE_MILLIS
                + " ms; this worker exits, leaving no stuck thread behind");
        System.err.flush();
        Runtime.getRuntime().halt(72);
      }
      return;
    }
    if (result == null) {
      reply(chunk, Protocol.CANCELLED);
    } else {
      send(Protocol.RESULT, result);
    }
  }

  /**
   * Builds the FAILURE payload of a chunk. The exception's own methods are user code that may
   * never return, so they run on a thread of their own, waited for a bounded time; after that
   * the parent gets the class name alone, and this worker exits once it has answered.
   */
  private byte[] describe(Chunk chunk, Throwable failure) throws IOException {
    FutureTask<byte[]> description =
        new FutureTask<>(
            () ->
                Protocol.payload(p -> {
                  p.writeLong(chunk.job);
                  p.writeInt(chunk.index);
                  Protocol.writeThrowable(p, failure);
                }));
    Thread describer = new Thread(description, "range-summer-worker-describe");
    describer.setDaemon(true);
    describer.start();
    String why;
    long deadline = System.nanoTime() + DESCRIBE_MILLIS * 1_000_000;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return description.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true; // a cancel: the description is still wanted, and bounded
        }
      }
    } catch (TimeoutException e) {
      stuckDescribing = true;
      why = "its getMessage(), getCause() or getStackTrace() did not return within "
          + DESCRIBE_MILLIS + " ms";
    } catch (ExecutionException e) {
      why = "describing it failed with " + e.getCause().getClass().getName();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt(); // cleared before the next chunk
      }
    }
    String message = "(" + why + ")";
    return Protocol.payload(p -> {
      p.writeLong(chunk.job);
      p.writeInt(chunk.index);
      Protocol.writeThrowable(p, failure.getClass().getName(), message);
    });
  }

  private <A> byte[] run(Summation<A> summation, Chunk chunk) throws IOException {
    A accumulator = summation.newAccumulator();
    ChunkCheckpoint checkpoint = new ChunkCheckpoint(chunk);
    if (!summation.accumulate(chunk.from, chunk.to, accumulator, checkpoint) || chunk.cancelled) {
      return null;
    }
    checkpoint.flushProgress();
    return Protocol.payload(p -> {
      p.writeLong(chunk.job);
      p.writeInt(chunk.index);
      summation.write(accumulator, p);
    });
  }

  private Summation<?> summation(Chunk chunk) throws IOException, TermClassMissing {
    Summation.Kind kind = Summation.Kind.values()[chunk.kind];
    if (kind == Summation.Kind.IDENTITY) {
      return Summation.identity();
    }
    if (chunk.term == null) {
      if (termJob != chunk.job) {
        throw new IllegalStateException("no term cached for job " + chunk.job);
      }
      return termSummation;
    }
    Object term;
    try {
      term = TermBytes.decode(chunk.term);
    } catch (ClassNotFoundException | NoClassDefFoundError e) {
      throw new TermClassMissing(e); // a launch configuration error, not the term's failure
    }
    termSummation =
        kind == Summation.Kind.LONG_TERM
            ? Summation.ofLong((LongTerm) term)
            : Summation.ofDouble((DoubleTerm) term);
    termJob = chunk.job;
    return termSummation;
  }

  /**
   * Sends a frame. A socket channel closes when the thread writing to it is interrupted, and a
   * cancel interrupts the compute thread: cancels interrupt only outside this lock, and the flag
   * is put aside while writing.
   */
  private void send(byte type, byte[] payload) throws IOException {
    synchronized (out) {
      boolean interrupted = Thread.interrupted();
      try {
        Protocol.write(out, type, payload);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Stops the loop on cancel and sends progress at a bounded rate when the parent asked. */
  private final class ChunkCheckpoint implements Checkpoint {
    private final Chunk chunk;
    private long unreported;
    private long lastReport = System.nanoTime();

    ChunkCheckpoint(Chunk chunk) {
      this.chunk = chunk;
    }

    @Override
    public boolean proceed(long elements) {
      if (chunk.progress) {
        unreported += elements;
        long now = System.nanoTime();
        if (now - lastReport >= PROGRESS_INTERVAL_NANOS) {
          lastReport = now;
          try {
            flushProgress();
          } catch (IOException e) {
            throw new IllegalStateException("cannot write to the parent", e);
          }
        }
      }
      return !chunk.cancelled;
    }

    void flushProgress() throws IOException {
      if (unreported == 0) {
        return;
      }
      long elements = unreported;
      unreported = 0;
      send(Protocol.PROGRESS, Protocol.payload(p -> {
        p.writeLong(chunk.job);
        p.writeInt(chunk.index);
        p.writeLong(elements);
      }));
    }
  }

  /** One chunk to compute, as sent by the parent. */
  private static final class Chunk {
    final long job;
    final int index;
    final int kind;
    final long from;
    final long to;
    final boolean progress;
    final byte[] term; // null: the previous chunk's term
    volatile boolean cancelled;

    private Chunk(
        long job, int index, int kind, long from, long to, boolean progress, byte[] term) {
      this.job = job;
      this.index = index;
      this.kind = kind;
      this.from = from;
      this.to = to;
      this.progress = progress;
      this.term = term;
    }

    static Chunk read(Protocol.Frame frame) throws IOException {
      DataInputStream p = frame.payload;
      long job = p.readLong();
      int index = p.readInt();
      int kind = p.readUnsignedByte();
      long from = p.readLong();
      long to = p.readLong();
      boolean progress = p.readBoolean();
      int termLength = p.readInt();
      byte[] term = termLength == Protocol.SAME_TERM ? null : Protocol.readBytes(p, termLength);
      frame.end();
      if (kind >= Summation.Kind.values().length) {
        throw new IOException("unknown summation kind " + kind);
      }
      return new Chunk(job, index, kind, from, to, progress, term);
    }
  }
}
