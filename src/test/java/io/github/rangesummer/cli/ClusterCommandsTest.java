/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code member}, {@code sum --cluster} and {@code compare --members}, with members in JVMs of
 * their own started by the tool's {@link LocalMembers}. Surefire puts {@code
 * target/cluster-classes} on the class path, as the shaded jar holds them.
 */
class ClusterCommandsTest {

  private static List<Long> memberJvms() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(" member "))
        .map(ProcessHandle::pid)
        .collect(Collectors.toList());
  }

  @Test
  void sum_onAClusterOfOneMember_printsOnlyTheSum() {
    try (LocalMembers member = new LocalMembers(1)) {
      Cli.Run run =
          Cli.run(
              "sum",
              "0",
              "1_000_000",
              "--cluster",
              String.join(",", member.addresses()),
              "--cluster-name",
              member.clusterName());
      assertEquals(0, run.code(), run.err());
      assertEquals("499999500000\n", run.out());
      assertEquals("", run.err());
    }
    assertEquals(List.of(), memberJvms());
  }

  /** From JDK 23 on, the JVM would warn about Hazelcast's use of {@code sun.misc.Unsafe}. */
  @Test
  void localMember_printsNoUnsafeWarning() throws IOException {
    Path errors = Files.createTempFile("range-summer-member", ".err");
    try {
      try (LocalMembers member = new LocalMembers(1, ProcessBuilder.Redirect.to(errors.toFile()))) {
        assertEquals(1, member.addresses().size());
      }
      String text = Files.readString(errors, UTF_8);
      assertFalse(text.contains("sun.misc.Unsafe"), text);
    } finally {
      Files.delete(errors);
    }
    assertEquals(List.of(), memberJvms());
  }

  @Test
  void compare_withTwoLocalMembers_addsAnExactDistributedRowAndStopsThem() {
    Cli.Run run =
        Cli.run(
            "compare", "0", "1000000", "--members", "2", "--repeat", "1", "--warmup", "1",
            "--format", "csv");
    assertEquals(0, run.code(), run.err());
    List<String> distributed =
        run.out().lines().filter(line -> line.startsWith("distributed,")).toList();
    assertEquals(1, distributed.size(), run.out());
    assertTrue(distributed.get(0).contains(",499999500000,ok,"), distributed.get(0));
    assertEquals(List.of(), memberJvms());
  }

  @Test
  void compare_withoutACluster_hasNoDistributedRow() {
    Cli.Run run = Cli.run("compare", "0", "1000", "--repeat", "1", "--warmup", "1", "--format",
        "csv");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().lines().noneMatch(line -> line.startsWith("distributed,")), run.out());
  }

  @Test
  void sum_distributedWithoutCluster_isAUsageError() {
    Cli.run("sum", "0", "10", "--strategy", "distributed")
        .assertUsageError("distributed needs --cluster HOST:PORT,...");
  }

  @Test
  void sum_clusterWithAnotherStrategy_isAUsageError() {
    Cli.run("sum", "0", "10", "--strategy", "threaded", "--cluster", "127.0.0.1:5999")
        .assertUsageError("--cluster does not apply to threaded");
  }

  @Test
  void compare_membersAndCluster_isAUsageError() {
    Cli.run("compare", "0", "10", "--members", "1", "--cluster", "127.0.0.1:5999")
        .assertUsageError("--members and --cluster exclude each other");
  }

  @Test
  void help_listsTheMemberCommand() {
    Cli.Run run = Cli.run("--help");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("member"), run.out());
  }
}
