/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import com.google.common.collect.EvictingQueue;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on one worker process: the process, the protocol streams, a thread that
 * reads its frames and a thread that forwards its standard error to ours, keeping the last lines
 * for error messages. Scheduling state ({@link #assignment}) is guarded by the owning {@link
 * ProcessRunner}.
 */
final class WorkerProcess {

  /** Lines of a worker's standard error kept for error messages. */
  static final int TAIL_LINES = 20;

  private final String name;
  private final Process process;
  private final DataOutputStream toWorker;
  private final DataInputStream fromWorker;
  private final EvictingQueue<String> tail = EvictingQueue.create(TAIL_LINES);
  private final Thread reader;
  private final Thread pump;
  private volatile boolean started;
  private long lastTermJob = -1; // guarded by toWorker

  /** The chunk this worker computes, or {@code null} when idle; guarded by the runner. */
  ProcessRunner.Assignment assignment;

  /** Set once the runner has handled this worker's end; guarded by the runner. */
  boolean dead;

  private WorkerProcess(String name, Process process, String threadPrefix, FrameHandler handler) {
    this.name = name + " (pid " + process.pid() + ")";
    this.process = process;
    this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
    this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    this.reader = new Thread(() -> readLoop(handler), threadPrefix + "-reader");
    this.pump = new Thread(this::pumpStderr, threadPrefix + "-stderr");
    reader.setDaemon(true);
    pump.setDaemon(true);
  }

  /** Receives what a worker sends, on its reader thread. */
  interface FrameHandler {
    void onFrame(WorkerProcess worker, Protocol.Frame frame) throws IOException;

    /** The worker's stream ended or broke; called exactly once, last. */
    void onEnd(WorkerProcess worker, IOException failure);
  }

  /** Starts a worker process and its two threads. */
  static WorkerProcess start(
      List<String> command, String name, String threadPrefix, FrameHandler handler)
      throws IOException {
    Process process = new ProcessBuilder(command).start();
    WorkerProcess worker = new WorkerProcess(name, process, threadPrefix, handler);
    worker.pump.start();
    worker.reader.start();
    return worker;
  }

  /** Returns the worker's name and pid, such as {@code worker-2 (pid 4242)}. */
  String name() {
    return name;
  }

  /** Returns whether the worker said hello, that is, it started and runs our code. */
  boolean started() {
    return started;
  }

  void markStarted() {
    started = true;
  }

  /**
   * Sends a chunk, with the term's bytes unless this worker already has the job's term.
   *
   * @throws IOException if the worker's input is closed
   */
  void sendChunk(
      long job, int index, Summation.Kind kind, long from, long to, boolean progress, byte[] term)
      throws IOException {
    synchronized (toWorker) {
      boolean sameTerm = term == null || lastTermJob == job;
      byte[] payload =
          Protocol.payload(p -> {
            p.writeLong(job);
            p.writeInt(index);
            p.writeByte(kind.ordinal());
            p.writeLong(from);
            p.writeLong(to);
            p.writeBoolean(progress);
            if (sameTerm) {
              p.writeInt(Protocol.SAME_TERM);
            } else {
              p.writeInt(term.length);
              p.write(term);
            }
          });
      Protocol.write(toWorker, Protocol.CHUNK, payload);
      if (term != null) {
        lastTermJob = job;
      }
    }
  }

  /** Asks the worker to abandon its chunks of {@code job}; ignores a worker that is gone. */
  void sendCancel(long job) {
    synchronized (toWorker) {
      try {
        Protocol.write(toWorker, Protocol.CANCEL, Protocol.payload(p -> p.writeLong(job)));
      } catch (IOException e) {
        kill(); // it cannot read its input: its reader will report the end
      }
    }
  }

  /** Closes the worker's input, which makes it exit. */
  void closeInput() {
    synchronized (toWorker) {
      try {
        toWorker.close();
      } catch (IOException e) {
        kill();
      }
    }
  }

  /** Kills the worker at once. */
  void kill() {
    process.destroyForcibly();
  }

  /**
   * Waits for the worker to exit, killing it if it has not after {@code millis}, and returns its
   * exit code, or {@code null} if even that failed.
   */
  Integer awaitExit(long millis) {
    try {
      if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
          return null;
        }
      }
      pump.join(millis); // let the last lines of stderr arrive
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return process.isAlive() ? null : process.exitValue();
    }
  }

  /** Returns the last lines of the worker's standard error, oldest first. */
  List<String> stderrTail() {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }

  /**
   * Waits until the worker has exited or {@code deadline} (a {@link System#nanoTime()}) passes,
   * and returns whether it exited. An interrupt does not end the wait: it sets {@code
   * interrupted[0]}, for the caller to restore.
   */
  boolean waitUntil(long deadline, boolean[] interrupted) {
    while (true) {
      try {
        return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted[0] = true;
      }
    }
  }

  /** Waits until {@code deadline} for the worker's threads to end, after it exited. */
  void joinThreads(long deadline, boolean[] interrupted) {
    for (Thread thread : new Thread[] {reader, pump}) {
      while (true) {
        try {
          TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
          break;
        } catch (InterruptedException e) {
          interrupted[0] = true;
        }
      }
    }
  }

  private void readLoop(FrameHandler handler) {
    IOException failure = null;
    try {
      for (Protocol.Frame frame = Protocol.read(fromWorker);
          frame != null;
          frame = Protocol.read(fromWorker)) {
        handler.onFrame(this, frame);
      }
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException("cannot handle a frame from " + name, e);
    } finally {
      handler.onEnd(this, failure);
    }
  }

  private void pumpStderr() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), Charset.defaultCharset()))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (tail) {
          tail.add(line);
        }
        System.err.println("[range-summer " + name + "] " + line);
      }
    } catch (IOException e) {
      // The stream broke because the process is gone; its exit is reported by the reader.
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
