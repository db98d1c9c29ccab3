/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The chart of {@code scaling}, drawn with JFreeChart: a line per strategy and the ideal. */
final class SpeedupChart {

  static final int WIDTH = 800;
  static final int HEIGHT = 500;

  /** Blue, orange, green: dark enough on white, told apart by most readers. */
  private static final Color[] SERIES_COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)
  };

  /** The chart's file format, chosen by the file name's extension. */
  enum Format {
    PNG,
    SVG
  }

  private SpeedupChart() {}

  static Format format(CommandSpec spec, Path file) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return Format.PNG;
    }
    if (lower.endsWith(".svg")) {
      return Format.SVG;
    }
    throw new ParameterException(
        spec.commandLine(), "--chart (" + file + ") must end in .png or .svg");
  }

  static void write(
      Path file, Format format, long start, long end, List<ScalingCommand.Point> points)
      throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // no display needed, none opened
    }
    JFreeChart chart = chart(start, end, points);
    switch (format) {
      case PNG -> ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
      case SVG -> {
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(svg, new Rectangle(0, 0, WIDTH, HEIGHT));
        Files.writeString(file, svg.getSVGDocument(), UTF_8);
      }
    }
  }

  static JFreeChart chart(long start, long end, List<ScalingCommand.Point> points) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (int s = 0; s < ScalingCommand.PARALLEL.length; s++) {
      Strategy strategy = ScalingCommand.PARALLEL[s];
      XYSeries series =
          new XYSeries(
              strategy == Strategy.FORK_JOIN
                  ? "forkJoin (and the calling thread)"
                  : strategy.toString());
      for (ScalingCommand.Point point : points) {
        series.add(point.workers(), point.speedups()[s]);
      }
      data.addSeries(series);
    }
    XYSeries ideal = new XYSeries("ideal");
    for (ScalingCommand.Point point : points) {
      ideal.add(point.workers(), point.workers());
    }
    data.addSeries(ideal);

    JFreeChart chart =
        ChartFactory.createXYLineChart(
            String.format(Locale.ROOT, "Speed-up of sum over [%d, %d)", start, end),
            "workers",
            "speed-up against sequential",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    chart.addSubtitle(
        new TextTitle(
            String.format(
                Locale.ROOT,
                "%d available processors, Java %s",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"))));
    chart.setBackgroundPaint(Color.WHITE);

    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    int idealIndex = data.getSeriesCount() - 1;
    for (int s = 0; s < idealIndex; s++) {
      renderer.setSeriesPaint(s, SERIES_COLORS[s % SERIES_COLORS.length]);
      renderer.setSeriesStroke(s, new BasicStroke(2f));
    }
    renderer.setSeriesPaint(idealIndex, Color.GRAY);
    renderer.setSeriesShapesVisible(idealIndex, false);
    renderer.setSeriesStroke(
        idealIndex,
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
    plot.setRenderer(renderer);
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    return chart;
  }
}
