/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code multiProcess} from an application launched as a module: from a module path of jar files,
 * from a module path that is a directory, and as a jlink image; and a term whose class a worker
 * cannot load. {@code MultiProcessTest} covers {@code -cp} and {@code -jar}; every other test runs
 * under Surefire.
 *
 * <p>The application is a module {@code app} compiled here, whose main class sums with a lambda
 * on {@code multiProcess(2)}, as a user's would. The library is the module in {@code
 * target/classes}, jarred here, with Guava's modular jars.
 */
class WorkerLaunchModesTest {

  private static final long SUM = 3 * TestSupport.closedForm(0, 1_000_000).longValueExact();
  private static final String EXPECTED = "sum=" + SUM + " named=true";

  @TempDir static Path dir;
  private static Path lib;

  @BeforeAll
  static void buildApplication() throws IOException, URISyntaxException {
    lib = Files.createDirectory(dir.resolve("lib"));
    jar(lib.resolve("range-summer.jar"), location(RangeSummer.class));
    Files.copy(location(com.google.common.base.Preconditions.class), lib.resolve("guava.jar"));
    Files.copy(
        location(com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class),
        lib.resolve("failureaccess.jar"));

    Path source = Files.createDirectories(dir.resolve("src/app/app"));
    Files.writeString(
        source.getParent().resolve("module-info.java"),
        "module app { requires io.github.rangesummer; }\n");
    Files.writeString(
        source.resolve("Main.java"),
        String.join(
            "\n",
            "package app;",
            "import io.github.rangesummer.RangeSummer;",
            "public class Main {",
            "  public static void main(String[] args) {",
            "    long factor = 3;",
            "    try (RangeSummer summer = RangeSummer.multiProcess(2)) {",
            "      long sum = summer.sum(0, 1_000_000, i -> i * factor);",
            "      System.out.println(\"sum=\" + sum + \" named=\"",
            "          + RangeSummer.class.getModule().isNamed());",
            "    }",
            "  }",
            "}",
            ""));
    Path classes = dir.resolve("app-classes");
    compile(
        classes,
        List.of("--module-path", lib.toString()),
        source.getParent().resolve("module-info.java"),
        source.resolve("Main.java"));
    jar(lib.resolve("app.jar"), classes);
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static void compile(Path output, List<String> options, Path... sources) {
    List<String> arguments = new ArrayList<>(options);
    arguments.addAll(List.of("--release", "17", "-d", output.toString()));
    for (Path source : sources) {
      arguments.add(source.toString());
    }
    tool("javac", arguments.toArray(String[]::new));
  }

  private static void jar(Path jar, Path classes) {
    tool("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
  }

  private static void tool(String name, String... arguments) {
    StringWriter output = new StringWriter();
    PrintWriter writer = new PrintWriter(output);
    int status = ToolProvider.findFirst(name).orElseThrow().run(writer, writer, arguments);
    writer.flush();
    assertEquals(0, status, () -> name + " " + String.join(" ", arguments) + "\n" + output);
  }

  /** Runs a command to its end, within a bound, and returns its standard output. */
  private static String run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(command + " did not end; stderr:\n" + Files.readString(err, UTF_8));
    }
    String stderr = Files.readString(err, UTF_8);
    assertEquals(0, process.exitValue(), () -> command + " failed; stderr:\n" + stderr);
    return Files.readString(out, UTF_8).strip();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void workers_runUnderModulePathOfJarFiles() throws Exception {
    List<String> jars = new ArrayList<>();
    for (String name : new String[] {"app", "range-summer", "guava", "failureaccess"}) {
      jars.add(lib.resolve(name + ".jar").toString());
    }
    String modulePath = String.join(File.pathSeparator, jars);

    assertEquals(EXPECTED, run(List.of(java(), "--module-path", modulePath, "-m", "app/app.Main")));
  }

  @Test
  void workers_runUnderModulePathDirectory() throws Exception {
    assertEquals(
        EXPECTED, run(List.of(java(), "--module-path", lib.toString(), "-m", "app/app.Main")));
  }

  @Test
  void workers_runInJlinkImage() throws Exception {
    Path image = dir.resolve("image");
    String modulePath = lib.toString();
    Path jmods = Path.of(System.getProperty("java.home"), "jmods");
    if (Files.isDirectory(jmods)) {
      modulePath += File.pathSeparator + jmods; // JDKs that can link from their run-time image need none
    }
    tool(
        "jlink",
        "--module-path", modulePath,
        "--add-modules", "app",
        "--launcher", "app=app/app.Main",
        "--no-header-files",
        "--no-man-pages",
        "--output", image.toString());

    assertEquals(EXPECTED, run(List.of(image.resolve("bin").resolve("app").toString())));
  }

  @Test
  void termClassOnlyInAnApplicationClassLoader_throwsTermClassNotFound() throws Exception {
    Path source = Files.createDirectories(dir.resolve("hidden-src/hidden"));
    Files.writeString(
        source.resolve("Terms.java"),
        String.join(
            "\n",
            "package hidden;",
            "import io.github.rangesummer.LongTerm;",
            "public final class Terms {",
            "  public static LongTerm tripled() {",
            "    long factor = 3;",
            "    return i -> i * factor;",
            "  }",
            "}",
            ""));
    Path classes = dir.resolve("hidden-classes");
    compile(
        classes,
        List.of("-cp", System.getProperty("java.class.path")),
        source.resolve("Terms.java"));
    try (URLClassLoader loader =
            new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, RangeSummer.class.getClassLoader());
        RangeSummer summer = RangeSummer.multiProcess(1)) {
      LongTerm term = (LongTerm) loader.loadClass("hidden.Terms").getMethod("tripled").invoke(null);

      TermClassNotFoundException e =
          assertThrows(TermClassNotFoundException.class, () -> summer.sum(0, 1_000, term));

      assertEquals("hidden.Terms", e.missingClassName());
      assertTrue(e.worker().startsWith("worker-1 of multiProcess(1) (pid "), e.worker());
      assertTrue(e.getMessage().startsWith(e.worker() + " cannot load class hidden.Terms"), e.getMessage());
      assertTrue(e.getMessage().contains("class path (-cp) or module path"), e.getMessage());
      assertEquals(SUM, summer.sum(0, 1_000_000, i -> i * 3), "the summer still works");
    }
  }
}
