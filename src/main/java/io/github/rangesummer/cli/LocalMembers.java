/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Cluster members in JVMs of their own on this machine, for {@code compare --members N}: the
 * tool's own {@code member} command, on free loopback ports, in a cluster of a fresh name. They
 * end when {@link #close()} closes their standard input, or when this JVM ends, however it ends.
 */
final class LocalMembers implements AutoCloseable {

  /** What {@code member} prints once it has joined. */
  static final String READY = "is ready.";

  private static final long STOP_SECONDS = 10;

  private final List<Process> processes = new ArrayList<>();
  private final List<String> addresses = new ArrayList<>();
  private final String clusterName = "range-summer-local-" + UUID.randomUUID();
  private final ProcessBuilder.Redirect errors;

  /**
   * Starts {@code count} members, their standard error on this JVM's, and waits until each has
   * joined.
   *
   * @throws UncheckedIOException if one cannot start; those started are stopped
   */
  LocalMembers(int count) {
    this(count, ProcessBuilder.Redirect.INHERIT);
  }

  /**
   * Starts {@code count} members, their standard error sent to {@code errors}, and waits until
   * each has joined.
   *
   * @throws UncheckedIOException if one cannot start; those started are stopped
   */
  LocalMembers(int count, ProcessBuilder.Redirect errors) {
    this.errors = errors;
    try {
      for (int i = 0; i < count; i++) {
        addresses.add("127.0.0.1:" + freePort());
      }
      for (String address : addresses) {
        processes.add(start(address));
      }
      for (Process process : processes) {
        awaitReady(process);
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

  private Process start(String address) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "member",
            "--port",
            address.substring(address.indexOf(':') + 1),
            "--join",
            String.join(",", addresses),
            "--cluster-name",
            clusterName,
            "--until-input-ends"));
    return new ProcessBuilder(command).redirectError(errors).start();
  }

  /**
   * The members' JVM options. From JDK 23 on, Hazelcast's use of {@code sun.misc.Unsafe} makes
   * the JVM print a four-line warning (JEP 471, JEP 498) in every member; the tool starts these
   * JVMs for Hazelcast, so it allows that use and spares the user the noise.
   */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC"));
    if (Runtime.version().feature() >= 23) {
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return options;
  }

  private static void awaitReady(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    do {
      line = out.readLine();
      if (line == null) {
        throw new IOException("a member (pid " + process.pid() + ") ended before it was ready");
      }
    } while (!line.endsWith(READY));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
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
