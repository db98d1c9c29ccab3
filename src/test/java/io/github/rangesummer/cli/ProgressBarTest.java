/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private final StringWriter screen = new StringWriter();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private ProgressBar bar(boolean enabled, long steps) {
    return new ProgressBar(new PrintWriter(screen), enabled, steps, now::get);
  }

  private void advance(long nanos) {
    now.addAndGet(nanos);
  }

  @Test
  void render_showsFilledCellsAndPercent() {
    assertEquals("[------------------------------]   0%  sum", ProgressBar.render(0.0, "sum"));
    assertEquals("[###############---------------]  50%  sum", ProgressBar.render(0.5, "sum"));
    assertEquals("[##############################] 100%  sum", ProgressBar.render(1.0, "sum"));
  }

  @Test
  void render_roundsDown_soOnlyDoneReads100() {
    assertEquals(
        "[#############################-] 99%  x".replace("] 99", "]  99"),
        ProgressBar.render(0.9999, "x"));
  }

  @Test
  void render_clampsOutOfRangeFractions() {
    assertEquals(ProgressBar.render(0.0, ""), ProgressBar.render(-1.0, ""));
    assertEquals(ProgressBar.render(1.0, ""), ProgressBar.render(2.0, ""));
  }

  @Test
  void quickWork_drawsNothing() {
    ProgressBar bar = bar(true, 1);
    bar.beginStep("sum");
    bar.onProgress(50, 100);
    bar.onProgress(100, 100);
    bar.finish();

    assertEquals("", screen.toString());
  }

  @Test
  void longWork_redrawsInPlaceThenErases() {
    ProgressBar bar = bar(true, 1);
    bar.beginStep("sum");
    advance(ProgressBar.SHOW_AFTER_NANOS);
    bar.onProgress(25, 100);
    advance(ProgressBar.REDRAW_NANOS);
    bar.onProgress(50, 100);

    String line25 = ProgressBar.render(0.25, "sum");
    String line50 = ProgressBar.render(0.50, "sum");
    assertEquals("\r" + line25 + "\r" + line50, screen.toString());

    bar.finish();
    assertTrue(screen.toString().endsWith("\r" + " ".repeat(line50.length()) + "\r"));
  }

  @Test
  void redraws_areThrottled() {
    ProgressBar bar = bar(true, 1);
    bar.beginStep("sum");
    advance(ProgressBar.SHOW_AFTER_NANOS);
    bar.onProgress(1, 100);
    int drawn = screen.toString().length();
    bar.onProgress(2, 100);
    bar.onProgress(3, 100);
    advance(ProgressBar.REDRAW_NANOS - 1);
    bar.onProgress(4, 100);

    assertEquals(drawn, screen.toString().length());
  }

  @Test
  void steps_shareTheBar() {
    ProgressBar bar = bar(true, 4);
    advance(ProgressBar.SHOW_AFTER_NANOS);
    bar.beginStep("a");
    advance(ProgressBar.REDRAW_NANOS);
    bar.beginStep("b");
    advance(ProgressBar.REDRAW_NANOS);
    bar.onProgress(1, 2);

    assertTrue(screen.toString().endsWith("\r" + ProgressBar.render(1.5 / 4, "b")));
  }

  @Test
  void shorterLine_coversTheLongerOne() {
    ProgressBar bar = bar(true, 2);
    advance(ProgressBar.SHOW_AFTER_NANOS);
    bar.beginStep("a long label");
    advance(ProgressBar.REDRAW_NANOS);
    bar.beginStep("short");

    String expected = ProgressBar.render(0.5, "short") + " ".repeat("a long label".length() - 5);
    assertTrue(screen.toString().endsWith("\r" + expected));
  }

  @Test
  void disabled_neverDraws() {
    ProgressBar bar = bar(false, 1);
    advance(ProgressBar.SHOW_AFTER_NANOS * 10);
    bar.beginStep("sum");
    bar.onProgress(1, 2);
    bar.finish();

    assertEquals("", screen.toString());
    assertFalse(bar.enabled());
  }

  @Test
  void unsignedCounts_beyondLongMax() {
    ProgressBar bar = bar(true, 1);
    advance(ProgressBar.SHOW_AFTER_NANOS);
    bar.onProgress(Long.MIN_VALUE, -1L); // 2^63 of 2^64 - 1 elements

    assertEquals("\r" + ProgressBar.render(0.5, ""), screen.toString());
  }

  @Test
  void printAbove_erasesTheBarPrintsTheLineAndDrawsTheBarAgain() {
    ProgressBar bar = bar(true, 1);
    bar.beginStep("sum");
    advance(ProgressBar.SHOW_AFTER_NANOS);
    bar.onProgress(1, 4);
    String line = ProgressBar.render(0.25, "sum");

    bar.printAbove("WARNING: a chunk was lost");

    assertEquals(
        "\r" + line + "\r" + " ".repeat(line.length()) + "\r"
            + "WARNING: a chunk was lost" + System.lineSeparator() + line,
        screen.toString());
  }

  @Test
  void printAbove_withoutABarOnScreen_printsTheLineOnly() {
    ProgressBar bar = bar(true, 1);
    bar.printAbove("first\n");
    bar.finish();
    bar.printAbove("second\n");

    assertEquals("first\nsecond\n", screen.toString());
  }

  @Test
  void finish_isForGood() {
    ProgressBar bar = bar(true, 1);
    advance(ProgressBar.SHOW_AFTER_NANOS);
    bar.finish();
    bar.beginStep("late");
    bar.onProgress(1, 2);

    assertEquals("", screen.toString());
  }

  /** The library's warnings, through java.util.logging's root console handler until close(). */
  @Test
  void routingLog_putsLibraryRecordsAboveTheBar_untilClosed() {
    Logger root = Logger.getLogger("");
    List<Handler> before = List.of(root.getHandlers());
    System.Logger library = System.getLogger("io.github.rangesummer");
    String line = ProgressBar.render(0.5, "sum");
    try (ProgressBar bar = bar(true, 1).routingLog()) {
      bar.beginStep("sum");
      advance(ProgressBar.SHOW_AFTER_NANOS);
      bar.onProgress(1, 2);

      library.log(System.Logger.Level.WARNING, "chunk [0, 10) was lost");

      String[] lines = screen.toString().split("\\R", -1);
      assertTrue(lines[lines.length - 2].equals("WARNING: chunk [0, 10) was lost"), screen::toString);
      assertEquals(line, lines[lines.length - 1], "the bar, drawn again");
      assertFalse(List.of(root.getHandlers()).containsAll(before), "console handlers set aside");
    }
    assertEquals(before, List.of(root.getHandlers()));
  }

  @Test
  void terminalDevices_areRecognised() {
    assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
    assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
    assertFalse(Terminal.isTerminalDevice("pipe:[123456]"));
    assertFalse(Terminal.isTerminalDevice("/tmp/err.log"));
    assertFalse(Terminal.isTerminalDevice("/dev/null"));
  }
}
