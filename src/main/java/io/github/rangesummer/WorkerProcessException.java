/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * A worker process of {@link RangeSummer#multiProcess(int)} failed: it exited or was killed while
 * it held part of a sum (twice, since a lost chunk is retried once on a fresh worker), it could not
 * be started, or it broke the protocol. The message names the worker, its exit code and the last
 * lines it wrote to its standard error, which are also available as {@link #stderrTail()}.
 *
 * <p>The dead worker has already been replaced: the next call on the same summer works.
 */
public final class WorkerProcessException extends RangeSummerException {

  private static final long serialVersionUID = 1L;

  /** The worker's name and process id. */
  private final String worker;

  /** The worker's exit code, or {@code null} if it had not exited. */
  private final Integer exitCode;

  /** The last lines of the worker's standard error, oldest first. */
  @SuppressWarnings("serial") // List.copyOf returns a serializable list
  private final List<String> stderrTail;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming the worker and the range
   * @param worker the worker's name and process id, such as {@code worker-2 (pid 4242)}
   * @param exitCode the worker's exit code, or {@code null} if it had not exited
   * @param stderrTail the last lines the worker wrote to its standard error, oldest first
   * @param cause an underlying I/O failure, or {@code null}
   */
  public WorkerProcessException(
      String message, String worker, Integer exitCode, List<String> stderrTail, Throwable cause) {
    super(message, cause);
    this.worker = requireNonNull(worker, "worker");
    this.exitCode = exitCode;
    this.stderrTail = List.copyOf(stderrTail);
  }

  /**
   * Returns the worker's name and process id, such as {@code worker-2 (pid 4242)}.
   *
   * @return the worker that failed
   */
  public String worker() {
    return worker;
  }

  /**
   * Returns the worker's exit code.
   *
   * @return its exit code, or empty if the worker had not exited (for example a protocol error)
   */
  public OptionalInt exitCode() {
    return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }

  /**
   * Returns the last lines the worker wrote to its standard error (and standard output), oldest
   * first.
   *
   * @return an unmodifiable list, empty if it wrote nothing
   */
  public List<String> stderrTail() {
    return stderrTail;
  }
}
