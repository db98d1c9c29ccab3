/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that writes a line longer than the parent's heap (issue 13): the parent forwards it
 * cut, in bounded memory, and the lines after it still arrive.
 */
class WorkerOutputTest {

  @Test
  void workerWritesEndlessLine_parentInSmallHeapForwardsItCutAndKeepsForwarding(
      @TempDir Path dir) throws Exception {
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                NoisyWorkerMain.class.getName())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    process.getOutputStream().close();
    try {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM ends");
    } finally {
      process.destroyForcibly();
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), () -> out + tail(stderr));
    assertEquals("sum=45", out.strip(), () -> out + tail(stderr));

    int longest = 0;
    boolean cut = false;
    boolean lastWords = false;
    try (BufferedReader lines = Files.newBufferedReader(stderr, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        longest = Math.max(longest, line.length());
        cut |= line.contains("[cut:");
        lastWords |= line.endsWith(NoisyWorkerMain.LAST_WORDS);
      }
    }
    assertTrue(cut, () -> "a cut marker" + tail(stderr));
    assertTrue(lastWords, () -> "the worker's last words arrive" + tail(stderr));
    assertTrue(longest < 2 * RangeSummer.MAX_FORWARDED_LINE, "longest line " + longest);
  }

  private static String tail(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      int from = Math.max(0, bytes.length - 2_000);
      return "\nstderr tail: " + new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "\n(no stderr: " + e + ")";
    }
  }
}
