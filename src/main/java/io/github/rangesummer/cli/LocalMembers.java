/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cluster members in JVMs of their own on this machine, for {@code compare --members N}: the
 * tool's own {@code member} command on loopback, each on a port the system chose, in a cluster of
 * a fresh name. The first starts alone; the others join it. They end when {@link #close()} closes
 * their standard input, or when this JVM ends, however it ends.
 */
final class LocalMembers implements AutoCloseable {

  /** What {@code member} prints once it has joined, after {@code Member HOST:PORT ...}. */
  static final String READY = "is ready.";

  /** How long a member may take to be ready; it takes a few seconds. */
  static final long READY_SECONDS = 60;

  private static final long STOP_SECONDS = 10;

  private final List<Process> processes = new ArrayList<>();
  private final List<List<String>> outputs = new ArrayList<>();
  private final List<String> addresses = new ArrayList<>();
  private final String clusterName = "range-summer-local-" + UUID.randomUUID();
  private final ProcessBuilder.Redirect errors;
  private final List<Path> classPath;
  private final List<String> options;

  /**
   * Starts {@code count} members, their standard error on this JVM's, and waits until each has
   * joined.
   *
   * @throws UncheckedIOException if one cannot start; those started are stopped
   */
  LocalMembers(int count) {
    this(count, ProcessBuilder.Redirect.INHERIT, List.of(), List.of());
  }

  /**
   * Starts {@code count} members, their standard error sent to {@code errors}, with {@code
   * classPath} after this JVM's class path and {@code options} given to each {@code member}
   * command (such as {@code --allow}), and waits until each has joined.
   *
   * @throws UncheckedIOException if one cannot start; those started are stopped
   */
  LocalMembers(
      int count, ProcessBuilder.Redirect errors, List<Path> classPath, List<String> options) {
    this.errors = errors;
    this.classPath = List.copyOf(classPath);
    this.options = List.copyOf(options);
    try {
      addresses.add(awaitReady(start(null)));
      List<CompletableFuture<String>> joining = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        joining.add(start(addresses.get(0)));
      }
      for (CompletableFuture<String> member : joining) {
        addresses.add(awaitReady(member));
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start " + count + " local members", e);
    }
  }

  List<String> addresses() {
    return addresses;
  }

  String clusterName() {
    return clusterName;
  }

  /** Starts a member that joins {@code first}, or none; completes with its address when ready. */
  private CompletableFuture<String> start(String first) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    StringBuilder path = new StringBuilder(System.getProperty("java.class.path"));
    for (Path entry : classPath) {
      path.append(File.pathSeparatorChar).append(entry);
    }
    command.addAll(
        List.of(
            "-cp",
            path.toString(),
            Main.class.getName(),
            "member",
            "--port",
            "0",
            "--cluster-name",
            clusterName,
            "--until-input-ends"));
    if (first != null) {
      command.addAll(List.of("--join", first));
    }
    command.addAll(options);
    Process process = new ProcessBuilder(command).redirectError(errors).start();
    processes.add(process);
    List<String> output = new ArrayList<>();
    outputs.add(output);
    return readOutput(process, output);
  }

  /**
   * The members' JVM options. No performance-data file in the temporary directory: a member that
   * is killed would leave its file there. From JDK 23 on, Hazelcast's use of {@code
   * sun.misc.Unsafe} makes the JVM print a four-line warning (JEP 471, JEP 498) in every member;
   * the tool starts these JVMs for Hazelcast, so it allows that use and spares the user the noise.
   */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData"));
    if (Runtime.version().feature() >= 23) {
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return options;
  }

  /**
   * Reads the member's standard output on a daemon thread until it ends: the address from the
   * line that says it is ready, then the lines about members joining and leaving, kept in {@code
   * output} (a few a member), so that the member never blocks on a full pipe.
   */
  private static CompletableFuture<String> readOutput(Process process, List<String> output) {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (!ready.isDone() && line.startsWith("Member ") && line.endsWith(READY)) {
                    ready.complete(line.split(" ", 3)[1]);
                  } else {
                    synchronized (output) {
                      output.add(line);
                      output.notifyAll();
                    }
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(
                  new IOException(
                      "a member (pid " + process.pid() + ") ended before it was ready"));
            },
            "range-summer-member-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
    return ready;
  }

  /**
   * Waits up to {@code seconds} for member {@code index} (in the order of {@link #addresses()})
   * to print {@code line} after its ready line; for tests.
   *
   * @return whether it did
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitLine(int index, String line, long seconds) throws InterruptedException {
    List<String> output = outputs.get(index);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (output) {
      while (!output.contains(line)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(output, left);
      }
      return true;
    }
  }

  /** What member {@code index} printed after its ready line so far, for tests' messages. */
  List<String> output(int index) {
    List<String> output = outputs.get(index);
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /**
   * Member {@code index}'s process, in the order of {@link #addresses()}, for tests that stop or
   * kill one: closing its standard input stops it.
   */
  Process process(int index) {
    return processes.get(index);
  }

  private static String awaitReady(CompletableFuture<String> member) throws IOException {
    try {
      return member.get(READY_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException
          ? (IOException) e.getCause()
          : new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("a member was not ready within " + READY_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while a member started", e);
    }
  }

  /** Closes the members' input, which ends them, and kills those still running after 10 s. */
  @Override
  public void close() {
    for (Process process : processes) {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        process.destroyForcibly();
      }
    }
    boolean interrupted = false;
    for (Process process : processes) {
      try {
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        interrupted = true;
        process.destroyForcibly();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
