/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.RangeSummerException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** How a job's failure reaches a synchronous caller, the same for every strategy. */
final class Failures {

  private Failures() {}

  /**
   * Waits for {@code result} on the calling thread and returns it, or throws what failed: a
   * term's unchecked exception or error unchanged, a {@link CancellationException} unchanged,
   * anything else as the cause of a {@link RangeSummerException}. If the caller is interrupted,
   * {@code cancel} runs, the interrupt flag stays set, and the {@code InterruptedException} is the
   * cause.
   */
  static <R> R join(CompletableFuture<R> result, Supplier<String> description, Runnable cancel) {
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(new InterruptedException(), description, cancel);
    }
    try {
      result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e, description, cancel);
    } catch (ExecutionException | CancellationException e) {
      // Only the wait is wanted from get(): what it throws differs between JDKs (it unwraps a
      // CompletionException; JDK 25 wraps a CancellationException in a new one). The
      // failure as it was stored is read below.
    }
    Throwable failure = result.handle((value, thrown) -> thrown).join();
    if (failure != null) {
      throw rethrow(failure, description);
    }
    return result.join();
  }

  private static RangeSummerException interrupted(
      InterruptedException cause, Supplier<String> description, Runnable cancel) {
    cancel.run();
    return new RangeSummerException(description.get() + " was interrupted", cause);
  }

  private static RuntimeException rethrow(Throwable failure, Supplier<String> description) {
    if (failure instanceof RuntimeException) {
      return (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    if (failure instanceof TimeoutException) {
      return new RangeSummerException(failure.getMessage(), failure);
    }
    return new RangeSummerException(
        String.format(Locale.ROOT, "%s failed: %s", description.get(), describe(failure)),
        failure);
  }

  /** Returns {@code failure.toString()}, or its class name if that is user code that throws. */
  static String describe(Throwable failure) {
    try {
      return String.valueOf(failure);
    } catch (RuntimeException | Error broken) {
      return failure.getClass().getName()
          + " (whose toString() threw "
          + broken.getClass().getName()
          + ")";
    }
  }
}
