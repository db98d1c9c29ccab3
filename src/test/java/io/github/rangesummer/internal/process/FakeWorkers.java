/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import io.github.rangesummer.internal.remote.ChunkOutcome;
import io.github.rangesummer.internal.remote.ChunkRequest;
import io.github.rangesummer.internal.remote.ChunkWork;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Workers in this JVM for {@link ProcessTransport}: each runs the real {@link ChunkWork} on a
 * thread of its own and answers through its listener, as a worker process's reader thread does,
 * unless the test's {@link Behaviour} makes it die, stay silent or break the protocol.
 */
final class FakeWorkers implements Worker.Launcher {

  /** What a worker does with a chunk. */
  enum Action {
    COMPUTE,
    DIE,
    SILENT,
    /** Holds the chunk unread, and answers that it was cancelled when a cancel comes. */
    DROP_ON_CANCEL,
    WRONG_INDEX
  }

  /** Chooses what the {@code number}-th worker started (from 1) does with a request. */
  @FunctionalInterface
  interface Behaviour {
    Action on(int number, ChunkRequest request);
  }

  final List<FakeWorker> started = new CopyOnWriteArrayList<>();
  volatile Behaviour behaviour = (number, request) -> Action.COMPUTE;
  volatile boolean sayHello = true;

  @Override
  public Worker start(String name, String threadPrefix, Worker.Listener listener) {
    FakeWorker worker = new FakeWorker(name + " (fake " + (started.size() + 1) + ")", started.size() + 1, listener);
    started.add(worker);
    worker.thread.start();
    return worker;
  }

  /** One worker: an inbox, a thread, and the chunks it received. */
  final class FakeWorker implements Worker {
    final String name;
    final int number;
    final Worker.Listener listener;
    final List<ChunkRequest> requests = new CopyOnWriteArrayList<>();
    final List<Long> cancels = new CopyOnWriteArrayList<>();
    final AtomicBoolean killed = new AtomicBoolean();
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ChunkWork work = new ChunkWork();
    private volatile Integer exitCode;
    private ChunkRequest held; // by DROP_ON_CANCEL; its thread only
    final Thread thread;

    FakeWorker(String name, int number, Worker.Listener listener) {
      this.name = name;
      this.number = number;
      this.listener = listener;
      this.thread = new Thread(this::run, name);
      thread.setDaemon(true);
    }

    private void run() {
      try {
        if (!sayHello) {
          end(1, null);
          return;
        }
        listener.onMessage(this, new Message.Hello(Protocol.VERSION, number));
        while (!ended.get()) {
          Object message = inbox.take();
          if (message instanceof Message.Chunk chunk) {
            ChunkRequest request = chunk.request();
            requests.add(request);
            Action action = behaviour.on(number, request);
            switch (action) {
              case COMPUTE ->
                  listener.onMessage(
                      this,
                      new Message.Outcome(
                          request.job(),
                          request.index(),
                          work.compute(request, elements -> true, () -> false)));
              case DIE -> end(44, null);
              case SILENT -> {} // holds the chunk, and ignores cancels
              case DROP_ON_CANCEL -> held = request;
              case WRONG_INDEX ->
                  listener.onMessage(
                      this,
                      new Message.Outcome(
                          request.job(), request.index() + 1000, new ChunkOutcome.Cancelled()));
            }
          } else if (message instanceof Message.Cancel cancel) {
            cancels.add(cancel.job());
            if (held != null && held.job() == cancel.job()) {
              ChunkRequest dropped = held;
              held = null;
              listener.onMessage(
                  this,
                  new Message.Outcome(
                      dropped.job(), dropped.index(), new ChunkOutcome.Cancelled()));
            }
          } else if (message == CLOSE) {
            end(0, null);
          }
        }
      } catch (IOException e) {
        end(137, e);
      } catch (InterruptedException e) {
        end(137, null);
      }
    }

    private void end(int code, IOException failure) {
      if (ended.compareAndSet(false, true)) {
        exitCode = code;
        listener.onEnd(this, failure);
      }
    }

    /** Says the worker is alive, as a worker's heartbeat thread does every second. */
    void heartbeat() throws IOException {
      listener.onMessage(this, new Message.Heartbeat());
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void send(Message message) throws IOException {
      if (ended.get()) {
        throw new IOException(name + " is gone");
      }
      inbox.add(message);
    }

    @Override
    public void closeInput() {
      inbox.add(CLOSE);
    }

    @Override
    public void kill() {
      killed.set(true);
      thread.interrupt();
    }

    @Override
    public Integer awaitExit(long millis) {
      return exitCode;
    }

    @Override
    public boolean waitUntil(long deadline, boolean[] interrupted) {
      try {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        interrupted[0] = true;
      }
      return !thread.isAlive();
    }

    @Override
    public void joinThreads(long deadline, boolean[] interrupted) {
      waitUntil(deadline, interrupted);
    }

    @Override
    public List<String> outputTail() {
      return List.of("fake output of " + name);
    }
  }

  /** The end of a worker's input, as closing it sends. */
  private static final Object CLOSE = new Object();
}
