/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Hazelcast member in a JVM of its own ({@link HazelcastMemberMain}), owned by the test that
 * started it. It listens on a port that the operating system chose, which it reports once it has
 * joined, and it halts when its standard input closes, so it never outlives this JVM.
 *
 * @param process the member's JVM; its standard output is not read after it has joined
 * @param address the {@code host:port} the member listens on, for members and clients to join
 */
public record MemberJvm(Process process, String address) {

  /** How long a member JVM may take to start and join on a busy two-core machine. */
  public static final Duration START = Duration.ofSeconds(90);

  /**
   * Starts a member JVM and waits until it has joined, at most {@link #START}. A member that ends
   * before it has joined, or does not join in time, is killed and waited for before this throws,
   * so that a failed start leaves no process behind.
   *
   * @param classPath the member's class path: range-summer, Hazelcast, the member main
   * @param cluster the cluster name
   * @param join the {@code host:port} addresses of members already up; none for the first
   * @return the member, joined
   * @throws IOException if it cannot start, ends before it has joined or does not join in time
   * @throws InterruptedException if interrupted while waiting; the member is killed
   */
  public static MemberJvm start(String classPath, String cluster, List<String> join)
      throws IOException, InterruptedException {
    return start(classPath, cluster, join, List.of());
  }

  /**
   * As {@link #start(String, String, List)}, with more JVM options, such as {@code
   * -Drangesummer.test.heartbeats=default} for Hazelcast's default heartbeats instead of the
   * tests' fast ones.
   *
   * @param classPath the member's class path: range-summer, Hazelcast, the member main
   * @param cluster the cluster name
   * @param join the {@code host:port} addresses of members already up; none for the first
   * @param jvmOptions more options for the member's JVM
   * @return the member, joined
   * @throws IOException if it cannot start, ends before it has joined or does not join in time
   * @throws InterruptedException if interrupted while waiting; the member is killed
   */
  public static MemberJvm start(
      String classPath, String cluster, List<String> join, List<String> jvmOptions)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(jvmOptions);
    if (Runtime.version().feature() >= 23) {
      // as the pom's argLine for the test JVMs: Hazelcast's use of Unsafe, without the warning
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-cp", classPath, HazelcastMemberMain.class.getName(), cluster));
    command.addAll(join);
    Process member =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String name = "the member JVM (pid " + member.pid() + ") of " + cluster;
    CompletableFuture<String> ready =
        TestSupport.onNewThread("read " + name, () -> readyAddress(member));
    try {
      return new MemberJvm(member, ready.get(START.toSeconds(), TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      kill(member);
      throw new IOException(
          name + " ended before it joined: exit value " + member.exitValue(), e.getCause());
    } catch (TimeoutException e) {
      kill(member);
      throw new IOException(name + " did not join within " + START, e);
    } catch (InterruptedException e) {
      member.destroyForcibly();
      throw e;
    }
  }

  /** Reads the member's output up to its ready line, and returns the address there. */
  private static String readyAddress(Process member) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(HazelcastMemberMain.READY)) {
        return line.substring(HazelcastMemberMain.READY.length());
      }
    }
    throw new IOException("its output ended");
  }

  /**
   * Kills the member with SIGKILL and waits until it is gone.
   *
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if it is still running {@link TestSupport#HANG} later
   */
  public void kill() throws InterruptedException {
    kill(process);
  }

  private static void kill(Process member) throws InterruptedException {
    member.destroyForcibly();
    if (!member.waitFor(TestSupport.HANG.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "the member JVM (pid " + member.pid() + ") still runs " + TestSupport.HANG + " after SIGKILL");
    }
  }
}
