/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The worker command for each launch mode, as data; {@code WorkerLaunchModesTest} and {@code
 * MultiProcessTest} start real workers in each mode.
 */
class WorkerCommandTest {

  private static final Path JDK = Path.of("/opt/jdk");
  private static final String MAIN = "io.github.rangesummer.internal.process.WorkerMain";
  private static final String LIBRARY = "io.github.rangesummer";

  /** The command up to and including the fixed JVM options. */
  private static List<String> java(Path home, String executable) {
    return List.of(
        home.resolve("bin").resolve(executable).toString(),
        "-XX:+DisplayVMOutputToStderr",
        "-Xlog:disable",
        "-Xlog:all=warning:stderr",
        "-XX:+ExitOnOutOfMemoryError",
        "-XX:+UseSerialGC");
  }

  private static List<String> concat(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all;
  }

  @Test
  void classPath_isPassedWithCp() {
    WorkerCommand.Launch launch =
        new WorkerCommand.Launch(
            JDK, "app.jar:lib/guava.jar", "", "", "", Set.of("java.base", "java.sql"), false);

    assertEquals(
        concat(java(JDK, "java"), "-cp", "app.jar:lib/guava.jar", MAIN),
        WorkerCommand.of(launch));
  }

  @Test
  void classPathWithModulePath_libraryUnnamed_keepsTheModulePathsModules() {
    WorkerCommand.Launch launch =
        new WorkerCommand.Launch(
            JDK, "app.jar", "mods", "", "", Set.of("java.base", "org.example.plugin"), false);

    assertEquals(
        concat(
            java(JDK, "java"),
            "--module-path", "mods",
            "-cp", "app.jar",
            "--add-modules", "java.base,org.example.plugin",
            MAIN),
        WorkerCommand.of(launch));
  }

  @Test
  void modulePathDirectory_isPassedAsModulePath_withTheParentsModules() {
    WorkerCommand.Launch launch =
        new WorkerCommand.Launch(
            JDK, "", "target/lib", "", LIBRARY,
            Set.of("java.base", "com.google.common", "app", LIBRARY), false);

    assertEquals(
        concat(
            java(JDK, "java"),
            "--module-path", "target/lib",
            "--add-modules", "app,com.google.common,java.base",
            "-m", LIBRARY + "/" + MAIN),
        WorkerCommand.of(launch));
  }

  @Test
  void modulePathAndClassPath_bothPassed() {
    WorkerCommand.Launch launch =
        new WorkerCommand.Launch(
            JDK, "extra.jar", "a.jar:b.jar", "up", LIBRARY, Set.of("java.base", LIBRARY), false);

    assertEquals(
        concat(
            java(JDK, "java"),
            "--upgrade-module-path", "up",
            "--module-path", "a.jar:b.jar",
            "-cp", "extra.jar",
            "--add-modules", "java.base",
            "-m", LIBRARY + "/" + MAIN),
        WorkerCommand.of(launch));
  }

  @Test
  void jlinkImage_usesTheImagesJavaAndModules() {
    Path image = Path.of("/opt/app-image");
    WorkerCommand.Launch launch =
        new WorkerCommand.Launch(
            image, "", "", "", LIBRARY, Set.of("app", "java.base", LIBRARY), false);

    assertEquals(
        concat(java(image, "java"), "--add-modules", "app,java.base", "-m", LIBRARY + "/" + MAIN),
        WorkerCommand.of(launch));
  }

  @Test
  void windows_runsJavaExe() {
    WorkerCommand.Launch launch =
        new WorkerCommand.Launch(JDK, "app.jar", "", "", "", Set.of("java.base"), true);

    assertEquals(concat(java(JDK, "java.exe"), "-cp", "app.jar", MAIN), WorkerCommand.of(launch));
  }

  @Test
  void current_underSurefire_isTheClassPath() {
    List<String> command = WorkerCommand.forThisJvm();

    assertEquals(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
    assertEquals(
        List.of("-cp", System.getProperty("java.class.path"), MAIN),
        command.subList(command.size() - 3, command.size()));
  }

  @Test
  void checkLaunchable_libraryOnTheClassPath_passes() {
    WorkerCommand.checkLaunchable("multiProcess(2)");
  }

  /**
   * The library loaded by a class loader of the application's own, as {@code mvn exec:java} does:
   * the check fails at once, naming the loader and what works instead (issue 21), rather than at
   * the first sum with a worker that dies of {@code ClassNotFoundException}.
   */
  @Test
  void checkLaunchable_libraryInAClassLoaderOfItsOwn_failsNamingItAndWhatWorks()
      throws Exception {
    URL classes = WorkerMain.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated =
        new URLClassLoader("exec-java-like", new URL[] {classes}, null)) {
      Class<?> library = Class.forName(WorkerMain.class.getName(), false, isolated);
      IllegalStateException thrown =
          assertThrows(
              IllegalStateException.class,
              () -> WorkerCommand.checkLaunchable("multiProcess(2)", library));
      String message = thrown.getMessage();
      assertTrue(message.startsWith("multiProcess(2) cannot start worker JVMs"), message);
      assertTrue(message.contains("java.net.URLClassLoader 'exec-java-like'"), message);
      assertTrue(message.contains("mvn exec:java"), message);
      assertTrue(message.contains("mvn exec:exec"), message);
    }
  }
}
