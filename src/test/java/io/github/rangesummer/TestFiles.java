/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Where the tests' temporary files go, and when they go away. Each test class, and each test in
 * it, has a directory of its own ({@link #directory()}), made on first use and deleted with
 * everything in it when the test or the class ends, passed or failed; {@code @TempDir}
 * directories are made here too, and JUnit deletes them. Both live under the directory that the
 * system property {@value #ROOT_PROPERTY} names, which the pom sets to {@code target/test-tmp},
 * else under {@code java.io.tmpdir}: a test JVM that is killed leaves its files in {@code target},
 * where the next {@code mvn clean} removes them, not in {@code /tmp}.
 *
 * <p>Registered for every test class by extension auto-detection ({@code
 * junit-platform.properties} and {@code META-INF/services}), and the default {@code @TempDir}
 * factory there. Tests run one at a time, so the innermost directory open is the running test's.
 */
@SuppressWarnings("exports") // public for ServiceLoader; only JUnit sees it
public final class TestFiles
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        TempDirFactory {

  /** The system property naming the directory for the tests' temporary files. */
  static final String ROOT_PROPERTY = "rangesummer.test.tmpdir";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestFiles.class);

  /** The open scopes, innermost first: the running test's, then its class's. */
  private static final Deque<Scope> scopes = new ArrayDeque<>();

  /** For {@code ServiceLoader} and JUnit. */
  public TestFiles() {}

  /**
   * Returns the running test's directory, or its class's outside a test method; deleted with its
   * content when that ends.
   *
   * @throws IllegalStateException outside a test class
   */
  static Path directory() {
    Scope scope;
    synchronized (scopes) {
      scope = scopes.peekFirst();
    }
    if (scope == null) {
      throw new IllegalStateException(
          "no test is running: TestFiles is registered by junit-platform.properties");
    }
    return scope.directory();
  }

  /** The directory every test's files are under; made if it does not exist. */
  static Path root() throws IOException {
    String root = System.getProperty(ROOT_PROPERTY, System.getProperty("java.io.tmpdir"));
    return Files.createDirectories(Path.of(root));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    open(context, context.getRequiredTestClass().getSimpleName());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    String test = context.getRequiredTestMethod().getName();
    open(context, context.getRequiredTestClass().getSimpleName() + "." + test);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    close(context);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close(context);
  }

  /** A {@code @TempDir} directory under {@link #root()}. */
  @Override
  public Path createTempDirectory(
      AnnotatedElementContext elementContext, ExtensionContext extensionContext)
      throws IOException {
    return Files.createTempDirectory(root(), "junit-");
  }

  private static void open(ExtensionContext context, String name) {
    Scope scope = new Scope(name);
    context.getStore(NAMESPACE).put(Scope.class, scope);
    synchronized (scopes) {
      scopes.addFirst(scope);
    }
  }

  /** Closes the scope that {@code context} opened; none if a callback before ours failed. */
  private static void close(ExtensionContext context) throws IOException {
    Scope scope = context.getStore(NAMESPACE).remove(Scope.class, Scope.class);
    if (scope != null) {
      synchronized (scopes) {
        scopes.remove(scope);
      }
      scope.delete();
    }
  }

  /** A test's or a class's directory, made when first asked for. */
  private static final class Scope {

    private final String name;
    private Path directory;

    Scope(String name) {
      this.name = name;
    }

    synchronized Path directory() {
      if (directory == null) {
        try {
          directory = Files.createTempDirectory(root(), name + "-");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return directory;
    }

    /** Deletes the directory and everything in it, if it was made. */
    synchronized void delete() throws IOException {
      if (directory == null) {
        return;
      }
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(directory)) {
        paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
      }
      for (Path path : paths) {
        Files.delete(path); // a file a worker still maps goes once it is unmapped
      }
    }
  }
}
