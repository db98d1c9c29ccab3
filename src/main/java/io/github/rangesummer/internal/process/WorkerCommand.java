/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command that starts a worker JVM the way this JVM was started, so that the worker finds the
 * library and the term's classes where this JVM found them:
 *
 * <ul>
 *   <li>always this JVM's {@code java}, from {@code java.home}: the JDK's, or a jlink image's own,
 *       which holds the image's modules;
 *   <li>the library in the unnamed module (class path, {@code -jar}, Surefire): {@code -cp} with
 *       this JVM's {@code java.class.path} and {@link WorkerMain} as the main class;
 *   <li>the library in a named module of the boot layer (module path, jlink image): {@code
 *       --module-path} with this JVM's {@code jdk.module.path} as it is, directories included,
 *       {@code --add-modules} with every module of this JVM's boot layer (so the term's module is
 *       resolved as it was here), any class path as well, and {@code -m} with the library's module
 *       and {@link WorkerMain}.
 * </ul>
 *
 * <p>Options that changed module resolution or access on this JVM's command line ({@code
 * --add-opens}, {@code --add-reads}, {@code --patch-module}, {@code --limit-modules}) are not
 * repeated.
 */
final class WorkerCommand {

  /** JVM output to stderr only; a worker out of memory exits, and is replaced. */
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-XX:+DisplayVMOutputToStderr",
          "-Xlog:disable",
          "-Xlog:all=warning:stderr",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:+UseSerialGC");

  private WorkerCommand() {}

  /**
   * How this JVM was launched, as far as a worker must repeat it.
   *
   * @param javaHome {@code java.home}
   * @param classPath {@code java.class.path}, possibly empty
   * @param modulePath {@code jdk.module.path}, possibly empty
   * @param upgradeModulePath {@code jdk.module.upgrade.path}, possibly empty
   * @param libraryModule the library's module name, or empty when it is in the unnamed module
   * @param bootModules the names of the boot layer's modules, in any order
   * @param windows whether the executable is {@code java.exe}
   */
  record Launch(
      Path javaHome,
      String classPath,
      String modulePath,
      String upgradeModulePath,
      String libraryModule,
      Set<String> bootModules,
      boolean windows) {

    Launch {
      requireNonNull(javaHome, "javaHome");
      requireNonNull(classPath, "classPath");
      requireNonNull(modulePath, "modulePath");
      requireNonNull(upgradeModulePath, "upgradeModulePath");
      requireNonNull(libraryModule, "libraryModule");
      bootModules = Set.copyOf(bootModules);
    }

    /** This JVM's launch. */
    static Launch current() {
      Module library = WorkerMain.class.getModule();
      boolean inBootLayer = library.isNamed() && library.getLayer() == ModuleLayer.boot();
      Set<String> boot = new TreeSet<>();
      for (Module module : ModuleLayer.boot().modules()) {
        boot.add(module.getName());
      }
      return new Launch(
          Path.of(System.getProperty("java.home")),
          System.getProperty("java.class.path", ""),
          System.getProperty("jdk.module.path", ""),
          System.getProperty("jdk.module.upgrade.path", ""),
          inBootLayer ? library.getName() : "",
          boot,
          System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    /** Whether the library runs as a named module, from a module path or a jlink image. */
    boolean modular() {
      return !libraryModule.isEmpty();
    }
  }

  /**
   * Throws unless a worker started with {@link #forThisJvm()} can load the library: in the
   * unnamed module, the library must come from this JVM's class path, loaded by the system class
   * loader; as a named module, from the boot layer. A library loaded by a class loader of the
   * application's own ({@code mvn exec:java}, an application server, JShell, a fat jar's nested
   * jars) is found by no command line.
   *
   * @param strategy the strategy, such as {@code multiProcess(2)}, for the message
   * @throws IllegalStateException naming the class loader and what works instead
   */
  static void checkLaunchable(String strategy) {
    checkLaunchable(strategy, WorkerMain.class);
  }

  /** {@link #checkLaunchable(String)} for the library as {@code libraryClass} was loaded. */
  static void checkLaunchable(String strategy, Class<?> libraryClass) {
    Module module = libraryClass.getModule();
    boolean reachable =
        module.isNamed()
            ? module.getLayer() == ModuleLayer.boot()
            : libraryClass.getClassLoader() == ClassLoader.getSystemClassLoader();
    if (reachable) {
      return;
    }
    ClassLoader loader = libraryClass.getClassLoader();
    String where =
        module.isNamed()
            ? "module " + module.getName() + " in a module layer of the application's own"
            : "class loader "
                + (loader == null ? "(bootstrap)" : loader.getClass().getName())
                + (loader == null || loader.getName() == null ? "" : " '" + loader.getName() + "'");
    throw new IllegalStateException(
        strategy
            + " cannot start worker JVMs the way this JVM was started: range-summer was loaded"
            + " by "
            + where
            + ", not from this JVM's class path or module path, so a worker JVM could not load"
            + " it. This happens under mvn exec:java, in application servers, in JShell and with"
            + " the nested jars of a fat jar. Run the application with java -cp, java -jar or"
            + " java --module-path (mvn exec:exec does), or use an in-JVM strategy such as"
            + " threaded(n); see docs/multi-process.md.");
  }

  /** The worker command for this JVM. */
  static List<String> forThisJvm() {
    return of(Launch.current());
  }

  /** The worker command for a launch. */
  static List<String> of(Launch launch) {
    List<String> command = new ArrayList<>();
    command.add(
        launch.javaHome().resolve("bin").resolve(launch.windows() ? "java.exe" : "java").toString());
    command.addAll(JVM_OPTIONS);
    if (!launch.upgradeModulePath().isEmpty()) {
      command.add("--upgrade-module-path");
      command.add(launch.upgradeModulePath());
    }
    if (!launch.modulePath().isEmpty()) {
      command.add("--module-path");
      command.add(launch.modulePath());
    }
    if (!launch.classPath().isEmpty() || !launch.modular()) {
      command.add("-cp");
      command.add(launch.classPath());
    }
    if (!launch.modular()) {
      if (!launch.modulePath().isEmpty()) {
        command.add("--add-modules");
        command.add(String.join(",", new TreeSet<>(launch.bootModules())));
      }
      command.add(WorkerMain.class.getName());
      return command;
    }
    Set<String> roots = new TreeSet<>(launch.bootModules());
    roots.remove(launch.libraryModule());
    if (!roots.isEmpty()) {
      command.add("--add-modules");
      command.add(String.join(",", roots));
    }
    command.add("-m");
    command.add(launch.libraryModule() + "/" + WorkerMain.class.getName());
    return command;
  }
}
