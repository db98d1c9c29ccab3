/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.RemoteTermException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A throwable as plain data (class name, message, stack trace, causes) that travels back from
 * another JVM without the original class: the caller never deserializes an arbitrary exception.
 * Both remote transports describe a term's exception with it, in the bytes of a chunk's outcome
 * ({@link #write}, {@link #read}); the caller also describes failures it receives with it before
 * it logs them or holds a lock, since their methods are not the library's.
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

  /** Describes a throwable known only by its class name and a message, without a stack. */
  public static ThrowableImage of(String className, String message) {
    return new ThrowableImage(className, truncate(message), new StackTraceElement[0], null);
  }

  /**
   * Writes this image and its causes as plain data, which {@link #read} reads back field by
   * field.
   *
   * @throws IOException if writing fails
   */
  public void write(DataOutput out) throws IOException {
    int count = 0;
    for (ThrowableImage link = this; link != null; link = link.cause) {
      count++;
    }
    out.writeInt(count);
    for (ThrowableImage link = this; link != null; link = link.cause) {
      out.writeUTF(truncate(link.className));
      out.writeBoolean(link.message != null);
      if (link.message != null) {
        out.writeUTF(truncate(link.message));
      }
      int frames = Math.min(link.stackTrace.length, MAX_FRAMES);
      out.writeInt(frames);
      for (int i = 0; i < frames; i++) {
        StackTraceElement element = link.stackTrace[i];
        out.writeUTF(truncate(element.getClassName()));
        out.writeUTF(truncate(element.getMethodName()));
        out.writeUTF(element.getFileName() == null ? "" : truncate(element.getFileName()));
        out.writeInt(element.getLineNumber());
      }
    }
  }

  /**
   * Reads an image written by {@link #write}, within the bounds it writes.
   *
   * @throws IOException if the bytes are short or beyond a bound
   */
  public static ThrowableImage read(DataInput in) throws IOException {
    int count = in.readInt();
    if (count < 1 || count > MAX_CAUSES) {
      throw new IOException("bad exception chain length " + count);
    }
    String[] classNames = new String[count];
    String[] messages = new String[count];
    StackTraceElement[][] traces = new StackTraceElement[count][];
    for (int i = 0; i < count; i++) {
      classNames[i] = in.readUTF();
      messages[i] = in.readBoolean() ? in.readUTF() : null;
      int frames = in.readInt();
      if (frames < 0 || frames > MAX_FRAMES) {
        throw new IOException("bad stack trace length " + frames);
      }
      traces[i] = new StackTraceElement[frames];
      for (int j = 0; j < frames; j++) {
        String className = in.readUTF();
        String method = in.readUTF();
        String file = in.readUTF();
        traces[i][j] =
            new StackTraceElement(className, method, file.isEmpty() ? null : file, in.readInt());
      }
    }
    ThrowableImage image = null;
    for (int i = count - 1; i >= 0; i--) {
      image = new ThrowableImage(classNames[i], messages[i], traces[i], image);
    }
    return image;
  }

  /** Returns {@code className: message}, or the class name alone, as {@code Throwable} does. */
  @Override
  public String toString() {
    return message == null ? className : className + ": " + message;
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

  /**
   * Describes {@code failure} with {@link #of(Throwable)} on a thread of its own, waiting at most
   * {@code millis}: the throwable's methods are user code that may never return. Past the bound,
   * the image holds the class name and a message saying so, and the describing thread is left to
   * end when those methods return (it is a daemon).
   *
   * @param failure the throwable
   * @param millis how long describing it may take
   * @return its image, and whether describing it was cut short
   */
  public static Bounded describe(Throwable failure, long millis) {
    FutureTask<ThrowableImage> description =
        new FutureTask<>(() -> of(failure));
    Thread describer = new Thread(description, "range-summer-describe");
    describer.setDaemon(true);
    describer.start();
    String why;
    long deadline = System.nanoTime() + millis * 1_000_000;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return new Bounded(
              description.get(
                  deadline - System.nanoTime(), TimeUnit.NANOSECONDS),
              false);
        } catch (InterruptedException e) {
          interrupted = true; // a cancel: the description is still wanted, and bounded
        }
      }
    } catch (TimeoutException e) {
      return new Bounded(
          of(
              failure.getClass().getName(),
              "(its getMessage(), getCause() or getStackTrace() did not return within "
                  + millis
                  + " ms)"),
          true);
    } catch (ExecutionException e) {
      why = "(describing it failed with " + e.getCause().getClass().getName() + ")";
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return new Bounded(of(failure.getClass().getName(), why), false);
  }

  /**
   * What {@link #describe(Throwable, long)} returns.
   *
   * @param image the image
   * @param cutShort whether describing did not end in time, leaving a thread in user code
   */
  public record Bounded(ThrowableImage image, boolean cutShort) {}
}
