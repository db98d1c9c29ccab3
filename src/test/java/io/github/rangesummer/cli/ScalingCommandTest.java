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
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

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
  void scaling_svg_drawsChartWithEverySeries() throws Exception {
    Path svg = dir.resolve("scaling.SVG");
    Cli.Run run = scaling("--chart", svg.toString());

    assertEquals(0, run.code(), run.err());
    assertTrue(Files.readString(svg, UTF_8).startsWith("<?xml"));
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Element root = factory.newDocumentBuilder().parse(svg.toFile()).getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
    assertEquals(Integer.toString(SpeedupChart.WIDTH), root.getAttribute("width"));
    assertEquals(Integer.toString(SpeedupChart.HEIGHT), root.getAttribute("height"));
    assertTrue(root.getElementsByTagName("path").getLength() > 10, "lines and lettering drawn");
    String title = root.getElementsByTagName("title").item(0).getTextContent();
    assertTrue(title.startsWith("Speed-up of sum over [0, 100000)"), title);
    String desc = root.getElementsByTagName("desc").item(0).getTextContent();
    for (String series : new String[] {"threaded:", "forkJoin:", "multiProcess:", "ideal:"}) {
      assertTrue(desc.contains(series), () -> series + " described in " + desc);
    }
  }

  @Test
  void scaling_chartInMissingDirectory_isUsageErrorBeforeAnyWork() {
    Path png = dir.resolve("missing").resolve("out.png");
    Cli.Run run = scaling("--chart", png.toString());

    run.assertUsageError(
        "--chart (" + png + "): directory " + png.getParent() + " does not exist");
    assertFalse(Files.exists(png.getParent()));
  }

  @Test
  void scaling_chartIsADirectory_isUsageErrorBeforeAnyWork() throws IOException {
    Path png = Files.createDirectory(dir.resolve("taken.png"));
    scaling("--chart", png.toString())
        .assertUsageError("--chart (" + png + ") cannot be written: it is a directory");
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
        .assertUsageError(
            "max-workers (0) must be between 1 and 256, as multiProcess takes at most 256"
                + " worker JVMs");
  }

  @Test
  void scaling_reversedRange_isUsageError() {
    Cli.run("scaling", "1", "0").assertUsageError("start (1) must be <= end (0)");
  }
}
