/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A term threw an exception inside a worker process of {@link RangeSummer#multiProcess(int)}, or
 * in another JVM running a chunk of {@link RangeSummer#distributed
 * RangeSummer.distributed(executor, n)}.
 *
 * <p>The original exception object stays where it was thrown: the library never deserializes
 * arbitrary exception classes from another JVM. Instead this exception carries its class name,
 * its message and its stack trace as {@link #getStackTrace()}, and the remote cause chain as
 * {@link #getCause()}, each again a {@code RemoteTermException}. {@link #toString()} reads like the original: {@code
 * RemoteTermException: java.lang.IllegalStateException: boom}.
 */
public final class RemoteTermException extends RangeSummerException {

  private static final long serialVersionUID = 1L;

  /** The binary class name of the remote exception. */
  private final String remoteClassName;

  /** The remote exception's message, or {@code null} if it had none. */
  private final String remoteMessage;

  /**
   * Creates the local image of an exception thrown in a worker process.
   *
   * @param remoteClassName the binary class name of the remote exception
   * @param remoteMessage its message, or {@code null} if it had none
   * @param remoteStackTrace its stack trace, as captured in the worker
   * @param remoteCause the image of its cause, or {@code null}
   */
  public RemoteTermException(
      String remoteClassName,
      String remoteMessage,
      StackTraceElement[] remoteStackTrace,
      RemoteTermException remoteCause) {
    super(
        remoteMessage == null
            ? requireNonNull(remoteClassName, "remoteClassName")
            : remoteClassName + ": " + remoteMessage,
        remoteCause);
    this.remoteClassName = remoteClassName;
    this.remoteMessage = remoteMessage;
    setStackTrace(requireNonNull(remoteStackTrace, "remoteStackTrace").clone());
  }

  /**
   * Returns the class name of the exception the term threw, such as {@code
   * java.lang.IllegalStateException}.
   *
   * @return the binary class name of the remote exception
   */
  public String remoteClassName() {
    return remoteClassName;
  }

  /**
   * Returns the message of the exception the term threw.
   *
   * @return its message, or empty if it had none
   */
  public Optional<String> remoteMessage() {
    return Optional.ofNullable(remoteMessage);
  }

  /**
   * Returns this exception itself: its stack trace is the remote one, captured in the worker.
   *
   * @return this exception, unchanged
   */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
