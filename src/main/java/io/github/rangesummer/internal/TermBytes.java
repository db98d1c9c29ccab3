/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
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
   * Serializes a term and checks that a worker process will read it.
   *
   * @param term the term
   * @return the term's bytes
   * @throws IllegalArgumentException if the term cannot be serialized, or is beyond a limit
   */
  public static byte[] encode(Serializable term) {
    return encode(term, "to a worker process");
  }

  /**
   * Serializes a term and checks that the other JVM will read it: {@link #decode} there applies
   * the same limits.
   *
   * @param term the term
   * @param destination where it goes, for messages, such as {@code by distributed(8)}
   * @return the term's bytes
   * @throws IllegalArgumentException if the term cannot be serialized, or is beyond a limit
   */
  public static byte[] encode(Serializable term, String destination) {
    try {
      return encodeHere(term, destination);
    } catch (StackOverflowError e) {
      // Deeper than this thread's stack allows: try again on a stack sized for the limit.
      return onLargeStack(() -> encodeHere(term, destination), "range-summer-term-writer");
    }
  }

  /**
   * Reads a term written by {@link #encode}, under the same limits merged with the JVM-wide
   * filter ({@code -Djdk.serialFilter}), which still decides which classes a term may hold. A
   * class {@code ObjectInputStream} cannot resolve is looked up through the thread's context class
   * loader, which containers and Hazelcast's user code deployment set. The caller's stack must
   * hold {@link #MAX_TERM_DEPTH} levels for a term that long: see {@link #decodeOnLargeStack}.
   *
   * @param bytes the term's bytes
   * @return the term
   * @throws IOException if the bytes cannot be read, or are beyond a limit
   * @throws ClassNotFoundException if a class of the term is missing here
   */
  public static Object decode(byte[] bytes) throws IOException, ClassNotFoundException {
    return decode(bytes, ObjectInputFilter.Config.getSerialFilter());
  }

  /** {@link #decode(byte[])} under the JVM-wide filter {@code jvmWide}, or none; for tests. */
  static Object decode(byte[] bytes, ObjectInputFilter jvmWide)
      throws IOException, ClassNotFoundException {
    try (ObjectInputStream objects = new TermInputStream(new ByteArrayInputStream(bytes))) {
      Limits limits = new Limits("");
      Refusals filter =
          new Refusals(jvmWide == null ? limits : ObjectInputFilter.merge(limits, jvmWide));
      objects.setObjectInputFilter(filter);
      try {
        return objects.readObject();
      } catch (InvalidClassException e) {
        if (limits.exceeded == null && filter.refused != null) {
          // The JDK's message says "filter status: REJECTED" and names no class: name it.
          InvalidClassException named =
              new InvalidClassException(
                  filter.refused,
                  "refused by this JVM's deserialization filter (-Djdk.serialFilter, or the"
                      + " member command's --allow)");
          named.initCause(e);
          throw named;
        }
        throw e;
      }
    }
  }

  /** A filter that notes the first class it refuses, for the message. */
  private static final class Refusals implements ObjectInputFilter {
    private final ObjectInputFilter filter;
    String refused;

    Refusals(ObjectInputFilter filter) {
      this.filter = filter;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      Status status = filter.checkInput(info);
      if (status == Status.REJECTED && refused == null && info.serialClass() != null) {
        refused = info.serialClass().getName();
      }
      return status;
    }
  }

  /**
   * {@link #decode}, on a thread with a stack of {@link #STACK_BYTES} when the term is long enough
   * to need it.
   *
   * @param bytes the term's bytes
   * @return the term
   * @throws IOException if the bytes cannot be read, or are beyond a limit
   * @throws ClassNotFoundException if a class of the term is missing here
   */
  public static Object decodeOnLargeStack(byte[] bytes)
      throws IOException, ClassNotFoundException {
    if (bytes.length <= MAX_TERM_DEPTH) {
      return decode(bytes); // every level of nesting takes a byte: this one is shallow
    }
    try {
      return onLargeStack(
          () -> {
            try {
              return decode(bytes);
            } catch (IOException | ClassNotFoundException e) {
              throw new Checked(e);
            }
          },
          "range-summer-term-reader");
    } catch (Checked e) {
      if (e.getCause() instanceof ClassNotFoundException) {
        throw (ClassNotFoundException) e.getCause();
      }
      throw (IOException) e.getCause();
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
      throw tooDeep("to another JVM", null);
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return result.join();
  }

  private static byte[] encodeHere(Serializable term, String destination) {
    byte[] bytes = write(term, destination, MAX_TERM_BYTES);
    if (bytes.length <= MAX_TERM_DEPTH) {
      // Every object read, and every level of nesting, takes a byte of the stream at least:
      // a term this small is within every limit, and reading it back would only cost time.
      return bytes;
    }
    Limits limits = new Limits(destination);
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
      throw tooLarge(destination, null);
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

  private static IllegalArgumentException tooLarge(String destination, Exception cause) {
    return beyond(destination, "it serializes to more than %d bytes (RangeSummer.MAX_TERM_BYTES); let the"
        + " term read such data in the worker", MAX_TERM_BYTES, cause);
  }

  private static IllegalArgumentException tooDeep(String destination, Exception cause) {
    return beyond(destination, "its objects nest more than %d deep (RangeSummer.MAX_TERM_DEPTH), as in a"
        + " linked list of that length", MAX_TERM_DEPTH, cause);
  }

  private static IllegalArgumentException tooMany(String destination, Exception cause) {
    return beyond(destination, "it holds more than %d objects (RangeSummer.MAX_TERM_OBJECTS)",
        MAX_TERM_OBJECTS, cause);
  }

  private static IllegalArgumentException beyond(
      String destination, String why, int limit, Exception cause) {
    return new IllegalArgumentException(
        "term cannot be sent " + destination + ": " + String.format(Locale.ROOT, why, limit),
        cause);
  }

  /** The filter of both sides; on the sender's side it remembers which limit was passed. */
  private static final class Limits implements ObjectInputFilter {
    private final String destination;
    IllegalArgumentException exceeded;

    Limits(String destination) {
      this.destination = destination;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      if (info.streamBytes() > MAX_TERM_BYTES) {
        exceeded = tooLarge(destination, null);
      } else if (info.depth() > MAX_TERM_DEPTH) {
        exceeded = tooDeep(destination, null);
      } else if (info.references() > MAX_TERM_OBJECTS) {
        exceeded = tooMany(destination, null);
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

  /** A checked failure of {@link #decode}, carried through {@link #onLargeStack}. */
  private static final class Checked extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Checked(Exception cause) {
      super(cause);
    }
  }

  /**
   * Resolves classes as {@code ObjectInputStream} does, then through the thread's context class
   * loader.
   */
  private static final class TermInputStream extends ObjectInputStream {
    TermInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return super.resolveClass(desc);
      } catch (ClassNotFoundException e) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context == null) {
          throw e;
        }
        return Class.forName(desc.getName(), false, context);
      }
    }
  }

  /** Thrown through ObjectOutputStream, which lets unchecked exceptions pass unchanged. */
  private static final class UncheckedTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
