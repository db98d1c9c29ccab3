/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

/**
 * A sum that could not produce its result for a reason other than an unchecked exception thrown
 * by its term: the caller was interrupted (the cause is the {@link InterruptedException}), the
 * deadline passed (the cause is a {@link java.util.concurrent.TimeoutException}), a term threw a
 * checked exception, or a worker process failed (see the subclasses).
 *
 * <p>A term's unchecked exceptions and errors are rethrown unchanged, not wrapped in this type.
 */
public class RangeSummerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed, naming the range
   * @param cause why, or {@code null}
   */
  public RangeSummerException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception with a message only.
   *
   * @param message what failed, naming the range
   */
  public RangeSummerException(String message) {
    super(message);
  }
}
