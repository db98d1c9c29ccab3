/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

/**
 * A chunk of a {@link RangeSummer#distributed distributed} sum failed on every attempt it was
 * allowed, for reasons outside the term: members left or stopped answering, connections broke,
 * or the members could not load the task. The message names the chunk's range, the number of
 * attempts and the last cause, which is also {@link #getCause()}.
 *
 * <p>A {@link ClassNotFoundException}, a {@link NoClassDefFoundError}, or a {@code
 * ClassCastException} naming {@code java.lang.invoke.SerializedLambda} among the causes means the
 * members cannot load range-summer or the term's classes: put both on every member's class path.
 * A term's own exception never causes this one; it arrives as a {@link RemoteTermException}.
 */
public final class RemoteChunkException extends RangeSummerException {

  private static final long serialVersionUID = 1L;

  /** The chunk's first element. */
  private final long from;

  /** The chunk's exclusive end. */
  private final long to;

  /** How many times the chunk was sent. */
  private final int attempts;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming the chunk, the sum and the attempts
   * @param from the chunk's first element
   * @param to the chunk's exclusive end
   * @param attempts how many times the chunk was sent
   * @param cause why the last attempt failed
   */
  public RemoteChunkException(String message, long from, long to, int attempts, Throwable cause) {
    super(message, cause);
    this.from = from;
    this.to = to;
    this.attempts = attempts;
  }

  /**
   * Returns the first element of the chunk that failed.
   *
   * @return the chunk's first element, inclusive
   */
  public long from() {
    return from;
  }

  /**
   * Returns the end of the chunk that failed.
   *
   * @return the chunk's last element, exclusive
   */
  public long to() {
    return to;
  }

  /**
   * Returns how many times the chunk was sent before the sum gave up.
   *
   * @return the number of attempts
   */
  public int attempts() {
    return attempts;
  }
}
