/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.RemoteTermException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwable as plain data (class name, message, stack trace, causes) that travels back from
 * another JVM without the original class: the caller never deserializes an arbitrary exception.
 *
 * @param className the binary class name
 * @param message the message, or {@code null}
 * @param stackTrace the stack trace where it was thrown
 * @param cause the image of its cause, or {@code null}
 */
record ThrowableImage(
    String className, String message, StackTraceElement[] stackTrace, ThrowableImage cause)
    implements Serializable {

  private static final int MAX_CAUSES = 16;
  private static final int MAX_FRAMES = 256;
  private static final int MAX_TEXT = 8 << 10;

  /** Captures {@code failure} and up to 15 causes, with bounded messages and stack traces. */
  static ThrowableImage of(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && chain.size() < MAX_CAUSES; t = t.getCause()) {
      if (chain.contains(t)) {
        break;
      }
      chain.add(t);
    }
    ThrowableImage image = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      StackTraceElement[] trace = t.getStackTrace();
      StackTraceElement[] kept = new StackTraceElement[Math.min(trace.length, MAX_FRAMES)];
      System.arraycopy(trace, 0, kept, 0, kept.length);
      String message = t.getMessage();
      if (message != null && message.length() > MAX_TEXT) {
        message = message.substring(0, MAX_TEXT) + "...";
      }
      image = new ThrowableImage(t.getClass().getName(), message, kept, image);
    }
    return image;
  }

  /** Returns the caller's view of the remote throwable, its causes included. */
  RemoteTermException toException() {
    return new RemoteTermException(
        className, message, stackTrace, cause == null ? null : cause.toException());
  }
}
