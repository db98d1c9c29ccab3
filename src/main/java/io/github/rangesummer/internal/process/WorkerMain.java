/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import io.github.rangesummer.internal.Checkpoint;
import io.github.rangesummer.internal.TermBytes;
import io.github.rangesummer.internal.remote.ChunkOutcome;
import io.github.rangesummer.internal.remote.ChunkRequest;
import io.github.rangesummer.internal.remote.ChunkWork;
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
 * <p>A main thread reads frames; a compute thread runs one chunk at a time through {@link
 * ChunkWork}, as a cluster member's task does, so results are bit-identical to the in-JVM
 * strategies'. A cancel finds each chunk of its job either queued, and drops it, or current, and
 * stops it: the compute thread takes a chunk and makes it current in one step under the lock, so
 * none slips in between. A heartbeat thread tells the parent every {@link #HEARTBEAT_MILLIS} ms
 * that the worker is alive, whatever its term is doing, so that the parent can tell a busy worker
 * from a frozen one.
 */
public final class WorkerMain {

  private static final long PROGRESS_INTERVAL_NANOS = 50_000_000L;

  /** How often the worker says it is alive, in milliseconds: {@value}. */
  static final long HEARTBEAT_MILLIS = 1_000;

  private static volatile boolean running;

  private final DataInputStream in;
  private final DataOutputStream out;
  private final Thread computer;
  private final Thread heartbeat;
  private final ChunkWork work = new ChunkWork(); // compute thread only
  private final Object lock = new Object();
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>(); // guarded by lock
  private Chunk current; // guarded by lock

  private WorkerMain(InputStream in, DataOutputStream out) {
    this.in = new DataInputStream(new BufferedInputStream(in));
    this.out = out;
    // A stack for terms nested as deep as the parent lets them be.
    this.computer =
        new Thread(null, this::computeLoop, "range-summer-worker-compute", TermBytes.STACK_BYTES);
    computer.setDaemon(true);
    this.heartbeat = new Thread(this::heartbeatLoop, "range-summer-worker-heartbeat");
    heartbeat.setDaemon(true);
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
      send(new Message.Hello(Protocol.VERSION, ProcessHandle.current().pid()));
      computer.start();
      heartbeat.start();
      for (Protocol.Frame frame = Protocol.read(in); frame != null; frame = Protocol.read(in)) {
        Message message = Message.decode(frame);
        if (message instanceof Message.Chunk chunk) {
          synchronized (lock) {
            chunks.add(new Chunk(chunk.request()));
            lock.notifyAll();
          }
        } else if (message instanceof Message.Cancel cancel) {
          cancel(cancel.job());
        } else {
          throw new IOException("unexpected message " + message);
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
      if (current != null && current.request.job() == job) {
        current.cancelled = true;
        synchronized (out) { // never while the compute thread writes: see send
          computer.interrupt();
        }
      }
      for (Iterator<Chunk> queued = chunks.iterator(); queued.hasNext(); ) {
        Chunk chunk = queued.next();
        if (chunk.request.job() == job) {
          queued.remove();
          dropped.add(chunk);
        }
      }
    }
    // Answered only once out of the queue: the parent takes the answer to mean we are idle.
    for (Chunk chunk : dropped) {
      try {
        answer(chunk, new ChunkOutcome.Cancelled());
      } catch (IOException e) {
        throw new IllegalStateException("cannot write to the parent", e);
      }
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
      System.err.println("range-summer worker: " + e);
      System.err.flush();
      Runtime.getRuntime().halt(71);
    }
  }

  private void compute(Chunk chunk) throws IOException {
    ChunkCheckpoint checkpoint = new ChunkCheckpoint(chunk);
    ChunkOutcome outcome = work.compute(chunk.request, checkpoint, () -> chunk.cancelled);
    if (outcome instanceof ChunkOutcome.Result) {
      checkpoint.flushProgress();
    }
    answer(chunk, outcome);
    if (work.describingCutShort()) {
      System.err.println(
          "range-summer worker: a term's exception did not describe itself within "
              + ChunkWork.DESCRIBE_MILLIS
              + " ms; this worker exits, leaving no stuck thread behind");
      System.err.flush();
      Runtime.getRuntime().halt(72);
    }
  }

  private void answer(Chunk chunk, ChunkOutcome outcome) throws IOException {
    send(new Message.Outcome(chunk.request.job(), chunk.request.index(), outcome));
  }

  private void heartbeatLoop() {
    try {
      while (true) {
        Thread.sleep(HEARTBEAT_MILLIS);
        send(new Message.Heartbeat());
      }
    } catch (InterruptedException | IOException e) {
      // The channel broke: the main thread sees its end and halts the worker.
    }
  }

  /**
   * Sends a message. A socket channel closes when the thread writing to it is interrupted, and a
   * cancel interrupts the compute thread: cancels interrupt only outside this lock, and the flag
   * is put aside while writing.
   */
  private void send(Message message) throws IOException {
    synchronized (out) {
      boolean interrupted = Thread.interrupted();
      try {
        Protocol.write(out, message);
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
      if (chunk.request.progress()) {
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
      send(new Message.Progress(chunk.request.job(), chunk.request.index(), elements));
    }
  }

  /** One chunk to compute, as sent by the parent, and whether it was cancelled. */
  private static final class Chunk {
    final ChunkRequest request;
    volatile boolean cancelled;

    Chunk(ChunkRequest request) {
      this.request = request;
    }
  }
}
