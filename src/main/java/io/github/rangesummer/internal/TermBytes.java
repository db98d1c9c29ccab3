/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Terms as they travel to other JVMs: Java serialization, on the caller's thread, before anything
 * is sent, so that a term that cannot travel fails there with an {@link IllegalArgumentException}
 * whose cause says why. Every remote transport serializes its terms here.
 *
 * <p>For worker processes, within limits of size, nesting and object count: the parent checks a
 * term against the same filter the worker reads it with, so a term a worker would refuse fails
 * in the caller's thread naming the limit.
 */
public final class TermBytes {

  /** The largest serialized term sent to workers; see {@code RangeSummer.MAX_TERM_BYTES}. */
  public static final int MAX_TERM_BYTES = 64 << 20;

  /** The deepest object nesting in a term; see {@code RangeSummer.MAX_TERM_DEPTH}. */
  public static final int MAX_TERM_DEPTH = 10_000;

  /** The most objects in a term; see {@code RangeSummer.MAX_TERM_OBJECTS}. */
  public static final int MAX_TERM_OBJECTS = 10_000_000;

  /**
   * The stack of a thread that writes or reads a term nested {@link
   * #MAX_TERM_DEPTH} deep; serialization recurses once per level. Only reserved:
   * the memory a thread touches is what it costs.
   */
  public static final long STACK_BYTES = 256L << 20;

  private TermBytes() {}

  /**
   * Serializes a term for any transport, without limits of its own.
   *
   * @param term the term
   * @param sender the strategy, such as {@code distributed(8)}, for messages
   * @return the term's bytes
   * @throws IllegalArgumentException if the term cannot be serialized
   */
  public static byte[] serialize(Serializable term, String sender) {
    return write(term, "by " + sender, Long.MAX_VALUE);
  }

  /**
   * Serializes a term and checks that a worker will read it.
   *
   * @throws IllegalArgumentException if the term cannot be serialized, or is beyond a limit
   */
  public static byte[] encode(Serializable term) {
    try {
      return encodeHere(term);
    } catch (StackOverflowError e) {
      // Deeper than this thread's stack allows: try again on a stack sized for the limit.
      return onLargeStack(() -> encodeHere(term), "range-summer-term-writer");
    }
  }

  /** Reads a term sent by the parent, under the limits. */
  public static Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      objects.setObjectInputFilter(new Limits());
      return objects.readObject();
    }
  }

  /** Runs {@code action} on a new thread with a stack of {@link #STACK_BYTES}, and waits. */
  public static <T> T onLargeStack(Supplier<T> action, String name) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.complete(action.get());
              } catch (Throwable failure) {
                result.completeExceptionally(failure);
              }
            },
            name,
            STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join(); // the writer is bounded by the term's size; it cannot be left behind
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable failure = result.handle((value, thrown) -> thrown).join();
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof StackOverflowError) {
      throw tooDeep(null);
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return result.join();
  }

  private static byte[] encodeHere(Serializable term) {
    byte[] bytes = write(term, "to a worker process", MAX_TERM_BYTES);
    if (bytes.length <= MAX_TERM_DEPTH) {
      // Every object read, and every level of nesting, takes a byte of the stream at least:
      // a term this small is within every limit, and reading it back would only cost time.
      return bytes;
    }
    Limits limits = new Limits();
    try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      objects.setObjectInputFilter(limits);
      objects.readObject();
    } catch (InvalidClassException e) {
      if (limits.exceeded != null) {
        throw limits.exceeded;
      }
      // Refused for another reason: left for the worker to report as it would.
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      // The term's own readObject, or a class this JVM cannot see from here: the worker tells.
    }
    return bytes;
  }

  private static byte[] write(Serializable term, String destination, long maxBytes) {
    Bounded bytes = new Bounded(maxBytes);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(term);
    } catch (UncheckedTooLarge e) {
      throw tooLarge(null);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(
          "term of "
              + term.getClass().getName()
              + " cannot be sent "
              + destination
              + ": it holds an instance of "
              + e.getMessage()
              + ", which is not Serializable",
          e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "term of " + term.getClass().getName() + " cannot be sent " + destination + ": " + e,
          e);
    }
    return bytes.toByteArray();
  }

  private static IllegalArgumentException tooLarge(Exception cause) {
    return beyond("it serializes to more than %d bytes (RangeSummer.MAX_TERM_BYTES); let the"
        + " term read such data in the worker", MAX_TERM_BYTES, cause);
  }

  private static IllegalArgumentException tooDeep(Exception cause) {
    return beyond("its objects nest more than %d deep (RangeSummer.MAX_TERM_DEPTH), as in a"
        + " linked list of that length", MAX_TERM_DEPTH, cause);
  }

  private static IllegalArgumentException tooMany(Exception cause) {
    return beyond("it holds more than %d objects (RangeSummer.MAX_TERM_OBJECTS)",
        MAX_TERM_OBJECTS, cause);
  }

  private static IllegalArgumentException beyond(String why, int limit, Exception cause) {
    return new IllegalArgumentException(
        "term cannot be sent to a worker process: " + String.format(Locale.ROOT, why, limit),
        cause);
  }

  /** The filter of both sides; on the parent's side it remembers which limit was passed. */
  private static final class Limits implements ObjectInputFilter {
    IllegalArgumentException exceeded;

    @Override
    public Status checkInput(FilterInfo info) {
      if (info.streamBytes() > MAX_TERM_BYTES) {
        exceeded = tooLarge(null);
      } else if (info.depth() > MAX_TERM_DEPTH) {
        exceeded = tooDeep(null);
      } else if (info.references() > MAX_TERM_OBJECTS) {
        exceeded = tooMany(null);
      } else {
        return Status.UNDECIDED;
      }
      return Status.REJECTED;
    }
  }

  /** A byte array stream that refuses to grow beyond a bound. */
  private static final class Bounded extends ByteArrayOutputStream {
    private final long maxBytes;

    Bounded(long maxBytes) {
      super(256);
      this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void write(int b) {
      check(1);
      super.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      check(length);
      super.write(bytes, offset, length);
    }

    private void check(int more) {
      if ((long) count + more > maxBytes) {
        throw new UncheckedTooLarge();
      }
    }
  }

  /** Thrown through ObjectOutputStream, which lets unchecked exceptions pass unchanged. */
  private static final class UncheckedTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
