/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code member}, {@code sum --cluster} and {@code compare --members}, with members in JVMs of
 * their own started by the tool's {@link LocalMembers}, each on a port the system chose. Surefire
 * puts {@code target/cluster-classes} on the class path, as the shaded jar holds them.
 */
class ClusterCommandsTest {

  /**
   * An address for usage errors, which come before any connection: TEST-NET-1 (RFC 5737), never
   * a member's.
   */
  private static final String NEVER_CONTACTED = "192.0.2.1:5701";

  private static List<Long> memberJvms() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(" member "))
        .map(ProcessHandle::pid)
        .collect(Collectors.toList());
  }

  private static int port(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
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
  void localMember_printsNoUnsafeWarning(@TempDir Path dir) throws IOException {
    Path errors = dir.resolve("member.err");
    try (LocalMembers member =
        new LocalMembers(1, ProcessBuilder.Redirect.to(errors.toFile()), List.of(), List.of())) {
      assertEquals(1, member.addresses().size());
    }
    String text = Files.readString(errors, UTF_8);
    assertFalse(text.contains("sun.misc.Unsafe"), text);
    assertEquals(List.of(), memberJvms());
  }

  /**
   * Linux routes all of 127.0.0.0/8 to loopback: a member bound to every interface would accept
   * a connection on 127.0.0.2 too.
   */
  @Test
  void member_listensOnItsInterfaceOnly() throws IOException {
    try (LocalMembers member = new LocalMembers(1)) {
      String address = member.addresses().get(0);
      assertTrue(address.startsWith("127.0.0.1:"), address);
      int port = port(address);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      }
      try (Socket socket = new Socket()) {
        assertThrows(
            ConnectException.class,
            () -> socket.connect(new InetSocketAddress("127.0.0.2", port), 5_000));
      }
    }
  }

  /**
   * A client in this JVM sends the member a task and a term of a class outside its allow list,
   * compiled for the test into a package of its own ({@link UntrustedClasses}), whose {@code
   * readObject} writes a file: the member refuses both before reading them. With {@code --allow}
   * for that package, both run.
   */
  @Test
  void member_deserializesOnlyWhatItAllows(@TempDir Path dir) throws Exception {
    UntrustedClasses untrusted = UntrustedClasses.compile(dir);
    Path errors = dir.resolve("member.err");
    try (LocalMembers member =
            new LocalMembers(
                1,
                ProcessBuilder.Redirect.to(errors.toFile()),
                List.of(untrusted.classes()),
                List.of());
        ClusterSupport.Connection client =
            ClusterSupport.load()
                .orElseThrow()
                .connect(member.addresses(), member.clusterName(), ClusterSupport.REACH_SECONDS)) {
      Throwable task = untrusted.submitTask(client.executor());
      assertTrue(
          Main.describe(task)
              .contains("Resolving class " + UntrustedClasses.TASK + " is not allowed."),
          () -> Main.describe(task));
      String term = Main.describe(untrusted.sumTerm(client.executor()));
      assertTrue(
          term.startsWith("RangeSummerException: the term cannot be read in a member (pid "), term);
      assertTrue(term.contains("InvalidClassException: filter status: REJECTED"), term);
      assertFalse(Files.exists(untrusted.trace()), "a refused class was deserialized");
    }
    String refusals = Files.readString(errors, UTF_8);
    assertTrue(
        refusals.contains(
            "Refused to deserialize "
                + UntrustedClasses.TERM
                + ": not in range-summer's packages or --allow."),
        refusals);

    try (LocalMembers member =
            new LocalMembers(
                1,
                ProcessBuilder.Redirect.INHERIT,
                List.of(untrusted.classes()),
                List.of("--allow", UntrustedClasses.PACKAGE));
        ClusterSupport.Connection client =
            ClusterSupport.load()
                .orElseThrow()
                .connect(member.addresses(), member.clusterName(), ClusterSupport.REACH_SECONDS)) {
      assertEquals("ran", untrusted.runTask(client.executor()));
      assertTrue(Files.exists(untrusted.trace()), "the allowed task was deserialized");
      assertEquals(45, untrusted.sumTermOk(client.executor()));
    }
    assertEquals(List.of(), memberJvms());
  }

  /**
   * {@code java -Djdk.serialFilter=...} sets a JVM-wide filter that the member cannot replace;
   * it refuses to start rather than run with a filter it did not choose.
   */
  @Test
  void member_inAJvmWithAFilterOfItsOwn_refusesToStart(@TempDir Path dir)
      throws IOException, InterruptedException {
    Jvm.Result member =
        Jvm.run(
            dir,
            1,
            List.of(
                "-Djdk.serialFilter=java.**;!*",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "member",
                "--port",
                "0",
                "--until-input-ends"));

    assertEquals(2, member.code(), member.err());
    assertTrue(
        member
            .err()
            .startsWith(
                "error: this JVM already has a deserialization filter (jdk.serialFilter or"
                    + " jdk.serialFilterFactory); member sets its own: name packages with"
                    + " --allow\n"),
        member.err());
    assertEquals("", member.out());
  }

  @Test
  void member_printsJoinsAndLeaves_withTheMemberCount() throws IOException, InterruptedException {
    try (LocalMembers members = new LocalMembers(2)) {
      String second = members.addresses().get(1);
      String cluster = members.clusterName();
      String joined = "Member " + second + " joined cluster '" + cluster + "': 2 members.";
      assertTrue(
          members.awaitLine(0, joined, 60), () -> "no line " + joined + " in " + members.output(0));

      members.process(1).getOutputStream().close(); // it stops
      String left = "Member " + second + " left cluster '" + cluster + "': 1 member.";
      assertTrue(
          members.awaitLine(0, left, 60), () -> "no line " + left + " in " + members.output(0));
    }
    assertEquals(List.of(), memberJvms());
  }

  /**
   * The member is killed while it computes (its CPU time grows): the sum fails, within the
   * client's {@code --cluster-timeout}, naming the cluster and the member it lost, not with
   * Hazelcast's "Client is not active".
   */
  @Test
  void sum_whenTheLastMemberDies_saysNoMemberIsLeft() throws Exception {
    try (LocalMembers member = new LocalMembers(1)) {
      String address = member.addresses().get(0);
      ProcessHandle handle = member.process(0).toHandle();
      Duration before = cpu(handle);
      CompletableFuture<Cli.Run> sum = new CompletableFuture<>();
      Thread client =
          new Thread(
              () ->
                  sum.complete(
                      Cli.run(
                          "sum",
                          "0",
                          "100_000_000_000_000", // hours: it never ends by itself
                          "--cluster",
                          address,
                          "--cluster-name",
                          member.clusterName(),
                          "--cluster-timeout",
                          "2")),
              "sum --cluster");
      client.setDaemon(true);
      client.start();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (cpu(handle).minus(before).compareTo(Duration.ofMillis(1_500)) < 0) {
        assertFalse(sum.isDone(), () -> "the sum ended before the member computed: " + sum.join());
        assertTrue(System.nanoTime() < deadline, "the member did not start computing in 1 min");
        Thread.sleep(50);
      }
      member.process(0).destroyForcibly().waitFor(1, TimeUnit.MINUTES);

      Cli.Run run = sum.get(2, TimeUnit.MINUTES);
      assertEquals(1, run.code(), run.err());
      assertEquals(
          "error: no members left in cluster '"
              + member.clusterName()
              + "': the client lost its connection to its last member, "
              + address
              + ", and reached none again within 2 s\n",
          run.err());
      assertEquals("", run.out());
    }
    assertEquals(List.of(), memberJvms());
  }

  private static Duration cpu(ProcessHandle process) {
    return process
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new AssertionError("no CPU time for pid " + process.pid()));
  }

  /**
   * The test binds a socket of its own to a port the system chose, without {@code SO_REUSEADDR},
   * and never listens on it: while the test runs, no other process can bind that port, and every
   * connection to it is refused, as where no member runs.
   */
  @Test
  void sum_withNoMemberReachable_namesTheAddressesAndTheTime() throws IOException {
    try (Socket reserved = new Socket()) {
      reserved.setReuseAddress(false);
      reserved.bind(new InetSocketAddress("127.0.0.1", 0));
      String address = "127.0.0.1:" + reserved.getLocalPort();

      Cli.Run run =
          Cli.run(
              "sum",
              "0",
              "10",
              "--cluster",
              address,
              "--cluster-name",
              "nobody-here",
              "--cluster-timeout",
              "1");

      assertEquals(1, run.code(), run.err());
      assertTrue(
          run.err()
              .matches(
                  "error: could not reach any member of cluster 'nobody-here' at "
                      + address.replace(".", "\\.")
                      + " within [0-9]+ s: is a member of that cluster name \\(--cluster-name\\)"
                      + " running there\\?\n"),
          run.err());
      assertEquals("", run.out());
    }
  }

  @Test
  void member_help_saysWhatItListensOnAndDeserializes() {
    Cli.Run run = Cli.run("member", "--help");

    assertEquals(0, run.code(), run.err());
    String text = run.out().replaceAll("\\s+", " ");
    assertTrue(text.contains("it listens on 127.0.0.1 only"), run.out());
    assertTrue(text.contains("--allow=PACKAGE[,PACKAGE...]"), run.out());
    assertTrue(text.contains("That is a filter, not authentication"), run.out());
  }

  /** Checked before the member starts, or sets this JVM's deserialization filter. */
  @Test
  void member_badArguments_areUsageErrors() {
    Cli.run("member", "--allow", "com.example,x;*")
        .assertUsageError("--allow (x;*) must be a package name, such as com.example.terms");
    Cli.run("member", "--port", "65536")
        .assertUsageError("port (65536) must be between 0 and 65535");
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
    Cli.run("sum", "0", "10", "--strategy", "threaded", "--cluster", NEVER_CONTACTED)
        .assertUsageError("--cluster does not apply to threaded");
  }

  @Test
  void sum_clusterTimeoutOutOfRange_isAUsageError_namingTheValue() {
    Cli.run("sum", "0", "10", "--cluster", NEVER_CONTACTED, "--cluster-timeout", "0")
        .assertUsageError("cluster-timeout (0) must be between 1 and 86400");
    Cli.run("sum", "0", "10", "--cluster", NEVER_CONTACTED, "--cluster-timeout", "86401")
        .assertUsageError("cluster-timeout (86401) must be between 1 and 86400");
  }

  @Test
  void clusterTimeoutWithoutCluster_isAUsageError() {
    Cli.run("sum", "0", "10", "--cluster-timeout", "5")
        .assertUsageError("--cluster-timeout applies only with --cluster");
    Cli.run("compare", "0", "10", "--members", "1", "--cluster-timeout", "5")
        .assertUsageError("--cluster-timeout applies only with --cluster");
  }

  @Test
  void compare_membersAndCluster_isAUsageError() {
    Cli.run("compare", "0", "10", "--members", "1", "--cluster", NEVER_CONTACTED)
        .assertUsageError("--members and --cluster exclude each other");
  }

  @Test
  void help_listsTheMemberCommand() {
    Cli.Run run = Cli.run("--help");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("member"), run.out());
  }
}
