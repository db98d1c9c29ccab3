/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.internal.ThrowableImage;
import java.io.IOException;

/**
 * Why an attempt was lost, as the library's own exception: the failure a transport received (a
 * cluster's exception, deserialized from another JVM, whose methods are not the library's code)
 * described once, within a bound, by {@link ThrowableImage#describe}. The scheduler logs it,
 * formats it under its lock and keeps it as a cause, and none of that can run user code.
 */
public final class LostAttempt extends IOException {

  private static final long serialVersionUID = 1L;

  /** How long a received failure may take to describe itself, in milliseconds: {@value}. */
  static final long DESCRIBE_MILLIS = 2_000;

  /** The received failure as data. */
  private final ThrowableImage image;

  private LostAttempt(ThrowableImage image) {
    super(image.toString(), image.toException());
    this.image = image;
  }

  /**
   * Describes a received failure, at most {@link #DESCRIBE_MILLIS} ms long.
   *
   * @param failure what the transport received
   * @return the library's image of it
   */
  public static LostAttempt of(Throwable failure) {
    if (failure instanceof LostAttempt) {
      return (LostAttempt) failure;
    }
    return new LostAttempt(ThrowableImage.describe(failure, DESCRIBE_MILLIS).image());
  }

  /** Returns the image of the received failure. */
  public ThrowableImage image() {
    return image;
  }

  /** Returns whether the failure, or a cause of it, is of the class named {@code className}. */
  public boolean isOrIsCausedBy(String className) {
    for (ThrowableImage t = image; t != null; t = t.cause()) {
      if (t.className().equals(className)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether the failure says a class is missing where the task ran. */
  public boolean saysClassMissing() {
    for (ThrowableImage t = image; t != null; t = t.cause()) {
      String text = t.toString();
      if (text.contains("ClassNotFoundException")
          || text.contains("NoClassDefFoundError")
          || text.contains("SerializedLambda")) {
        return true;
      }
    }
    return false;
  }
}
