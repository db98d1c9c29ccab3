/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scaling} with one worker and one timed run: one worker JVM per test. */
class ScalingCommandTest {

  @TempDir Path dir;

  private static Cli.Run scaling(String... options) {
    String[] base = {
      "scaling", "0", "100000", "--max-workers", "1", "--warmup", "1", "--repeat", "1"
    };
    String[] args = Arrays.copyOf(base, base.length + options.length);
    System.arraycopy(options, 0, args, base.length, options.length);
    return Cli.run(args);
  }

  @Test
  void scaling_png_printsTableAndDrawsChart() throws IOException {
    Path png = dir.resolve("scaling.png");
    Cli.Run run = scaling("--chart", png.toString());

    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err(), "no progress bar when standard error is not a terminal");
    List<String> lines = run.out().lines().toList();
    int header = lines.indexOf("workers  sequential  threaded  forkJoin  multiProcess  ideal");
    assertTrue(header > 0, run.out());
    assertTrue(
        lines.get(header + 1).matches(" +1 +[0-9.]+ (ms|s) +[0-9.]+x +[0-9.]+x +[0-9.]+x +1\\.00x"),
        lines.get(header + 1));
    assertTrue(run.out().contains("Chart written to " + png + "."), run.out());

    byte[] magic = Arrays.copyOf(Files.readAllBytes(png), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image);
    assertEquals(SpeedupChart.WIDTH, image.getWidth());
    assertEquals(SpeedupChart.HEIGHT, image.getHeight());
  }

  @Test
  void scaling_svg_drawsChartWithEverySeries() throws IOException {
    Path svg = dir.resolve("scaling.SVG");
    Cli.Run run = scaling("--chart", svg.toString());

    assertEquals(0, run.code(), run.err());
    String text = Files.readString(svg, UTF_8);
    assertTrue(text.startsWith("<?xml"), text.substring(0, Math.min(80, text.length())));
    assertTrue(text.contains("<svg"));
    assertTrue(text.strip().endsWith("</svg>"));
    for (String series : new String[] {"threaded", "forkJoin", "multiProcess", "ideal"}) {
      assertTrue(text.contains(series), series + " in the legend");
    }
  }

  @Test
  void scaling_unknownChartFormat_isUsageErrorBeforeAnyWork() {
    Path gif = dir.resolve("scaling.gif");
    Cli.Run run = scaling("--chart", gif.toString());

    run.assertUsageError("--chart (" + gif + ") must end in .png or .svg");
    assertFalse(Files.exists(gif));
  }

  @Test
  void scaling_zeroMaxWorkers_isUsageError() {
    Cli.run("scaling", "0", "10", "--max-workers", "0")
        .assertUsageError("max-workers (0) must be between 1 and 256");
  }

  @Test
  void scaling_reversedRange_isUsageError() {
    Cli.run("scaling", "1", "0").assertUsageError("start (1) must be <= end (0)");
  }
}
