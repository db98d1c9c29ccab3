/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Closed forms, sneaky throws and bounded waits shared by the reliability tests. */
final class TestSupport {

  /** The bound of every wait that only detects hangs; generous for a busy two-core machine. */
  static final Duration HANG = Duration.ofSeconds(20);

  private TestSupport() {}

  /** Returns the sum of every integer in {@code [start, end)}. */
  static BigInteger closedForm(long start, long end) {
    BigInteger first = BigInteger.valueOf(start);
    BigInteger last = BigInteger.valueOf(end).subtract(BigInteger.ONE);
    BigInteger count = BigInteger.valueOf(end).subtract(first);
    return first.add(last).multiply(count).shiftRight(1);
  }

  /** Waits for {@code future}, failing the test after {@link #HANG}. */
  static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(HANG.toSeconds(), TimeUnit.SECONDS);
  }

  /** Waits for {@code future} to fail and returns the exception as it was thrown. */
  static Throwable failureOf(CompletableFuture<?> future) throws Exception {
    Throwable failure = get(future.handle((value, thrown) -> thrown));
    if (failure == null) {
      fail("expected a failure, got " + future.join());
    }
    return failure;
  }

  /**
   * Asserts that {@code thrown} is how {@code failure}, thrown by a term, reaches the caller of a
   * sum on {@code strategy}: in this JVM an unchecked exception or error as the same instance and
   * a checked one as the cause of a {@link RangeSummerException}; from a remote strategy as a
   * {@link RemoteTermException} with the class and message of {@code failure}.
   */
  static void assertFromTerm(Strategy strategy, Throwable failure, Throwable thrown) {
    if (!strategy.inJvm()) {
      RemoteTermException remote = assertInstanceOf(RemoteTermException.class, thrown);
      assertEquals(failure.getClass().getName(), remote.remoteClassName());
      assertEquals(Optional.ofNullable(failure.getMessage()), remote.remoteMessage());
    } else if (failure instanceof RuntimeException || failure instanceof Error) {
      assertSame(failure, thrown);
    } else {
      assertSame(failure, assertInstanceOf(RangeSummerException.class, thrown).getCause());
    }
  }

  /** Throws {@code failure}, checked or not, without declaring it. */
  @SuppressWarnings("unchecked")
  static <T extends Throwable> RuntimeException sneakyThrow(Throwable failure) throws T {
    throw (T) failure;
  }

  /** Polls {@code condition} until it holds; fails after {@link #HANG}. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + HANG.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out waiting until " + what);
      }
      sleep(5);
    }
  }

  /**
   * Waits until a sum of the whole {@code long} domain is under way on {@code strategy}: until
   * {@code progressSeen}, or, on a strategy that reports progress only per finished chunk (none
   * of which finishes in a test), for a fifth of a second, time enough to send its chunks.
   */
  static void awaitUnderWay(Strategy strategy, BooleanSupplier progressSeen) {
    if (strategy.progressWithinChunks()) {
      await("progress is reported", progressSeen);
    } else {
      sleep(200);
    }
  }

  /**
   * Polls {@code counter} until it holds still for several consecutive samples, and returns its
   * value; fails after {@link #HANG} if it keeps growing, as it does when work never stops.
   */
  static long awaitStable(String what, LongSupplier counter) {
    long deadline = System.nanoTime() + HANG.toNanos();
    long last = counter.getAsLong();
    int unchanged = 0;
    while (unchanged < 4) {
      sleep(50);
      long now = counter.getAsLong();
      unchanged = now == last ? unchanged + 1 : 0;
      last = now;
      if (System.nanoTime() - deadline > 0) {
        fail(what + " kept changing: " + last);
      }
    }
    return last;
  }

  /** Runs {@code task} on a new thread, so that the test thread's interrupt flag stays clean. */
  static <T> CompletableFuture<T> onNewThread(String name, Callable<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(task.call());
              } catch (Throwable failure) {
                result.completeExceptionally(failure);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
