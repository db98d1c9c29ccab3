/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import com.google.common.collect.EvictingQueue;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on one worker process, the real {@link Worker}: the process, its protocol
 * channel (a {@link WorkerChannel}, never its standard streams), a thread that reads its frames,
 * a thread that writes them, and a thread that forwards its output to our standard error through
 * a {@link LineForwarder}, keeping the last lines for error messages.
 */
final class WorkerProcess implements Worker {

  /** Starts worker JVMs the way this JVM was started. */
  static final Launcher LAUNCHER =
      (name, threadPrefix, listener) ->
          start(WorkerCommand.forThisJvm(), name, threadPrefix, listener);

  /**
   * The first line the JVM prints when {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS} is
   * set, in every worker as in this JVM: kept in the tail, not forwarded.
   */
  private static final List<String> JVM_NOTES =
      List.of("Picked up JAVA_TOOL_OPTIONS:", "NOTE: Picked up JDK_JAVA_OPTIONS:",
          "Picked up _JAVA_OPTIONS:");

  /** Lines of a worker's output kept for error messages. */
  static final int TAIL_LINES = 20;

  private static final System.Logger LOG = System.getLogger("io.github.rangesummer");

  private final String name;
  private final Process process;
  private final WorkerChannel channel;
  private final Outbox outbox = new Outbox();
  private final DataOutputStream toWorker;
  private final EvictingQueue<String> tail = EvictingQueue.create(TAIL_LINES);
  private final Thread reader;
  private final Thread pump;
  private final Thread writer;
  private int linesForwarded; // output thread only

  private WorkerProcess(
      String name,
      Process process,
      WorkerChannel channel,
      String threadPrefix,
      Listener listener) {
    this.name = name + " (pid " + process.pid() + ")";
    this.process = process;
    this.channel = channel;
    this.toWorker = new DataOutputStream(new BufferedOutputStream(outbox));
    this.reader = new Thread(() -> readLoop(listener), threadPrefix + "-reader");
    this.pump = new Thread(this::pumpOutput, threadPrefix + "-output");
    this.writer = new Thread(outbox::writeLoop, threadPrefix + "-writer");
    reader.setDaemon(true);
    pump.setDaemon(true);
    writer.setDaemon(true);
  }

  /**
   * Starts a worker process and its two threads. The worker gets the address of its protocol
   * channel as one more argument after {@code command}; its standard output and error are one
   * stream, forwarded to ours.
   */
  static WorkerProcess start(
      List<String> command, String name, String threadPrefix, Listener listener)
      throws IOException {
    WorkerChannel channel = WorkerChannel.listen();
    Process process;
    try {
      List<String> arguments = new ArrayList<>(command);
      arguments.add(channel.address());
      process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    process.getOutputStream().close(); // the worker reads nothing from its standard input
    process.onExit().thenRun(channel::close); // a worker that dies before it connects
    WorkerProcess worker = new WorkerProcess(name, process, channel, threadPrefix, listener);
    worker.pump.start();
    worker.writer.start();
    worker.reader.start();
    return worker;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Message message) throws IOException {
    synchronized (toWorker) {
      Protocol.write(toWorker, message);
    }
  }

  @Override
  public void closeInput() {
    synchronized (toWorker) {
      try {
        toWorker.close();
      } catch (IOException e) {
        kill();
      }
    }
  }

  @Override
  public void kill() {
    process.destroyForcibly();
  }

  @Override
  public Integer awaitExit(long millis) {
    try {
      if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
          return null;
        }
      }
      pump.join(millis); // let the last lines of output arrive
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return process.isAlive() ? null : process.exitValue();
    }
  }

  @Override
  public List<String> outputTail() {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }

  @Override
  public boolean waitUntil(long deadline, boolean[] interrupted) {
    while (true) {
      try {
        return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted[0] = true;
      }
    }
  }

  @Override
  public void joinThreads(long deadline, boolean[] interrupted) {
    for (Thread thread : new Thread[] {reader, pump, writer}) {
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

  private void readLoop(Listener listener) {
    IOException failure = null;
    SocketChannel socket = null;
    try {
      socket = channel.accept();
      outbox.connected.complete(socket);
      DataInputStream fromWorker =
          new DataInputStream(new BufferedInputStream(WorkerChannel.in(socket)));
      for (Protocol.Frame frame = Protocol.read(fromWorker);
          frame != null;
          frame = Protocol.read(fromWorker)) {
        listener.onMessage(this, Message.decode(frame));
      }
    } catch (ClosedChannelException e) {
      // The worker exited before it connected: an end like any other, with its exit code.
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException("cannot handle a frame from " + name, e);
    } finally {
      outbox.connected.completeExceptionally(new ClosedChannelException());
      outbox.close(); // the writer ends too
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // Closed either way.
        }
      }
      listener.onEnd(this, failure);
    }
  }

  /**
   * Forwards the worker's output (standard output and error, one stream) to our standard error,
   * line by line, in bounded memory: a line longer than {@link ProcessTransport#MAX_FORWARDED_LINE}
   * bytes is forwarded cut, with a marker, and the rest of it is dropped. Never ends silently.
   */
  private void pumpOutput() {
    LineForwarder lines =
        new LineForwarder(ProcessTransport.MAX_FORWARDED_LINE, Charset.defaultCharset(), this::forward);
    byte[] buffer = new byte[8_192];
    try (InputStream output = process.getInputStream()) {
      for (int n = output.read(buffer); n >= 0; n = output.read(buffer)) {
        lines.accept(buffer, n);
      }
      lines.end();
    } catch (IOException e) {
      // The stream broke because the process is gone; its exit is reported by the reader.
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "stopped forwarding the output of " + name, e);
    }
  }

  private void forward(String line) {
    synchronized (tail) {
      tail.add(line);
    }
    if (linesForwarded++ < JVM_NOTES.size() && JVM_NOTES.stream().anyMatch(line::startsWith)) {
      return; // the JVM's first lines, on options from the environment: this JVM printed them
    }
    System.err.println("[range-summer " + name + "] " + line);
  }

  /**
   * Frames to the worker, written to its socket by the worker's writer thread and never by the
   * thread that sends them. A socket channel closes when a thread writing to it is interrupted,
   * and senders include callers of the summer, whom their application may interrupt at any time.
   * Frames sent before the worker has connected wait here, so that a chunk can be handed to a
   * worker that is still starting.
   */
  private final class Outbox extends OutputStream {
    private final byte[] end = new byte[0];
    private final LinkedBlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<SocketChannel> connected = new CompletableFuture<>();
    private boolean closed; // guarded by this

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
      if (closed) {
        throw new IOException("the input of " + name + " is closed");
      }
      frames.add(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Ends the worker's input once every frame before this is written. */
    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        frames.add(end);
      }
    }

    /** Runs on the writer thread until the input is closed or the socket breaks. */
    void writeLoop() {
      SocketChannel socket;
      try {
        socket = connected.join();
      } catch (RuntimeException e) {
        return; // the worker never connected; its reader reports the end
      }
      try {
        OutputStream out = WorkerChannel.out(socket);
        for (byte[] frame = take(); frame != end; frame = take()) {
          out.write(frame);
        }
        out.close();
      } catch (IOException e) {
        kill(); // it cannot read its input: its reader will report the end
      }
    }

    private byte[] take() {
      while (true) {
        try {
          return frames.take();
        } catch (InterruptedException e) {
          // Nobody interrupts this thread; it ends with its worker.
        }
      }
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
