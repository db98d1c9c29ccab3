/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar as the README does, {@code java -jar target/...-cli.jar}, in a JVM of its own
 * with piped output. Failsafe runs this after {@code package} and passes the jar's path as the
 * system property {@code cli.jar}.
 */
class ShadedJarIT {

  private static Path jar;

  /** The processes' output files; JUnit deletes it and them after the last test, pass or fail. */
  @TempDir static Path tmp;

  @BeforeAll
  static void findJar() {
    String property = System.getProperty("cli.jar");
    assertTrue(property != null, "system property cli.jar, set by failsafe");
    jar = Path.of(property);
    assertTrue(Files.isRegularFile(jar), () -> jar + " exists: run mvn verify");
  }

  private static Jvm.Result java(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    return Jvm.run(tmp, 5, command);
  }

  @Test
  void compare_endToEnd() throws IOException, InterruptedException {
    Jvm.Result result = java("compare", "0", "1000000", "--repeat", "1");

    assertEquals(0, result.code(), result.err());
    assertEquals("", result.err(), "nothing on stderr: no progress bar when piped, no warning");
    assertTrue(
        result.out().startsWith("Sum of [0, 1000000): 1000000 integers, closed form 499999500000."),
        result.out());
    for (String strategy : CompareCommandTest.STRATEGIES) {
      assertTrue(
          result
              .out()
              .lines()
              .anyMatch(l -> l.matches(strategy + " +[0-9+]+ +499999500000  ok .*")),
          () -> strategy + " checked ok in\n" + result.out());
    }
  }

  @Test
  void sum_onWorkerJvmsStartedFromTheJar() throws IOException, InterruptedException {
    Jvm.Result result = java("sum", "0", "1000000", "--strategy", "multiProcess", "--workers", "2");

    assertEquals(0, result.code(), result.err());
    assertEquals("499999500000\n", result.out());
    assertEquals("", result.err());
  }

  @Test
  void jar_carriesLicencesAndNoCopyleftCode() throws IOException {
    try (JarFile cli = new JarFile(jar.toFile())) {
      for (String notice : new String[] {"META-INF/LICENSE", "META-INF/NOTICE"}) {
        assertNotNull(cli.getEntry(notice), notice);
      }
      ZipEntry listing = cli.getEntry("META-INF/THIRD-PARTY.txt");
      assertNotNull(listing, "the generated third-party listing");
      String text = new String(cli.getInputStream(listing).readAllBytes(), UTF_8);
      for (String artifact :
          new String[] {"com.google.guava:guava:", "info.picocli:picocli:", "org.knowm.xchart:xchart:",
            "org.apache.xmlgraphics:batik-svggen:", "com.google.code.gson:gson:"}) {
        assertTrue(text.contains(artifact), () -> artifact + " listed in\n" + text);
      }
      assertFalse(text.contains("GPL"), text);
      // JFreeChart (LGPL), JFreeSVG (GPL) and XChart's VectorGraphics2D (LGPL): none of their code.
      List<String> copyleft =
          cli.stream()
              .map(ZipEntry::getName)
              .filter(name -> name.startsWith("org/jfree/") || name.startsWith("de/erichseifert/"))
              .toList();
      assertEquals(List.of(), copyleft);
    }
  }

  @Test
  void jar_holdsTheClusterClassesAndNoBuildRecords() throws IOException {
    try (JarFile cli = new JarFile(jar.toFile())) {
      assertNotNull(
          cli.getEntry("io/github/rangesummer/cli/MemberCommand.class"),
          "the member command, from the cluster classes");
      assertNull(cli.getEntry("META-INF/jpms.args"), "the compiler's record of its options");
      assertNull(cli.getEntry("module-info.class"), "a module descriptor in a class-path jar");
    }
  }

  @Test
  void version_and_usageError() throws IOException, InterruptedException {
    Jvm.Result version = java("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("range-summer "), version.out());

    Jvm.Result error = java("sum", "5", "3");
    assertEquals(2, error.code());
    assertTrue(error.err().startsWith("error: start (5) must be <= end (3)\nUsage:"), error.err());
    assertTrue(!error.err().contains("\tat "), error.err());
  }

  @Test
  void member_thenSumOnTheCluster_asTheReadmeSays() throws IOException, InterruptedException {
    String cluster = "range-summer-it-" + UUID.randomUUID();
    Process member =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "member",
                "--port",
                "0",
                "--cluster-name",
                cluster,
                "--until-input-ends")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String address = awaitReady(member);
      assertTrue(address.startsWith("127.0.0.1:"), address);

      Jvm.Result sum = java("sum", "0", "1_000_000", "--cluster", address, "--cluster-name", cluster);

      assertEquals(0, sum.code(), sum.err());
      assertEquals("499999500000\n", sum.out());
    } finally {
      member.getOutputStream().close(); // the member's input ends: it stops
      if (!member.waitFor(1, TimeUnit.MINUTES)) {
        member.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
      }
    }
    assertFalse(member.isAlive(), "the member JVM was left behind");
  }

  /**
   * The address in the line the member prints when it is ready, on the port the system chose;
   * waits at most a minute, reading on a thread of its own.
   */
  private static String awaitReady(Process member) throws InterruptedException {
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(new InputStreamReader(member.getInputStream(), UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("Member ") && line.endsWith(" is ready.")) {
                    ready.complete(line.split(" ", 3)[1]);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(
                  new AssertionError("the member ended before it was ready"));
            },
            "member output");
    reader.setDaemon(true);
    reader.start();
    try {
      return ready.get(1, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the member was not ready", e);
    }
  }
}
