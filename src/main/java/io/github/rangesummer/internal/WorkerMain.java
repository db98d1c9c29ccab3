/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The entry point of a worker process of {@code multiProcess(n)}: computes the chunks its parent
 * sends on standard input and answers on standard output.
 *
 * <p>Before any user code runs, it takes the real standard output for the protocol and points
 * {@code System.out} at standard error, which the parent forwards to its own standard error: a
 * term that prints cannot corrupt the protocol. Standard input belongs to the protocol too; when
 * it ends, because the parent closed it or died, even by {@code kill -9}, the worker halts.
 *
 * <p>A main thread reads frames; a compute thread runs one chunk at a time through the same
 * {@link Summation} kernels as the in-JVM strategies, so results are bit-identical. A cancel finds
 * each chunk of its job either queued, and drops it, or current, and stops it: the compute thread
 * takes a chunk and makes it current in one step under the lock, so none slips in between.
 */
public final class WorkerMain {

  /** Stop reading serialized terms deeper or larger than this. */
  private static final ObjectInputFilter TERM_LIMITS =
      ObjectInputFilter.Config.createFilter("maxdepth=128;maxrefs=1000000;maxbytes=67108864");

  private static final long PROGRESS_INTERVAL_NANOS = 50_000_000L;

  private final DataInputStream in;
  private final DataOutputStream out;
  private final Thread computer;
  private final Object lock = new Object();
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>(); // guarded by lock
  private Chunk current; // guarded by lock
  private long termJob = -1; // job of the cached term; compute thread only
  private Summation<?> termSummation; // compute thread only

  private WorkerMain(InputStream in, DataOutputStream out) {
    this.in = new DataInputStream(new BufferedInputStream(in));
    this.out = out;
    this.computer = new Thread(this::computeLoop, "range-summer-worker-compute");
    computer.setDaemon(true);
  }

  /**
   * Runs the worker. Not for direct use: the parent starts it.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    DataOutputStream protocolOut =
        new DataOutputStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    InputStream protocolIn = new FileInputStream(FileDescriptor.in);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    System.setIn(new ByteArrayInputStream(new byte[0]));
    WorkerMain worker = new WorkerMain(protocolIn, protocolOut);
    int status = worker.run();
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
      return 0; // the parent closed our input: it is done with us, or dead
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
        computer.interrupt();
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
      send(Protocol.FAILURE, Protocol.payload(p -> {
        p.writeLong(chunk.job);
        p.writeInt(chunk.index);
        Protocol.writeThrowable(p, failure);
      }));
      return;
    }
    if (result == null) {
      reply(chunk, Protocol.CANCELLED);
    } else {
      send(Protocol.RESULT, result);
    }
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
    try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(chunk.term))) {
      objects.setObjectInputFilter(TERM_LIMITS);
      term = objects.readObject();
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

  private void send(byte type, byte[] payload) throws IOException {
    synchronized (out) {
      Protocol.write(out, type, payload);
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
