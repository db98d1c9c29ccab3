/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.rangesummer.LongTerm;
import io.github.rangesummer.RangeSummer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A task and a term in a package outside range-summer's, {@value #PACKAGE}, compiled when a test
 * needs them (a class of the test tree would be in an allowed package). Reading either writes
 * the file {@link #trace()}: a sign that it was deserialized.
 */
final class UntrustedClasses {

  static final String PACKAGE = "org.example.untrusted";
  static final String TASK = PACKAGE + ".Task";
  static final String TERM = PACKAGE + ".Term";

  private static final String READ_OBJECT =
      """
          private void readObject(java.io.ObjectInputStream in)
              throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            java.nio.file.Files.writeString(java.nio.file.Path.of(trace), "deserialized");
          }
      """;

  private final Path classes;
  private final Path trace;
  private final ClassLoader loader;

  private UntrustedClasses(Path classes, Path trace, ClassLoader loader) {
    this.classes = classes;
    this.trace = trace;
    this.loader = loader;
  }

  /** Compiles the classes into {@code dir}, which also holds the trace file once one is read. */
  static UntrustedClasses compile(Path dir) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path task = sources.resolve("Task.java");
    Files.writeString(
        task,
        "package " + PACKAGE + ";\n"
            + "public final class Task implements java.util.concurrent.Callable<String>,"
            + " java.io.Serializable {\n"
            + "  private static final long serialVersionUID = 1L;\n"
            + "  private final String trace;\n"
            + "  public Task(String trace) { this.trace = trace; }\n"
            + "  @Override public String call() { return \"ran\"; }\n"
            + READ_OBJECT
            + "}\n",
        UTF_8);
    Path term = sources.resolve("Term.java");
    Files.writeString(
        term,
        "package " + PACKAGE + ";\n"
            + "public final class Term implements io.github.rangesummer.LongTerm {\n"
            + "  private static final long serialVersionUID = 1L;\n"
            + "  private final String trace;\n"
            + "  public Term(String trace) { this.trace = trace; }\n"
            + "  @Override public long applyAsLong(long index) { return index; }\n"
            + READ_OBJECT
            + "}\n",
        UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            task.toString(),
            term.toString());
    assertEquals(0, status, "javac of the untrusted classes");
    ClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, UntrustedClasses.class.getClassLoader());
    return new UntrustedClasses(classes, dir.resolve("deserialized"), loader);
  }

  /** The directory of their class files, for a member's class path. */
  Path classes() {
    return classes;
  }

  /** The file that reading either class writes. */
  Path trace() {
    return trace;
  }

  private Object instance(String name) throws ReflectiveOperationException {
    return Class.forName(name, true, loader)
        .getConstructor(String.class)
        .newInstance(trace.toString());
  }

  /** Submits the task and returns why it failed; fails if it ran. */
  Throwable submitTask(ExecutorService executor) throws Exception {
    Callable<?> task = (Callable<?>) instance(TASK);
    return assertThrows(
            ExecutionException.class, () -> executor.submit(task).get(1, TimeUnit.MINUTES))
        .getCause();
  }

  /** Submits the task and returns what it returned. */
  Object runTask(ExecutorService executor) throws Exception {
    Callable<?> task = (Callable<?>) instance(TASK);
    return executor.submit(task).get(1, TimeUnit.MINUTES);
  }

  /** Sums {@code [0, 10)} with the term on the executor; returns why it failed. */
  RuntimeException sumTerm(ExecutorService executor) throws Exception {
    LongTerm term = (LongTerm) instance(TERM);
    try (RangeSummer summer = RangeSummer.distributed(executor, 1)) {
      return assertThrows(RuntimeException.class, () -> summer.sum(0, 10, term));
    }
  }

  /** Sums {@code [0, 10)} with the term on the executor. */
  long sumTermOk(ExecutorService executor) throws Exception {
    LongTerm term = (LongTerm) instance(TERM);
    try (RangeSummer summer = RangeSummer.distributed(executor, 1)) {
      return summer.sum(0, 10, term);
    }
  }
}
