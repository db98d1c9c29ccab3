/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.RemoteTermException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwable as plain data (class name, message, stack trace, causes) that travels back from
 * another JVM without the original class: the caller never deserializes an arbitrary exception.
 * Both remote transports describe a term's exception with it: worker processes write it as frames,
 * {@code distributed} tasks return it serialized.
 *
 * <p>A throwable's methods are user code. {@link #of} calls each once, guarded: one that throws
 * or returns {@code null} describes nothing, an endless or cyclic chain of causes is cut, and
 * texts and stack traces are bounded, so describing always returns (unless a method never
 * returns, which the caller must bound).
 *
 * @param className the binary class name
 * @param message the message, or {@code null}
 * @param stackTrace the stack trace where it was thrown, without {@code null} frames
 * @param cause the image of its cause, or {@code null}
 */
public record ThrowableImage(
    String className, String message, StackTraceElement[] stackTrace, ThrowableImage cause)
    implements Serializable {

  /** The most throwables of one chain that are described; the rest of the chain is cut. */
  public static final int MAX_CAUSES = 16;

  /** The most stack frames kept per throwable. */
  public static final int MAX_FRAMES = 256;

  /** The longest message kept, in characters; a longer one ends in {@code ...}. */
  public static final int MAX_TEXT = 8 << 10;

  /**
   * Describes {@code failure} and up to {@code MAX_CAUSES - 1} causes, whatever their methods do.
   *
   * @param failure the throwable
   * @return its image
   */
  public static ThrowableImage of(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && chain.size() < MAX_CAUSES; t = causeOf(t)) {
      if (containsSame(chain, t)) {
        break;
      }
      chain.add(t);
    }
    ThrowableImage image = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable t = chain.get(i);
      image = new ThrowableImage(t.getClass().getName(), truncate(messageOf(t)), traceOf(t), image);
    }
    return image;
  }

  /** Returns the caller's view of the remote throwable, its causes included. */
  public RemoteTermException toException() {
    return new RemoteTermException(
        className, message, stackTrace, cause == null ? null : cause.toException());
  }

  private static boolean containsSame(List<Throwable> chain, Throwable t) {
    for (Throwable seen : chain) {
      if (seen == t) { // by identity: a user's equals may throw
        return true;
      }
    }
    return false;
  }

  private static Throwable causeOf(Throwable t) {
    try {
      return t.getCause();
    } catch (Throwable broken) {
      return null;
    }
  }

  private static String messageOf(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable broken) {
      return "(its getMessage() threw " + broken.getClass().getName() + ")";
    }
  }

  private static StackTraceElement[] traceOf(Throwable t) {
    StackTraceElement[] trace;
    try {
      trace = t.getStackTrace();
    } catch (Throwable broken) {
      return new StackTraceElement[0];
    }
    if (trace == null) {
      return new StackTraceElement[0];
    }
    List<StackTraceElement> frames = new ArrayList<>();
    for (StackTraceElement element : trace) {
      if (element != null && frames.size() < MAX_FRAMES) {
        frames.add(element);
      }
    }
    return frames.toArray(new StackTraceElement[0]);
  }

  private static String truncate(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
  }
}
