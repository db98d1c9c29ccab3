/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.closedForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory does not grow with the range: no strategy holds an object per chunk or element, so sums
 * over 10<sup>10</sup> elements run in a 32 MiB heap, {@code multiProcess(2)} included.
 */
class MemoryTest {

  private static final long MAX_HEAP = 32L << 20;

  @Test
  void sumExact_tenBillionElements_runsInThirtyTwoMebibyteHeap() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx32m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                SmallHeapMain.class.getName())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
    try {
      // Hang detection only: the child needs a few seconds on a busy machine.
      assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the child JVM ends");
    } finally {
      process.destroyForcibly();
    }
    String text = output.get(10, TimeUnit.SECONDS);
    assertEquals(0, process.exitValue(), text);

    List<String> expected = new ArrayList<>();
    String sum = closedForm(0, SmallHeapMain.END).toString(); // 49999999995000000000
    for (String strategy : SmallHeapMain.strategies(null).keySet()) {
      expected.add(strategy + "=" + sum);
    }
    List<String> lines = new ArrayList<>(text.lines().toList());
    String maxMemory = lines.remove(0);
    assertTrue(maxMemory.startsWith("maxMemory="), text);
    long heap = Long.parseLong(maxMemory.substring("maxMemory=".length()));
    assertTrue(heap <= MAX_HEAP, () -> "heap of " + heap + " bytes");
    assertEquals(expected, lines, text);
  }

  private static String read(Process process) {
    try (InputStream in = process.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
