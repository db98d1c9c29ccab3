/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import java.io.IOException;
import java.util.List;

/**
 * What {@link ProcessTransport} needs of one worker: a way to send it messages, to hear from it,
 * and to end it. {@link WorkerProcess} is the real one, a JVM; tests give the transport workers
 * of their own through a {@link Launcher}, so that its scheduling of workers (which worker gets
 * which chunk, deaths, cancels, replacements) is tested without starting JVMs.
 */
interface Worker {

  /** Returns the worker's name and pid, such as {@code worker-2 (pid 4242)}. */
  String name();

  /**
   * Sends a message; it is written later by a thread of the worker's own, never the caller's.
   *
   * @throws IOException if the worker's input is closed
   */
  void send(Message message) throws IOException;

  /** Closes the worker's input, which makes it exit once it has read what was sent. */
  void closeInput();

  /** Kills the worker at once. */
  void kill();

  /**
   * Waits for the worker to exit, killing it if it has not after {@code millis}, and returns its
   * exit code, or {@code null} if even that failed.
   */
  Integer awaitExit(long millis);

  /**
   * Waits until the worker has exited or {@code deadline} (a {@link System#nanoTime()}) passes,
   * and returns whether it exited. An interrupt does not end the wait: it sets {@code
   * interrupted[0]}, for the caller to restore.
   */
  boolean waitUntil(long deadline, boolean[] interrupted);

  /** Waits until {@code deadline} for the worker's threads to end, after it exited. */
  void joinThreads(long deadline, boolean[] interrupted);

  /** Returns the last lines of the worker's output, oldest first, each cut as forwarded. */
  List<String> outputTail();

  /** Starts workers. */
  @FunctionalInterface
  interface Launcher {

    /**
     * Starts a worker, which answers through {@code listener} on a thread of its own.
     *
     * @param name the worker's name, such as {@code worker-2 of multiProcess(4)}
     * @param threadPrefix the start of its threads' names
     * @param listener where its messages go
     * @return the worker, still starting
     * @throws IOException if it cannot be started
     */
    Worker start(String name, String threadPrefix, Listener listener) throws IOException;
  }

  /** Receives what a worker sends, one message at a time, on the worker's reader thread. */
  interface Listener {

    /**
     * Handles one message.
     *
     * @throws IOException if the message breaks the protocol: the worker is then killed
     */
    void onMessage(Worker worker, Message message) throws IOException;

    /** The worker's stream ended or broke; called exactly once, last. */
    void onEnd(Worker worker, IOException failure);
  }
}
