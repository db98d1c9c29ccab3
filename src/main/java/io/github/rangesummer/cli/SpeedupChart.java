/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGraphics2D;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The chart of {@code scaling}: a line per strategy and the ideal, drawn by XChart (Apache-2.0), as
 * PNG by XChart's own encoder or as SVG on Batik's {@code SVGGraphics2D} (Apache-2.0).
 */
final class SpeedupChart {

  static final int WIDTH = 800;
  static final int HEIGHT = 500;

  /** Blue, orange, green: dark enough on white, told apart by most readers. */
  private static final Color[] SERIES_COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)
  };

  private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

  /** The chart's file format, chosen by the file name's extension. */
  enum Format {
    PNG,
    SVG
  }

  private SpeedupChart() {}

  /**
   * The format of {@code file}, checked before any measuring: its extension names one, and its
   * directory exists and is writable.
   */
  static Format format(CommandSpec spec, Path file) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    Format format;
    if (lower.endsWith(".png")) {
      format = Format.PNG;
    } else if (lower.endsWith(".svg")) {
      format = Format.SVG;
    } else {
      throw new ParameterException(
          spec.commandLine(), "--chart (" + file + ") must end in .png or .svg");
    }
    Path directory = file.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new ParameterException(
          spec.commandLine(), "--chart (" + file + "): directory " + directory + " does not exist");
    }
    String unwritable = whyUnwritable(file, directory);
    if (unwritable != null) {
      throw new ParameterException(
          spec.commandLine(), "--chart (" + file + ") cannot be written: " + unwritable);
    }
    return format;
  }

  /** Why {@code file} in the existing {@code directory} cannot be written, or null if it can. */
  private static String whyUnwritable(Path file, Path directory) {
    if (Files.isDirectory(file)) {
      return "it is a directory";
    }
    if (!Files.isWritable(directory)) {
      return "directory " + directory + " is not writable";
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      return "the file is read-only";
    }
    return null;
  }

  static void write(
      Path file, Format format, long start, long end, List<ScalingCommand.Point> points)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // no display needed, none opened
    }
    XYChart chart = chart(start, end, points);
    switch (format) {
      case PNG -> {
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile())) {
          throw new IOException("no PNG writer in this JVM");
        }
      }
      case SVG -> {
        Document document = svgDocument();
        SVGGraphics2D svg = new SVGGraphics2D(document);
        svg.setSVGCanvasSize(new Dimension(WIDTH, HEIGHT));
        chart.paint(svg, WIDTH, HEIGHT);
        // XChart draws text as outlines: say in words what the picture shows, for search and
        // screen readers.
        Element root = svg.getRoot();
        Node first = root.getFirstChild();
        root.insertBefore(textElement(document, "title", chart.getTitle()), first);
        root.insertBefore(textElement(document, "desc", describe(points)), first);
        try (Writer out = Files.newBufferedWriter(file, UTF_8)) {
          svg.stream(root, out, true, false);
        }
      }
    }
  }

  private static Document svgDocument() throws IOException {
    try {
      return DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .getDOMImplementation()
          .createDocument(SVG_NAMESPACE, "svg", null);
    } catch (ParserConfigurationException e) {
      throw new IOException("no XML DOM to draw the SVG chart on", e);
    }
  }

  private static Element textElement(Document document, String name, String text) {
    Element element = document.createElementNS(SVG_NAMESPACE, name);
    element.setTextContent(text);
    return element;
  }

  /** The series in words: {@code threaded: 1 worker 0.98x, 2 workers 1.71x; ...}. */
  private static String describe(List<ScalingCommand.Point> points) {
    StringBuilder text = new StringBuilder("Speed-up against sequential by number of workers. ");
    for (int s = 0; s < ScalingCommand.PARALLEL.length; s++) {
      text.append(ScalingCommand.PARALLEL[s]).append(':');
      for (ScalingCommand.Point point : points) {
        text.append(
            String.format(
                Locale.ROOT, " %d workers %.2fx,", point.workers(), point.speedups()[s]));
      }
      text.setLength(text.length() - 1);
      text.append("; ");
    }
    return text.append("ideal: speed-up equal to the number of workers.").toString();
  }

  static XYChart chart(long start, long end, List<ScalingCommand.Point> points) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                String.format(
                    Locale.ROOT,
                    "Speed-up of sum over [%d, %d): %d available processors, Java %s",
                    start,
                    end,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version")))
            .xAxisTitle("workers")
            .yAxisTitle("speed-up against sequential")
            .build();
    XYStyler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(true);
    styler.setPlotBorderColor(Color.GRAY);
    styler.setPlotGridLinesColor(new Color(0xdddddd));
    styler.setChartTitleBoxVisible(false);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setLegendPosition(Styler.LegendPosition.InsideNW);
    styler.setLegendBorderColor(Color.LIGHT_GRAY);
    styler.setXAxisDecimalPattern("0");
    styler.setXAxisMaxLabelCount(Math.min(points.size(), 16));
    styler.setYAxisDecimalPattern("0.0");
    styler.setYAxisMin(0.0);
    styler.setAntiAlias(true);

    double[] workers = points.stream().mapToDouble(ScalingCommand.Point::workers).toArray();
    for (int s = 0; s < ScalingCommand.PARALLEL.length; s++) {
      Strategy strategy = ScalingCommand.PARALLEL[s];
      int index = s;
      XYSeries series =
          chart.addSeries(
              strategy == Strategy.FORK_JOIN
                  ? "forkJoin (and the calling thread)"
                  : strategy.toString(),
              workers,
              points.stream().mapToDouble(p -> p.speedups()[index]).toArray());
      Color color = SERIES_COLORS[s % SERIES_COLORS.length];
      series.setLineColor(color);
      series.setMarkerColor(color);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setLineStyle(new BasicStroke(2f));
    }
    XYSeries ideal = chart.addSeries("ideal", workers, workers);
    ideal.setLineColor(Color.GRAY);
    ideal.setMarker(SeriesMarkers.NONE);
    ideal.setLineStyle(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
    return chart;
  }
}
