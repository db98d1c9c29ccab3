/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import io.github.rangesummer.RangeSummerException;
import io.github.rangesummer.RemoteTermException;
import io.github.rangesummer.TermClassNotFoundException;

/**
 * Thrown in a worker that cannot load a class of a term's serialized form. It travels to the
 * parent as any failure does, and the parent tells it from the term's own exceptions by its class
 * name, which user code cannot throw: this class is not exported.
 */
final class TermClassMissing extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Wraps the failure to load a class.
   *
   * @param cause a {@link ClassNotFoundException} or {@link NoClassDefFoundError}
   */
  TermClassMissing(Throwable cause) {
    super(className(cause), cause);
  }

  private static String className(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? "(unknown)" : message.replace('/', '.');
  }

  /**
   * In the parent: what a worker's failure reply means to the caller, a {@link
   * TermClassNotFoundException} for a class the worker could not load, else the term's own
   * exception.
   */
  static RangeSummerException fromWorker(RemoteTermException failure, String worker) {
    if (!failure.remoteClassName().equals(TermClassMissing.class.getName())) {
      return failure;
    }
    String missing = failure.remoteMessage().orElse("(unknown)");
    return new TermClassNotFoundException(
        worker
            + " cannot load class "
            + missing
            + ", which the term needs, so the term never ran. Workers start with this JVM's java,"
            + " class path and module path: put the jar or module that holds "
            + missing
            + " on the class path (-cp) or module path (--module-path) of this JVM, or link it into"
            + " its jlink image. A class loaded by the application's own class loader (a plugin, an"
            + " application server, a nested jar, JShell) cannot reach a worker; see"
            + " docs/multi-process.md.",
        missing,
        worker);
  }
}
