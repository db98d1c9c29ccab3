/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static java.util.Objects.requireNonNull;

/**
 * A worker process of {@link RangeSummer#multiProcess(int)} could not load a class that the term
 * needs, such as the class that defines a lambda: a launch configuration error, not a failure of
 * the term, which never ran.
 *
 * <p>Workers start with this JVM's {@code java} (a jlink image's own, with its modules), class path
 * and module path, so a class found here from those is found there too. This exception means the
 * class came from somewhere else, typically a class loader that the application created: an
 * application server, a plugin loader, a nested jar of a "fat jar" launcher, JShell. Put the jar or
 * module that holds {@link #missingClassName()} on this JVM's class path or module path (or link
 * it into the image), or use an in-JVM strategy. See {@code docs/multi-process.md}.
 *
 * <p>The summer stays usable: its workers are alive, and a term whose classes they can load works.
 */
public final class TermClassNotFoundException extends RangeSummerException {

  private static final long serialVersionUID = 1L;

  /** The binary name of the class the worker could not load. */
  private final String missingClassName;

  /** The worker's name and process id. */
  private final String worker;

  /**
   * Creates the exception.
   *
   * @param message what happened and what to do, naming the class and the worker
   * @param missingClassName the binary name of the class the worker could not load
   * @param worker the worker's name and process id, such as {@code worker-2 (pid 4242)}
   */
  public TermClassNotFoundException(String message, String missingClassName, String worker) {
    super(message);
    this.missingClassName = requireNonNull(missingClassName, "missingClassName");
    this.worker = requireNonNull(worker, "worker");
  }

  /**
   * Returns the binary name of the class that the worker could not load, such as {@code
   * com.example.Main}.
   *
   * @return the missing class
   */
  public String missingClassName() {
    return missingClassName;
  }

  /**
   * Returns the worker's name and process id, such as {@code worker-2 (pid 4242)}.
   *
   * @return the worker that could not load the class
   */
  public String worker() {
    return worker;
  }
}
